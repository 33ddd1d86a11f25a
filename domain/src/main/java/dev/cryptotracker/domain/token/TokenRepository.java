package dev.cryptotracker.domain.token;

import java.util.List;
import java.util.Optional;

/** Port for tokens. Implementations map database failures to the domain's exceptions. */
public interface TokenRepository {

    /**
     * Inserts a token.
     *
     * @throws dev.cryptotracker.domain.SymbolAlreadyExistsException when the symbol is taken, also when two inserts
     *         race
     */
    Token create(String symbol, String name);

    Optional<Token> findBySymbol(String symbol);

    /** Every token, ordered by symbol. */
    List<Token> findAll();
}
