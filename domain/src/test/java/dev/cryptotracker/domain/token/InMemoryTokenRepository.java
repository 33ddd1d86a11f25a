package dev.cryptotracker.domain.token;

import dev.cryptotracker.domain.SymbolAlreadyExistsException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A map-backed repository for unit tests of the services' validation; the real one is proven in *IT. */
public final class InMemoryTokenRepository implements TokenRepository {

    private final Map<String, Token> tokens = new TreeMap<>();
    private int creates;

    @Override
    public Token create(String symbol, String name) {
        creates++;
        if (tokens.containsKey(symbol)) {
            throw new SymbolAlreadyExistsException(symbol);
        }
        Token token = new Token(tokens.size() + 1, symbol, name, Instant.EPOCH);
        tokens.put(symbol, token);
        return token;
    }

    @Override
    public Optional<Token> findBySymbol(String symbol) {
        return Optional.ofNullable(tokens.get(symbol));
    }

    @Override
    public List<Token> findAll() {
        List<Token> all = new ArrayList<>(tokens.values());
        all.sort(Comparator.comparing(Token::symbol));
        return all;
    }

    /** How often {@link #create} was reached. */
    public int creates() {
        return creates;
    }
}
