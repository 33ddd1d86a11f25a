package dev.cryptotracker.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * When a test fails, its failure carries what is needed to understand it from a CI log alone: the provider, each
 * server's image, id and address, and the last lines of each server's log, and never a password.
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
                .contains("PostgreSQL: image ", ", id ", "jdbc:postgresql://", "PostgreSQL log (last")
                .contains("Redis: image ", "Redis log (last")
                .doesNotContainIgnoringCase("password=");
        if (diagnostics.startsWith("testkit: provider external")) {
            assertThat(diagnostics).contains("(not available: with the external provider");
        } else {
            assertThat(diagnostics).containsPattern("ready to accept connections|Ready to accept connections");
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
        void fails(ConnectionDetails details) {
            password = details.password();
            throw new AssertionError("deliberately failing");
        }
    }
}
