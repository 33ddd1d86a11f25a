package dev.cryptotracker.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cryptotracker.testkit.ConnectionDetails;
import dev.cryptotracker.testkit.Service;
import dev.cryptotracker.testkit.SqlFixtureException;
import dev.cryptotracker.testkit.Testkit;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A slot's reset connection on the real database of this test's slot: what it reports, how it survives a
 * connection the server ended, and how it says that it cannot reach a database at all.
 */
@Testkit(Service.POSTGRES)
class PostgresResetIT {

    private static PostgresReset reset(ConnectionDetails details, String applicationName) {
        return new PostgresReset(details.jdbcUrl(), details.username(), details.password(), applicationName);
    }

    private static Connection connect(ConnectionDetails details) throws SQLException {
        return DriverManager.getConnection(details.jdbcUrl(), details.username(), details.password());
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void reportsAndEndsATransactionLeftOpenWithItsSessionStateAndLastStatement(ConnectionDetails details)
            throws SQLException {
        Instant before = Instant.now().minus(Duration.ofMinutes(1));
        try (PostgresReset reset = reset(details, "reset-it-open");
             Connection leaked = connect(details)) {
            leaked.setAutoCommit(false);
            int pid;
            try (Statement statement = leaked.createStatement();
                 ResultSet row = statement.executeQuery("SELECT pg_backend_pid()")) {
                row.next();
                pid = row.getInt(1);
            }

            List<OpenTransaction> open = reset.afterTest();

            assertThat(open).hasSize(1);
            OpenTransaction transaction = open.get(0);
            assertThat(transaction.pid()).isEqualTo(pid);
            assertThat(transaction.state()).isEqualTo("idle in transaction");
            assertThat(transaction.query()).isEqualTo("SELECT pg_backend_pid()");
            assertThat(transaction.since()).isAfter(before).isBefore(Instant.now().plus(Duration.ofMinutes(1)));
            assertThat(leaked.isValid(2)).as("the leaked session was ended").isFalse();
            assertThat(reset.afterTest()).as("nothing is left open the second time").isEmpty();
        }
    }

    @Test
    void aSessionTheServerEndedIsReplacedAndTheResetStillRuns(ConnectionDetails details) throws SQLException {
        try (PostgresReset reset = reset(details, "reset-it-ended");
             Connection other = connect(details);
             Statement statement = other.createStatement()) {
            assertThat(reset.afterTest()).isEmpty();
            try (ResultSet ended = statement.executeQuery("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    + "WHERE application_name = 'reset-it-ended'")) {
                assertThat(ended.next()).as("the reset's session was found").isTrue();
                assertThat(ended.getBoolean(1)).isTrue();
            }
            statement.execute("INSERT INTO owners (name) VALUES ('Cy')");

            // Ended by an administrator (57P01): the reset opens a fresh connection and runs on it.
            assertThat(reset.afterTest()).isEmpty();
            try (ResultSet count = statement.executeQuery("SELECT count(*) FROM owners")) {
                count.next();
                assertThat(count.getInt(1)).as("the reset ran on a fresh connection").isZero();
            }
        }
    }

    @Test
    void aTableRecordedTwiceInTheRingIsRestoredOnce(ConnectionDetails details) throws SQLException {
        try (PostgresReset reset = reset(details, "reset-it-ring");
             Connection other = connect(details);
             Statement statement = other.createStatement()) {
            statement.execute("INSERT INTO species (code, label) VALUES ('hamster', 'Hamster')");
            // What two sessions writing to the table for the first time at the same moment leave: both saw it
            // unmarked, so both recorded it.
            statement.execute("SELECT setval('testkit_reset.ring_1', 'species'::regclass::oid::bigint), "
                    + "setval('testkit_reset.ring_position', 1)");

            assertThat(reset.afterTest()).isEmpty();

            try (ResultSet codes = statement.executeQuery("SELECT string_agg(code, ',' ORDER BY code) FROM species")) {
                codes.next();
                assertThat(codes.getString(1)).as("the migrated rows, once").isEqualTo("cat,dog");
            }
        }
    }

    @Test
    void aDatabaseWithoutTheResetIsNamed(ConnectionDetails details) {
        String postgres = JdbcUrls.withDatabase(details.jdbcUrl(), "postgres");
        try (PostgresReset reset = new PostgresReset(postgres, details.username(), details.password(), "reset-it")) {
            assertThatThrownBy(reset::afterTest)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("could not reset database postgres")
                    .hasCauseInstanceOf(SQLException.class);
        }
    }

    @Test
    void aServerThatDoesNotAnswerIsNamedForTheResetAndForFixtures() throws IOException {
        String nowhere = "jdbc:postgresql://127.0.0.1:" + closedPort() + "/app_7";
        try (PostgresReset reset = new PostgresReset(nowhere, "testkit", null, "reset-it")) {
            assertThatThrownBy(reset::afterTest)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("could not reset database app_7")
                    .cause().isInstanceOf(SQLException.class)
                    .satisfies(cause -> assertThat(((SQLException) cause).getSQLState()).startsWith("08"));
            assertThatThrownBy(() -> reset.applyFixtures(List.of(new SqlScript("fixtures/x.sql", "SELECT 1;"))))
                    .isInstanceOf(IllegalStateException.class)
                    .isNotInstanceOf(SqlFixtureException.class)
                    .hasMessage("could not apply fixtures to database app_7");
        }
    }

    @Test
    void aFailingFixtureKeepsNothingAndTheConnectionStaysUsable(ConnectionDetails details) throws SQLException {
        try (PostgresReset reset = reset(details, "reset-it-fixtures");
             Connection other = connect(details);
             Statement statement = other.createStatement()) {
            SqlScript fails = new SqlScript("fixtures/fails.sql",
                    "INSERT INTO owners (name) VALUES ('Dee');\nINSERT INTO owners (id, name) VALUES (NULL, 'x');\n");

            assertThatThrownBy(() -> reset.applyFixtures(List.of(fails)))
                    .isInstanceOf(SqlFixtureException.class)
                    .hasMessageStartingWith("fixture script fixtures/fails.sql, line 2 "
                            + "(INSERT INTO owners (id, name) VALUES (NULL, 'x')): ");

            reset.applyFixtures(List.of(new SqlScript("fixtures/ok.sql", "INSERT INTO owners (name) VALUES ('Eve')")));
            try (ResultSet names = statement.executeQuery("SELECT string_agg(name, ',') FROM owners")) {
                names.next();
                assertThat(names.getString(1)).isEqualTo("Eve");
            }
            assertThat(reset.afterTest()).isEmpty();
        }
    }

    @Test
    void aFixtureThatEndsItsOwnSessionIsReportedAsAFixtureFailure(ConnectionDetails details) {
        try (PostgresReset reset = reset(details, "reset-it-suicide")) {
            SqlScript kills = new SqlScript("fixtures/kills.sql", "SELECT pg_terminate_backend(pg_backend_pid());");

            assertThatThrownBy(() -> reset.applyFixtures(List.of(kills)))
                    .isInstanceOf(SqlFixtureException.class)
                    .hasMessageStartingWith("fixture script")
                    .hasMessageContaining("fixtures/kills.sql")
                    .hasMessageContaining("terminating connection due to administrator command");
        }
    }
}
