package dev.cryptotracker.testkit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * A JVM that runs one {@code @Testkit} class and prints how it ended, for {@link DockerUnreachableIT}, which
 * starts it with Docker out of reach.
 */
public final class DockerUnreachableProbe {

    private DockerUnreachableProbe() {
    }

    public static void main(String[] args) {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(NeedsServers.class))
                .execute();
        results.allEvents().failed().stream()
                .flatMap(event -> event.getPayload(org.junit.platform.engine.TestExecutionResult.class).stream())
                .flatMap(result -> result.getThrowable().stream())
                .forEach(failure -> System.out.println("FAILED " + failure.getClass().getName() + ": "
                        + failure.getMessage()));
        System.out.println("SUCCEEDED " + results.testEvents().succeeded().count());
        System.exit(0);
    }

    /** Run only through the probe's own engine; Failsafe does not pick nested classes up. */
    @Testkit
    static class NeedsServers {

        @Test
        void needsServers(ConnectionDetails details) {
            System.out.println("RAN with " + details.jdbcUrl());
        }
    }
}
