package dev.cryptotracker.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL major each provider runs, so that a test cannot pass on one provider and fail on another for the
 * server's sake: 17 from the default image, the offline image and the embedded binaries the testkit's POM
 * declares. External servers run whatever they run; {@code EXPECTED_POSTGRES_MAJOR} (set by CI for its
 * Debian 12 servers) pins the major to expect, and without it the oldest supported one is the floor.
 */
@Testkit(Service.POSTGRES)
class PostgresVersionIT {

    /** The major of {@code postgres:17-alpine}, {@code crypto-tracker/postgres:17-trixie} and the embedded binaries. */
    static final int PROVIDED_MAJOR = 17;
    /** {@code DROP DATABASE … WITH (FORCE)}, with which the external provider drops its databases, came with 13. */
    static final int OLDEST_SUPPORTED_MAJOR = 13;

    @Test
    void runsThePostgresMajorItsProviderPromises(DataSource dataSource, RunningServers servers) throws SQLException {
        int major = serverVersionNum(dataSource) / 10_000;
        String expected = System.getenv("EXPECTED_POSTGRES_MAJOR");

        if (expected != null && !expected.isBlank()) {
            assertThat(major).as("PostgreSQL major on %s (EXPECTED_POSTGRES_MAJOR=%s)", servers.provider(), expected)
                    .isEqualTo(Integer.parseInt(expected.trim()));
        } else if ("external".equals(servers.provider())) {
            assertThat(major).as("PostgreSQL major of the external server %s", servers.postgres().image())
                    .isGreaterThanOrEqualTo(OLDEST_SUPPORTED_MAJOR);
        } else {
            assertThat(major).as("PostgreSQL major on %s (%s)", servers.provider(), servers.postgres().image())
                    .isEqualTo(PROVIDED_MAJOR);
        }
    }

    private static int serverVersionNum(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SHOW server_version_num")) {
            assertThat(result.next()).isTrue();
            return Integer.parseInt(result.getString(1));
        }
    }
}
