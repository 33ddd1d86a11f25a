package dev.cryptotracker.it.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.cryptotracker.domain.PersistenceUnavailableException;
import dev.cryptotracker.domain.user.UserService;
import dev.cryptotracker.persistence.DataSourceFactory;
import dev.cryptotracker.persistence.DatabaseSettings;
import dev.cryptotracker.persistence.JooqUserRepository;
import dev.cryptotracker.testkit.ConnectionDetails;
import dev.cryptotracker.testkit.FaultInjectingProxy;
import dev.cryptotracker.testkit.Service;
import dev.cryptotracker.testkit.Testkit;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The application's pool over a PostgreSQL that restarts: typed errors while it is down, then the same pool works. */
@Testkit(Service.POSTGRES)
class PostgresRestartIT {

    @Test
    void poolRecoversAfterPostgresRestartsWithoutBeingRebuilt(ConnectionDetails details) {
        URI jdbc = URI.create(details.jdbcUrl().substring("jdbc:".length()));
        try (FaultInjectingProxy proxy = FaultInjectingProxy.to(jdbc.getHost(), jdbc.getPort());
             HikariDataSource pool = DataSourceFactory.create(DatabaseSettings.of(
                     "jdbc:postgresql://" + proxy.host() + ":" + proxy.port() + jdbc.getPath(),
                     details.username(), details.password())
                     .withPoolName("restart-test").withMaximumPoolSize(2)
                     .withConnectionTimeout(Duration.ofSeconds(1)))) {
            UserService users = new UserService(new JooqUserRepository(DataSourceFactory.dsl(pool)));
            long before = users.create("before@example.com", "Before", "$2a$10$hash").id();

            proxy.stop();
            assertThatThrownBy(() -> users.findById(before)).isInstanceOf(PersistenceUnavailableException.class);

            proxy.start();
            assertThat(users.findById(before).email()).isEqualTo("before@example.com");
            assertThat(users.create("after@example.com", "After", "$2a$10$hash").id()).isGreaterThan(before);
        }
    }

    @Test
    void everyConnectionDroppedAtOnceCostsNoMoreThanTheCallsInFlight(ConnectionDetails details) {
        URI jdbc = URI.create(details.jdbcUrl().substring("jdbc:".length()));
        try (FaultInjectingProxy proxy = FaultInjectingProxy.to(jdbc.getHost(), jdbc.getPort());
             HikariDataSource pool = DataSourceFactory.create(DatabaseSettings.of(
                     "jdbc:postgresql://" + proxy.host() + ":" + proxy.port() + jdbc.getPath(),
                     details.username(), details.password())
                     .withPoolName("drop-test").withMaximumPoolSize(2)
                     .withConnectionTimeout(Duration.ofSeconds(1)))) {
            UserService users = new UserService(new JooqUserRepository(DataSourceFactory.dsl(pool)));
            long id = users.create("kept@example.com", "Kept", "$2a$10$hash").id();

            proxy.dropConnections();

            // Hikari hands out a connection used within the last 500 ms without testing it, so each pooled
            // connection may fail one call; every such failure is typed, and the pool then replaces it.
            int failures = 0;
            while (true) {
                try {
                    assertThat(users.findById(id).name()).isEqualTo("Kept");
                    break;
                } catch (PersistenceUnavailableException e) {
                    assertThat(e).hasMessageNotContaining("null");
                    failures++;
                    assertThat(failures).as("failed calls after the drop").isLessThanOrEqualTo(2);
                }
            }
        }
    }
}
