package dev.cryptotracker.it.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.cryptotracker.persistence.DataSourceFactory;
import dev.cryptotracker.persistence.DatabaseSettings;
import dev.cryptotracker.testkit.ConnectionDetails;
import dev.cryptotracker.testkit.Service;
import dev.cryptotracker.testkit.Testkit;
import java.time.Duration;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

/**
 * What {@link DataSourceFactory} builds from {@link DatabaseSettings}: a pool carrying every setting under the name
 * Hikari and the server read it by (checked on the pool and, for what the server sees, on a live session), and the
 * settings' own rules at and around each edge. DatabaseTimeoutsIT proves that the timeouts fire.
 */
@Testkit(Service.POSTGRES)
class DataSourceFactoryContractIT {

    private static final String URL = "jdbc:postgresql://localhost/crypto";

    @Test
    void poolCarriesEverySetting(ConnectionDetails details) {
        DatabaseSettings settings = new DatabaseSettings(details.jdbcUrl(), details.username(), details.password(),
                "contract-pool", 3, Duration.ofMillis(1_500), Duration.ofMillis(700), Duration.ofMinutes(3),
                Duration.ofMinutes(7), Duration.ofSeconds(9), Duration.ofMillis(4_321));

        try (HikariDataSource pool = DataSourceFactory.create(settings)) {
            assertThat(pool.getPoolName()).isEqualTo("contract-pool");
            assertThat(pool.getJdbcUrl()).isEqualTo(details.jdbcUrl());
            assertThat(pool.getUsername()).isEqualTo(details.username());
            assertThat(pool.getPassword()).isEqualTo(details.password());
            assertThat(pool.getMaximumPoolSize()).isEqualTo(3);
            assertThat(pool.getMinimumIdle()).isEqualTo(3);
            assertThat(pool.getConnectionTimeout()).isEqualTo(1_500);
            assertThat(pool.getValidationTimeout()).isEqualTo(700);
            assertThat(pool.getIdleTimeout()).isEqualTo(Duration.ofMinutes(3).toMillis());
            assertThat(pool.getMaxLifetime()).isEqualTo(Duration.ofMinutes(7).toMillis());
            assertThat(pool.getLeakDetectionThreshold()).isEqualTo(9_000);
            assertThat(pool.getInitializationFailTimeout()).isEqualTo(-1);
            assertThat(pool.isAutoCommit()).isTrue();
            assertThat(pool.getDataSourceProperties()).containsEntry("connectTimeout", "1");

            DSLContext sql = DataSourceFactory.dsl(pool);
            assertThat(sql.fetchValue("SELECT current_setting('statement_timeout')")).isEqualTo("4321ms");
            assertThat(sql.fetchValue("SELECT current_setting('application_name')")).isEqualTo("contract-pool");
            assertThat(sql.fetchValue("SELECT current_user")).isEqualTo(details.username());
        }
    }

    @Test
    void productionDefaultsAreTheDocumentedOnes() {
        DatabaseSettings defaults = DatabaseSettings.of(URL, "app", "secret");

        assertThat(defaults).isEqualTo(new DatabaseSettings(URL, "app", "secret", "crypto-tracker", 10,
                Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofMinutes(10), Duration.ofMinutes(30),
                Duration.ofSeconds(60), Duration.ofSeconds(30)));
        assertThat(defaults.toString())
                .isEqualTo("DatabaseSettings[jdbcUrl=" + URL + ", username=app, password=***, poolName=crypto-tracker, "
                        + "maximumPoolSize=10, connectionTimeout=PT2S, validationTimeout=PT1S, idleTimeout=PT10M, "
                        + "maxLifetime=PT30M, leakDetectionThreshold=PT1M, statementTimeout=PT30S]");
    }

