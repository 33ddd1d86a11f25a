package dev.cryptotracker.persistence;

import static dev.cryptotracker.persistence.jooq.Tables.TOKENS;

import dev.cryptotracker.domain.SymbolAlreadyExistsException;
import dev.cryptotracker.domain.token.Token;
import dev.cryptotracker.domain.token.TokenRepository;
import dev.cryptotracker.persistence.jooq.tables.records.TokensRecord;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/** Tokens in PostgreSQL. */
public final class JooqTokenRepository implements TokenRepository {

    static final String SYMBOL_UNIQUE_KEY = "tokens_symbol_key";

    private final DSLContext sql;

    public JooqTokenRepository(DSLContext sql) {
        this.sql = Objects.requireNonNull(sql, "sql");
    }

    @Override
    public Token create(String symbol, String name) {
        try {
            return toToken(sql.insertInto(TOKENS)
                    .set(TOKENS.SYMBOL, symbol)
                    .set(TOKENS.NAME, name)
                    .returning()
                    .fetchSingle());
        } catch (DataAccessException e) {
            throw PersistenceErrors.translate("create a token", e,
                    constraint -> SYMBOL_UNIQUE_KEY.equals(constraint) ? new SymbolAlreadyExistsException(symbol, e) : null);
        }
    }

    @Override
    public Optional<Token> findBySymbol(String symbol) {
        try {
            return sql.selectFrom(TOKENS)
                    .where(TOKENS.SYMBOL.eq(symbol))
                    .fetchOptional()
                    .map(JooqTokenRepository::toToken);
        } catch (DataAccessException e) {
            throw PersistenceErrors.translate("find a token", e, constraint -> null);
        }
    }

    @Override
    public List<Token> findAll() {
        try {
            return sql.selectFrom(TOKENS)
                    .orderBy(TOKENS.SYMBOL)
                    .fetch(JooqTokenRepository::toToken);
        } catch (DataAccessException e) {
            throw PersistenceErrors.translate("list tokens", e, constraint -> null);
        }
    }

    private static Token toToken(TokensRecord row) {
        return new Token(row.getId(), row.getSymbol(), row.getName(), row.getCreatedAt());
    }
}
