package dev.cryptotracker.domain.token;

import dev.cryptotracker.domain.DisplayText;
import dev.cryptotracker.domain.UnknownSymbolException;
import java.util.List;
import java.util.Objects;

/** Registers and lists the tokens alerts may watch. */
public final class TokenService {

    /** Length of {@code tokens.name}. */
    public static final int MAX_NAME_LENGTH = 100;

    private final TokenRepository tokens;

    public TokenService(TokenRepository tokens) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
    }

    /**
     * Registers a token; the symbol is stored upper-cased.
     *
     * @throws dev.cryptotracker.domain.ValidationException when symbol or name is missing or malformed
     * @throws dev.cryptotracker.domain.SymbolAlreadyExistsException when the symbol is taken
     */
    public Token add(String symbol, String name) {
        String validSymbol = TokenSymbol.requireValid(symbol);
        String validName = DisplayText.requireValid("token name", name, MAX_NAME_LENGTH);
        return tokens.create(validSymbol, validName);
    }

    /** Every token, ordered by symbol. */
    public List<Token> list() {
        return tokens.findAll();
    }

    /** @throws UnknownSymbolException when no token has this symbol */
    public Token findBySymbol(String symbol) {
        String validSymbol = TokenSymbol.requireValid(symbol);
        return tokens.findBySymbol(validSymbol).orElseThrow(() -> new UnknownSymbolException(validSymbol));
    }
}
