package dev.cryptotracker.it.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cryptotracker.domain.SymbolAlreadyExistsException;
import dev.cryptotracker.domain.UnknownSymbolException;
import dev.cryptotracker.domain.ValidationException;
import dev.cryptotracker.domain.token.Token;
import dev.cryptotracker.domain.token.TokenService;
import dev.cryptotracker.persistence.JooqTokenRepository;
import dev.cryptotracker.testkit.DatabaseHelper;
import dev.cryptotracker.testkit.Service;
import dev.cryptotracker.testkit.Testkit;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

/** Tokens on the real schema. */
@Testkit(Service.POSTGRES)
class TokenRepositoryIT {

    private final DatabaseHelper db;
    private final JooqTokenRepository repository;
    private final TokenService tokens;

    TokenRepositoryIT(DSLContext sql, DatabaseHelper db) {
        this.db = db;
        this.repository = new JooqTokenRepository(sql);
        this.tokens = new TokenService(repository);
    }

    @Test
    void everyTokenRepositoryQueryRunsAgainstTheSchema() {
        Token eth = repository.create("ETH", "Ether");
        Token btc = repository.create("BTC", "Bitcoin");

        assertThat(eth.id()).isPositive();
        assertThat(eth.createdAt()).isNotNull();
        assertThat(repository.findBySymbol("BTC")).contains(btc);
        assertThat(repository.findBySymbol("XRP")).isEmpty();
        assertThat(repository.findAll()).containsExactly(btc, eth);
    }

    @Test
    void addedTokensAreListedBySymbol() {
        tokens.add("sol", "Solana");
        tokens.add("ada", "Cardano");

        assertThat(tokens.list()).extracting(Token::symbol).containsExactly("ADA", "SOL");
        assertThat(tokens.findBySymbol("Sol").name()).isEqualTo("Solana");
        assertThatThrownBy(() -> tokens.findBySymbol("XRP"))
                .isInstanceOf(UnknownSymbolException.class)
                .hasMessage("no token with symbol XRP");
    }

    @Test
    void takenSymbolIsRejectedByTheUniqueKey() {
        tokens.add("BTC", "Bitcoin");

        assertThatThrownBy(() -> tokens.add("btc", "Bitcoin Cash"))
                .isInstanceOf(SymbolAlreadyExistsException.class)
                .hasMessage("a token with symbol BTC already exists");
        assertThat(db.rowCount("tokens")).isEqualTo(1);
        assertThat(tokens.findBySymbol("BTC").name()).isEqualTo("Bitcoin");
    }

    @Test
    void malformedSymbolIsRejectedBeforeSqlAndByTheCheckConstraint() {
        assertThatThrownBy(() -> tokens.add("BTC-USD", "Pair"))
                .isInstanceOf(ValidationException.class)
                .hasMessage("token symbol must be 1 to 16 ASCII letters or digits, got 'BTC-USD'");
        assertThatThrownBy(() -> repository.create("btc", "Lower case"))
                .isInstanceOf(ValidationException.class)
                .hasMessage("cannot create a token: the value breaks the rule tokens_symbol_format_check");
        assertThat(db.rowCount("tokens")).isZero();
    }
}