    @Test
    void withersChangeOnlyTheirOwnSetting() {
        DatabaseSettings defaults = DatabaseSettings.of(URL, "app", "secret");

        assertThat(defaults.withPoolName("other")).isEqualTo(new DatabaseSettings(URL, "app", "secret", "other", 10,
                Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofMinutes(10), Duration.ofMinutes(30),
                Duration.ofSeconds(60), Duration.ofSeconds(30)));
        assertThat(defaults.withMaximumPoolSize(1).maximumPoolSize()).isEqualTo(1);
        assertThat(defaults.withStatementTimeout(Duration.ofMillis(1)).statementTimeout()).isEqualTo(Duration.ofMillis(1));
        assertThat(defaults.withStatementTimeout(Duration.ofMillis(1)).withPoolName("x").statementTimeout())
                .isEqualTo(Duration.ofMillis(1));
        // The validation timeout follows a connection timeout lowered below it, and is left alone otherwise.
        assertThat(defaults.withConnectionTimeout(Duration.ofMillis(300)).validationTimeout())
                .isEqualTo(Duration.ofMillis(300));
        assertThat(defaults.withConnectionTimeout(Duration.ofSeconds(1)).validationTimeout())
                .isEqualTo(Duration.ofSeconds(1));
        assertThat(defaults.withConnectionTimeout(Duration.ofSeconds(5)).validationTimeout())
                .isEqualTo(Duration.ofSeconds(1));
        assertThatThrownBy(() -> defaults.withConnectionTimeout(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void acceptsEveryMinimumAndRefusesOneBelowIt() {
        Duration ms250 = Duration.ofMillis(250);
        DatabaseSettings minimal = new DatabaseSettings(URL, "app", "", "p", 1, ms250, ms250, Duration.ZERO,
                Duration.ofSeconds(30), Duration.ZERO, Duration.ofMillis(1));
        assertThat(minimal.maximumPoolSize()).isEqualTo(1);

        assertRefused(() -> minimal.withMaximumPoolSize(0), "maximumPoolSize must be at least 1, got 0");
        assertRefused(() -> minimal.withConnectionTimeout(Duration.ofMillis(249)),
                "connectionTimeout must be at least 250 ms (Hikari would silently use 30 s instead), got 249 ms");
        assertRefused(() -> new DatabaseSettings(URL, "app", "", "p", 1, Duration.ofSeconds(1), Duration.ofMillis(249),
                        Duration.ZERO, Duration.ofSeconds(30), Duration.ZERO, Duration.ofMillis(1)),
                "validationTimeout must be between 250 ms and connectionTimeout (1000 ms), got 249 ms");
        assertRefused(() -> new DatabaseSettings(URL, "app", "", "p", 1, Duration.ofSeconds(1), Duration.ofMillis(1_001),
                        Duration.ZERO, Duration.ofSeconds(30), Duration.ZERO, Duration.ofMillis(1)),
                "validationTimeout must be between 250 ms and connectionTimeout (1000 ms), got 1001 ms");
        assertThat(new DatabaseSettings(URL, "app", "", "p", 1, Duration.ofSeconds(1), Duration.ofSeconds(1),
                Duration.ZERO, Duration.ofSeconds(30), Duration.ZERO, Duration.ofMillis(1)).validationTimeout())
                .isEqualTo(Duration.ofSeconds(1));
        assertRefused(() -> new DatabaseSettings(URL, "app", "", "p", 1, ms250, ms250, Duration.ZERO,
                        Duration.ofMillis(29_999), Duration.ZERO, Duration.ofMillis(1)),
                "maxLifetime must be at least 30 s, got PT29.999S");
        assertRefused(() -> new DatabaseSettings(URL, "app", "", "p", 1, ms250, ms250, Duration.ZERO,
                        Duration.ofSeconds(30), Duration.ofMillis(-1), Duration.ofMillis(1)),
                "leakDetectionThreshold must not be negative, got PT-0.001S");
        assertRefused(() -> minimal.withStatementTimeout(Duration.ofNanos(999_999)),
                "statementTimeout must be at least 1 ms, got PT0.000999999S");
        assertRefused(() -> minimal.withStatementTimeout(Duration.ZERO), "statementTimeout must be at least 1 ms, got PT0S");
    }

    @Test
    void refusesAUrlThatIsNotPostgresAndABlankPoolName() {
        assertRefused(() -> DatabaseSettings.of("jdbc:mysql://localhost/crypto", "app", "secret"),
                "jdbcUrl must be a PostgreSQL JDBC URL (jdbc:postgresql:...), got jdbc:mysql://localhost/crypto");
        assertRefused(() -> DatabaseSettings.of(URL, "app", "secret").withPoolName(" "), "poolName must not be blank");
        assertThatThrownBy(() -> DatabaseSettings.of(URL, "app", "secret").withStatementTimeout(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("statementTimeout");
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }
}
