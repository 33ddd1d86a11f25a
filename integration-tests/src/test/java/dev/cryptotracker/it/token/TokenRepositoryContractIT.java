package dev.cryptotracker.it.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.cryptotracker.domain.token.Token;
import dev.cryptotracker.persistence.JooqTokenRepository;
import dev.cryptotracker.testkit.Service;
import dev.cryptotracker.testkit.Testkit;
import java.time.Instant;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.Test;

/**
 * The full contract of every {@link JooqTokenRepository} query: exact matches only, every token listed, ordered by
 * symbol even once an UPDATE has moved a row to the end of the heap, and an empty list for no tokens.
 */
@Testkit(Service.POSTGRES)
class TokenRepositoryContractIT {

    private final DSLContext sql;
    private final JooqTokenRepository repository;

    TokenRepositoryContractIT(DSLContext sql) {
        this.sql = sql;
        this.repository = new JooqTokenRepository(sql);
    }

    @Test
    void listsNothingWhenNoTokenIsRegistered() {
        assertThat(repository.findAll()).isEmpty();
    }

    @Test
    void listsEveryTokenBySymbolAfterAnUpdateMovedTheFirstToTheEndOfTheHeap() {
        Token aave = repository.create("AAVE", "Aave");
        Token btc = repository.create("BTC", "Bitcoin");
        Token eth = repository.create("ETH", "Ether");
        sql.execute("UPDATE tokens SET name = 'Aave protocol' WHERE symbol = 'AAVE'");

        // The premise: the updated row now lies last in the table, so only an ORDER BY puts it first.
        assertThat(sql.fetch("SELECT symbol FROM tokens ORDER BY ctid").getValues(0, String.class))
                .containsExactly("BTC", "ETH", "AAVE");
        assertThat(repository.findAll()).extracting(Token::id, Token::symbol)
                .containsExactly(tuple(aave.id(), "AAVE"),
                        tuple(btc.id(), "BTC"),
                        tuple(eth.id(), "ETH"));
    }

    @Test
    void listsBySymbolNotByInsertionOrderOrName() {
        Token zec = repository.create("ZEC", "A Zcash");
        Token ada = repository.create("ADA", "Z Cardano");
        Token dot = repository.create("DOT", "Polkadot");

        assertThat(repository.findAll()).containsExactly(ada, dot, zec);
    }

    @Test
    void findsOnlyTheTokenWhoseSymbolMatchesExactly() {
        Token btc = repository.create("BTC", "Bitcoin");
        Token btcb = repository.create("BTCB", "Bitcoin BEP2");

        assertThat(repository.findBySymbol("BTC")).contains(btc);
        assertThat(repository.findBySymbol("BTCB")).contains(btcb);
        assertThat(repository.findBySymbol("BT")).isEmpty();
        assertThat(repository.findBySymbol("btc")).as("symbols are stored canonical; no case folding").isEmpty();
        assertThat(repository.findBySymbol("BTC%")).isEmpty();
        assertThat(repository.findBySymbol("BT_")).isEmpty();
    }

    @Test
    void createReturnsTheStoredRowWithItsIdAndTheDatabasesCreationTime() {
        Instant before = sql.fetchValue(DSL.select(DSL.field("clock_timestamp()", SQLDataType.INSTANT)));

        Token first = repository.create("SOL", "Solana");
        Token second = repository.create("DOT", "Polkadot");

        assertThat(first.id()).isEqualTo(1);
        assertThat(second.id()).isEqualTo(2);
        assertThat(first.symbol()).isEqualTo("SOL");
        assertThat(first.name()).isEqualTo("Solana");
        assertThat(first.createdAt()).isAfterOrEqualTo(before);
        assertThat(repository.findBySymbol("SOL")).contains(first);
        assertThat(repository.findAll()).containsExactly(second, first);
    }

    @Test
    void storesANonAsciiNameExactly() {
        String name = "Ğüşöç İıi Zoë 日本 😀";

        repository.create("NAMES", name);

        assertThat(repository.findBySymbol("NAMES").orElseThrow().name()).isEqualTo(name);
        assertThat(sql.fetchValue("SELECT length(name) FROM tokens WHERE symbol = 'NAMES'"))
                .isEqualTo(name.codePointCount(0, name.length()));
    }
}
