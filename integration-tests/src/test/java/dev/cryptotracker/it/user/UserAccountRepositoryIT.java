package dev.cryptotracker.it.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.cryptotracker.domain.PersistenceUnavailableException;
import dev.cryptotracker.domain.ValidationException;
import dev.cryptotracker.domain.alert.AlertService;
import dev.cryptotracker.domain.alert.AlertType;
import dev.cryptotracker.domain.token.TokenService;
import dev.cryptotracker.domain.user.User;
import dev.cryptotracker.persistence.DataSourceFactory;
import dev.cryptotracker.persistence.DatabaseSettings;
import dev.cryptotracker.persistence.JooqAlertRepository;
import dev.cryptotracker.persistence.JooqTokenRepository;
import dev.cryptotracker.persistence.JooqUserRepository;
import dev.cryptotracker.testkit.ConnectionDetails;
import dev.cryptotracker.testkit.DatabaseHelper;
import dev.cryptotracker.testkit.Service;
import dev.cryptotracker.testkit.Testkit;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

/** The user queries behind account deletion, password change and rehash, on the real schema. */
@Testkit(Service.POSTGRES)
class UserAccountRepositoryIT {

    private static final String HASH = "$2a$04$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW";
    private static final String OTHER_HASH = "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy";

    private final DSLContext sql;
    private final DatabaseHelper db;
    private final JooqUserRepository users;

    UserAccountRepositoryIT(DSLContext sql, DatabaseHelper db) {
        this.sql = sql;
        this.db = db;
        this.users = new JooqUserRepository(sql);
    }

    private String storedHash(long id) {
        return sql.fetchValue("SELECT password_hash FROM users WHERE id = ?", id).toString();
    }

    @Test
    void tellsWhetherAUserExists() {
        User alice = users.create("alice@example.com", "Alice", HASH);

        assertThat(users.exists(alice.id())).isTrue();
        assertThat(users.exists(alice.id() + 1)).isFalse();
        assertThat(users.exists(0)).isFalse();
    }

    @Test
    void replacesThePasswordHashOnlyWhileItIsTheExpectedOne() {
        User alice = users.create("alice@example.com", "Alice", HASH);
        User bob = users.create("bob@example.com", "Bob", HASH);

        assertThat(users.replacePasswordHash(alice.id(), OTHER_HASH, "$2a$10$stale-expectation")).isFalse();
        assertThat(storedHash(alice.id())).isEqualTo(HASH);

        assertThat(users.replacePasswordHash(alice.id(), HASH, OTHER_HASH)).isTrue();
        assertThat(storedHash(alice.id())).isEqualTo(OTHER_HASH);
        assertThat(storedHash(bob.id())).as("another user's row").isEqualTo(HASH);

        assertThat(users.replacePasswordHash(alice.id(), HASH, "$2a$10$second-use-of-old-hash")).isFalse();
        assertThat(storedHash(alice.id())).isEqualTo(OTHER_HASH);
    }

    @Test
    void replacingTheHashOfAnUnknownUserChangesNothing() {
        User alice = users.create("alice@example.com", "Alice", HASH);

        assertThat(users.replacePasswordHash(alice.id() + 1, HASH, OTHER_HASH)).isFalse();
        assertThat(storedHash(alice.id())).isEqualTo(HASH);
    }

