package dev.cryptotracker.it.timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.cryptotracker.domain.PersistenceUnavailableException;
import dev.cryptotracker.domain.alert.Alert;
import dev.cryptotracker.domain.alert.AlertService;
import dev.cryptotracker.domain.alert.AlertType;
import dev.cryptotracker.domain.token.TokenService;
import dev.cryptotracker.domain.user.User;
import dev.cryptotracker.domain.user.UserService;
import dev.cryptotracker.persistence.DataSourceFactory;
import dev.cryptotracker.persistence.DatabaseSettings;
import dev.cryptotracker.persistence.JooqAlertRepository;
import dev.cryptotracker.persistence.JooqTokenRepository;
import dev.cryptotracker.persistence.JooqUserRepository;
import dev.cryptotracker.testkit.ConnectionDetails;
import dev.cryptotracker.testkit.DatabaseHelper;
import dev.cryptotracker.testkit.FaultInjectingProxy;
import dev.cryptotracker.testkit.Service;
import dev.cryptotracker.testkit.Testkit;
import java.math.BigDecimal;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;

/**
 * Every timeout that {@link DataSourceFactory} configures fires on a real server: a statement running too long, a
 * statement waiting for a row lock, a pool with no free connection and a server that hangs while a connection is
 * opened. Each is set to 300 ms, far below the defaults (30 s statement timeout, 2 s here and 30 s in Hikari to get
 * a connection), and must fire no sooner than that and well before any default could: so the configured value is
 * the one in effect. Bounds are generous upper bounds only, never measurements.
 */
@Testkit(Service.POSTGRES)
class DatabaseTimeoutsIT {

    private static final Duration CONFIGURED = Duration.ofMillis(300);
    /** Far below every default the timeout could fall back to, far above 300 ms plus a busy machine's delays. */
    private static final Duration UPPER_BOUND = Duration.ofMillis(1_800);

    @Test
    void statementRunningLongerThanTheStatementTimeoutIsCancelledByTheServer(ConnectionDetails details) {
        try (HikariDataSource pool = DataSourceFactory.create(settings(details.jdbcUrl(), details)
                .withStatementTimeout(CONFIGURED))) {
            DSLContext sql = DataSourceFactory.dsl(pool);

            long start = System.nanoTime();
            assertThatThrownBy(() -> sql.fetch("SELECT pg_sleep(5)"))
                    .isInstanceOf(DataAccessException.class)
                    .satisfies(e -> assertThat(((DataAccessException) e).sqlState()).isEqualTo("57014"))
                    .hasMessageContaining("canceling statement due to statement timeout");
            assertThat(elapsedSince(start)).isBetween(CONFIGURED, UPPER_BOUND);

            // The connection is fine afterwards, and short statements pass.
            assertThat(sql.fetchValue("SELECT 1")).isEqualTo(1);
        }
    }

    @Test
    void repositoryCallWaitingForARowLockGivesPersistenceUnavailableAfterTheStatementTimeout(
            ConnectionDetails details, DataSource dataSource, DSLContext testSql, DatabaseHelper db) throws Exception {
        new TokenService(new JooqTokenRepository(testSql)).add("BTC", "Bitcoin");
        User alice = new UserService(new JooqUserRepository(testSql)).create("alice@example.com", "Alice", "$2a$04$h");
        AlertService alerts = new AlertService(new JooqAlertRepository(testSql), new JooqTokenRepository(testSql),
                Clock.fixed(Instant.parse("2024-01-01T00:00:00Z"), ZoneOffset.UTC));
        Alert alert = alerts.create(alice.id(), "BTC", AlertType.ABOVE, BigDecimal.TEN);

        try (Connection lockHolder = dataSource.getConnection();
             HikariDataSource pool = DataSourceFactory.create(settings(details.jdbcUrl(), details)
                     .withStatementTimeout(CONFIGURED))) {
            lockHolder.setAutoCommit(false);
            try (PreparedStatement lock = lockHolder.prepareStatement("SELECT id FROM alerts WHERE id = ? FOR UPDATE")) {
                lock.setLong(1, alert.id());
                try (ResultSet rows = lock.executeQuery()) {
                    assertThat(rows.next()).isTrue();
                }
            }
            JooqAlertRepository blocked = new JooqAlertRepository(DataSourceFactory.dsl(pool));

            long start = System.nanoTime();
            assertThatThrownBy(() -> blocked.deleteByIdAndUserId(alert.id(), alice.id()))
                    .isInstanceOf(PersistenceUnavailableException.class)
                    .hasMessage("PostgreSQL did not answer in the configured time while trying to delete an alert "
                            + "(SQLSTATE 57014)");
            assertThat(elapsedSince(start)).isBetween(CONFIGURED, UPPER_BOUND);
            lockHolder.rollback();

            // The cancelled delete left the alert in place; once the lock is gone the same pool deletes it.
            assertThat(db.rowCount("alerts")).isEqualTo(1);
            assertThat(blocked.deleteByIdAndUserId(alert.id(), alice.id())).isTrue();
        }
    }

    @Test
    void exhaustedPoolGivesPersistenceUnavailableAfterTheConfiguredAcquisitionTimeout(ConnectionDetails details)
            throws Exception {
        try (HikariDataSource pool = DataSourceFactory.create(settings(details.jdbcUrl(), details)
                .withMaximumPoolSize(1))) {
            UserService users = new UserService(new JooqUserRepository(DataSourceFactory.dsl(pool)));
            try (Connection held = pool.getConnection()) {
                long start = System.nanoTime();
                assertThatThrownBy(() -> users.findById(1))
                        .isInstanceOf(PersistenceUnavailableException.class)
                        .hasMessageContaining("request timed out after");
                assertThat(elapsedSince(start)).isBetween(CONFIGURED, UPPER_BOUND);
                assertThat(held.isValid(1)).isTrue();
            }
        }
    }

    @Test
    void serverHangingWhileAConnectionOpensGivesPersistenceUnavailableAfterTheConnectionTimeout(
            ConnectionDetails details) {
        URI jdbc = URI.create(details.jdbcUrl().substring("jdbc:".length()));
        try (FaultInjectingProxy proxy = FaultInjectingProxy.to(jdbc.getHost(), jdbc.getPort())) {
            proxy.pause();
            String viaProxy = "jdbc:postgresql://" + proxy.host() + ":" + proxy.port() + jdbc.getPath();
            try (HikariDataSource pool = DataSourceFactory.create(settings(viaProxy, details))) {
                UserService users = new UserService(new JooqUserRepository(DataSourceFactory.dsl(pool)));

                long start = System.nanoTime();
                assertThatThrownBy(() -> users.findById(1))
                        .isInstanceOf(PersistenceUnavailableException.class)
                        .hasMessageStartingWith("PostgreSQL is unavailable while trying to find a user by id: ");
                assertThat(elapsedSince(start)).isBetween(CONFIGURED, UPPER_BOUND);
            }
        }
    }

    private static DatabaseSettings settings(String jdbcUrl, ConnectionDetails details) {
        return DatabaseSettings.of(jdbcUrl, details.username(), details.password())
                .withPoolName("timeouts-test")
                .withMaximumPoolSize(2)
                .withConnectionTimeout(CONFIGURED);
    }

    private static Duration elapsedSince(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
