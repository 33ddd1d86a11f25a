package dev.cryptotracker.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * When a test fails, its failure carries what is needed to understand it from a CI log alone: the provider, each
 * server's image, id and address, and what each server logged since it became ready that matters — the errors,
 * with their statements — without its start-up chatter, bounded, and never a password.
 */
class DiagnosticsIT {

    @Test
    void failingTestNamesProviderImagesIdsUrlsAndServerLogsWithoutPassword() {
        Throwable failure = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(FailingProbe.class))
                .execute()
                .testEvents()
                .failed()
                .stream()
                .map(Event::getPayload)
                .flatMap(java.util.Optional::stream)
                .map(payload -> ((org.junit.platform.engine.TestExecutionResult) payload).getThrowable())
                .flatMap(java.util.Optional::stream)
                .findFirst()
                .orElseThrow(() -> new AssertionError("the probe's test did not fail"));

        assertThat(failure).hasMessageContaining("deliberately failing");
        String diagnostics = Arrays.stream(failure.getSuppressed())
                .map(Throwable::getMessage)
                .filter(message -> message != null && message.startsWith("testkit: provider"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no testkit diagnostics on the failure"));
        assertThat(diagnostics)
                .contains("PostgreSQL: image ", ", id ", "jdbc:postgresql://",
                        "PostgreSQL log, errors and warnings since it became ready (at most 15 lines)")
                .contains("Redis: image ", "Redis log, errors and warnings since it became ready")
                .doesNotContainIgnoringCase("password=")
                .doesNotContain("hunter2-secret");
        if (diagnostics.startsWith("testkit: provider external")) {
            assertThat(diagnostics).contains("(not available: with the external provider");
        } else {
            assertThat(diagnostics)
                    .as("the error the test caused, with its statement")
                    .contains("relation \"no_such_table_for_diagnostics\" does not exist")
                    .contains("STATEMENT:  SELECT * FROM no_such_table_for_diagnostics")
                    .as("a statement's password is masked").contains("PASSWORD '***'")
                    .as("no start-up chatter").doesNotContainIgnoringCase("ready to accept connections")
                    .doesNotContain("The files belonging to this database system", "Redis version=");
            String postgresLog = diagnostics.substring(diagnostics.indexOf("PostgreSQL log"),
                    diagnostics.indexOf("  Redis: image"));
            assertThat(postgresLog.lines().count()).as("lines of the PostgreSQL log section").isLessThanOrEqualTo(17);
        }
        if (!FailingProbe.password.isEmpty()) { // the embedded server trusts local connections: no password
            assertThat(diagnostics).doesNotContain(FailingProbe.password);
        }
    }

    /** Run only through {@link EngineTestKit} above; Failsafe does not pick nested classes up. */
    @Testkit
    static class FailingProbe {

        static String password = "(unset)";

        @Test
        void fails(ConnectionDetails details, DataSource dataSource) throws SQLException {
            password = details.password();
            try (Connection connection = dataSource.getConnection();
                 Statement statement = connection.createStatement()) {
                for (String sql : List.of("SELECT * FROM no_such_table_for_diagnostics",
                        "ALTER ROLE no_such_role_for_diagnostics PASSWORD 'hunter2-secret'")) {
                    try {
                        statement.execute(sql);
                    } catch (SQLException expected) {
                        // The server logs the error and the statement; the diagnostics must show them.
                    }
                }
            }
            throw new AssertionError("deliberately failing");
        }
    }
}