    @Test
    void concurrentReplacementsOfOneHashLetExactlyOneWin() throws Exception {
        User alice = users.create("alice@example.com", "Alice", HASH);
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> outcomes = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                String replacement = "$2a$10$replacement-number-" + i;
                outcomes.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return users.replacePasswordHash(alice.id(), HASH, replacement);
                }));
            }
            assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
            go.countDown();
            List<Integer> winners = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                if (outcomes.get(i).get(60, TimeUnit.SECONDS)) {
                    winners.add(i);
                }
            }

            assertThat(winners).hasSize(1);
            assertThat(storedHash(alice.id())).isEqualTo("$2a$10$replacement-number-" + winners.get(0));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aBlankMissingOrOverlongHashIsRejectedAndTheStoredOneKept() {
        User alice = users.create("alice@example.com", "Alice", HASH);

        assertThatThrownBy(() -> users.replacePasswordHash(alice.id(), HASH, ""))
                .isInstanceOf(ValidationException.class)
                .hasMessage("cannot replace a password hash: the value breaks the rule "
                        + "users_password_hash_not_blank_check");
        assertThatThrownBy(() -> users.replacePasswordHash(alice.id(), HASH, null))
                .isInstanceOf(ValidationException.class)
                .hasMessage("cannot replace a password hash: password_hash is required");
        assertThatThrownBy(() -> users.replacePasswordHash(alice.id(), HASH, "$".repeat(256)))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("cannot replace a password hash: a value is not accepted by the database"
                        + " (SQLSTATE 22001");
        assertThat(storedHash(alice.id())).isEqualTo(HASH);
    }

    @Test
    void deletingAUserDeletesTheirAlertsAndNobodyElses() {
        new TokenService(new JooqTokenRepository(sql)).add("BTC", "Bitcoin");
        AlertService alerts = new AlertService(new JooqAlertRepository(sql), new JooqTokenRepository(sql),
                Clock.systemUTC());
        User alice = users.create("alice@example.com", "Alice", HASH);
        User bob = users.create("bob@example.com", "Bob", HASH);
        alerts.create(alice.id(), "BTC", AlertType.ABOVE, new BigDecimal("70000"));
        alerts.create(alice.id(), "BTC", AlertType.BELOW, new BigDecimal("50000"));
        alerts.create(bob.id(), "BTC", AlertType.ABOVE, new BigDecimal("80000"));

        assertThat(users.delete(alice.id())).isTrue();

        assertThat(users.findById(alice.id())).isEmpty();
        assertThat(users.findById(bob.id())).isPresent();
        assertThat(db.rowCount("alerts")).isEqualTo(1);
        assertThat(sql.fetchCount(sql.selectFrom("alerts").where("user_id = ?", bob.id()))).isEqualTo(1);
        assertThat(db.rowCount("tokens")).isEqualTo(1);
    }

    @Test
    void deletingAnUnknownOrAlreadyDeletedUserDeletesNothing() {
        User alice = users.create("alice@example.com", "Alice", HASH);

        assertThat(users.delete(alice.id() + 1)).isFalse();
        assertThat(db.rowCount("users")).isEqualTo(1);
        assertThat(users.delete(alice.id())).isTrue();
        assertThat(users.delete(alice.id())).isFalse();
        assertThat(db.rowCount("users")).isZero();
    }

    @Test
    void everyAccountQueryFailsAsUnavailableWhenPostgresIsUnreachable(ConnectionDetails details) throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        DatabaseSettings settings = DatabaseSettings.of("jdbc:postgresql://127.0.0.1:" + closedPort + "/crypto",
                        details.username(), details.password())
                .withPoolName("unreachable-accounts")
                .withMaximumPoolSize(1)
                .withConnectionTimeout(Duration.ofMillis(250));
        try (HikariDataSource pool = DataSourceFactory.create(settings)) {
            JooqUserRepository unreachable = new JooqUserRepository(DataSourceFactory.dsl(pool));

            assertThatThrownBy(() -> unreachable.exists(1))
                    .isInstanceOf(PersistenceUnavailableException.class)
                    .hasMessageStartingWith("PostgreSQL is unavailable while trying to check that a user exists: ");
            assertThatThrownBy(() -> unreachable.replacePasswordHash(1, HASH, OTHER_HASH))
                    .isInstanceOf(PersistenceUnavailableException.class)
                    .hasMessageStartingWith("PostgreSQL is unavailable while trying to replace a password hash: ")
                    .message().doesNotContain(HASH).doesNotContain(OTHER_HASH);
            assertThatThrownBy(() -> unreachable.delete(1))
                    .isInstanceOf(PersistenceUnavailableException.class)
                    .hasMessageStartingWith("PostgreSQL is unavailable while trying to delete a user: ");
        }
    }
}
