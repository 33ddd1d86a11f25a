package dev.cryptotracker.it.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cryptotracker.domain.alert.AlertService;
import dev.cryptotracker.domain.alert.AlertType;
import dev.cryptotracker.domain.auth.AuthResult;
import dev.cryptotracker.domain.token.TokenService;
import dev.cryptotracker.persistence.JooqAlertRepository;
import dev.cryptotracker.persistence.JooqTokenRepository;
import dev.cryptotracker.testkit.DatabaseHelper;
import dev.cryptotracker.testkit.SqlFixture;
import dev.cryptotracker.testkit.Testkit;
import java.math.BigDecimal;
import java.time.Clock;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;

/**
 * The article's pattern, with the testkit's fixtures: every test starts from one seeded user and two tokens
 * ({@code fixtures/alice-and-tokens.sql}), and from nothing else — what a test adds is gone in the next.
 */
@Testkit
@SqlFixture("fixtures/alice-and-tokens.sql")
class SeededAccountIT {

    private final AuthSetup setup;
    private final DSLContext sql;

    SeededAccountIT(DataSource dataSource, RedissonClient redis, DSLContext sql) {
        this.setup = AuthSetup.over(dataSource, redis);
        this.sql = sql;
    }

    @Test
    void theSeededUserLogsInWithItsPassword() {
        AuthResult alice = setup.auth.login("alice@example.com", "correct horse battery");

        assertThat(alice.user().id()).isEqualTo(1L);
        assertThat(setup.auth.authenticate(alice.token())).isEqualTo(1L);
    }

    @RepeatedTest(2)
    void everyTestStartsFromTheSeedAloneWhateverTheLastOneAdded(DatabaseHelper db) {
        assertThat(db.rowCount("users")).isEqualTo(1);
        assertThat(new TokenService(new JooqTokenRepository(sql)).list()).extracting(token -> token.symbol())
                .containsExactly("BTC", "ETH");
        assertThat(db.rowCount("alerts")).isZero();

        new TokenService(new JooqTokenRepository(sql)).add("SOL", "Solana");
        new AlertService(new JooqAlertRepository(sql), new JooqTokenRepository(sql), Clock.systemUTC())
                .create(1L, "BTC", AlertType.ABOVE, new BigDecimal("100000"));
    }
}
