package dev.cryptotracker.it.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.cryptotracker.domain.PersistenceUnavailableException;
import dev.cryptotracker.domain.alert.AlertService;
import dev.cryptotracker.domain.user.UserService;
import dev.cryptotracker.persistence.DataSourceFactory;
import dev.cryptotracker.persistence.DatabaseSettings;
import dev.cryptotracker.persistence.JooqAlertRepository;
import dev.cryptotracker.persistence.JooqTokenRepository;
import dev.cryptotracker.persistence.JooqUserRepository;
import dev.cryptotracker.testkit.ConnectionDetails;
import dev.cryptotracker.testkit.DatabaseHelper;
import dev.cryptotracker.testkit.Service;
import dev.cryptotracker.testkit.Testkit;
import java.net.ServerSocket;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

/** An exhausted pool or an unreachable server is a typed error within the configured timeout, and the pool recovers. */
@Testkit(Service.POSTGRES)
class PoolExhaustionIT {

    private static final Duration CONNECTION_TIMEOUT = Duration.ofMillis(250);

    @Test
    void exhaustedPoolGivesPersistenceUnavailableWithinTheTimeoutAndRecovers(ConnectionDetails details,
                                                                             DatabaseHelper db) throws Exception {
        DatabaseSettings settings = DatabaseSettings.of(details.jdbcUrl(), details.username(), details.password())
                .withPoolName("exhaustion-test")
                .withMaximumPoolSize(1)
                .withConnectionTimeout(CONNECTION_TIMEOUT);
        try (HikariDataSource pool = DataSourceFactory.create(settings)) {
            DSLContext sql = DataSourceFactory.dsl(pool);
            UserService users = new UserService(new JooqUserRepository(sql));
            AlertService alerts = new AlertService(new JooqAlertRepository(sql), new JooqTokenRepository(sql),
                    Clock.systemUTC());

            try (Connection held = pool.getConnection()) {
                long start = System.nanoTime();
                assertThatThrownBy(() -> users.create("alice@example.com", "Alice", "$2a$12$secret-hash"))
                        .isInstanceOf(PersistenceUnavailableException.class)
                        .hasMessageStartingWith("PostgreSQL is unavailable while trying to create a user: ")
                        .hasMessageContaining("exhaustion-test - Connection is not available, request timed out after")
                        .message().doesNotContain("secret-hash");
                Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
                // Loose bound: the point is "bounded by the configured timeout", not a precise measurement.
                assertThat(elapsed).isLessThan(CONNECTION_TIMEOUT.multipliedBy(10));

                assertThatThrownBy(() -> alerts.listByUser(1))
                        .isInstanceOf(PersistenceUnavailableException.class)
                        .hasMessageStartingWith("PostgreSQL is unavailable while trying to list a user's alerts: ");
                assertThat(held.isValid(1)).isTrue();
            }

            // The held connection is back: the same pool serves again, and nothing was written meanwhile.
            assertThat(db.rowCount("users")).isZero();
            assertThat(users.create("alice@example.com", "Alice", "$2a$12$secret-hash").id()).isPositive();
            assertThat(alerts.listByUser(1)).isEmpty();
        }
    }

    @Test
    void unreachableDatabaseGivesPersistenceUnavailableWithinTheTimeout(ConnectionDetails details) throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        DatabaseSettings settings = DatabaseSettings.of("jdbc:postgresql://127.0.0.1:" + closedPort + "/crypto",
                        details.username(), details.password())
                .withPoolName("unreachable-test")
                .withMaximumPoolSize(1)
                .withConnectionTimeout(CONNECTION_TIMEOUT);
        try (HikariDataSource pool = DataSourceFactory.create(settings)) {
            UserService users = new UserService(new JooqUserRepository(DataSourceFactory.dsl(pool)));

            long start = System.nanoTime();
            var failure = assertThatThrownBy(() -> users.findById(1))
                    .isInstanceOf(PersistenceUnavailableException.class)
                    .hasMessageStartingWith("PostgreSQL is unavailable while trying to find a user by id: ");
            if (!details.password().isEmpty()) { // the embedded server trusts local connections: no password
                failure.message().doesNotContain(details.password());
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(CONNECTION_TIMEOUT.multipliedBy(10));
        }
    }

    @Test
    void connectionTimeoutBelowHikarisFloorIsRefusedRatherThanSilentlyRaised() {
        DatabaseSettings settings = DatabaseSettings.of("jdbc:postgresql://localhost/x", "u", "p");

        assertThatThrownBy(() -> settings.withConnectionTimeout(Duration.ofMillis(100)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("connectionTimeout must be at least 250 ms (Hikari would silently use 30 s instead), "
                        + "got 100 ms");
        assertThat(settings.toString()).contains("password=***").doesNotContain("p,");
    }
}
