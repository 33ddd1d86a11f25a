package dev.cryptotracker.testkit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * A JVM that runs {@code @Testkit} classes (named as arguments, in that order, or {@link NeedsServers}) and prints
 * how each test ended, for the ITs that need a JVM of their own: Docker out of reach, settings or migrations that
 * fail, servers that die.
 *
 * <p>Lines: {@code PASSED <test> after <n> ms}, {@code FAILED <exception class>: <message> [in <test or class>]
 * after <n> ms} (the message on one line, its line breaks shown as {@code |}), and last {@code SUCCEEDED <count>}.
 */
public final class EngineProbe {

    private EngineProbe() {
    }

    public static void main(String[] args) {
        ClassSelector[] classes = args.length == 0 ? new ClassSelector[] {selectClass(NeedsServers.class)}
                : Arrays.stream(args).map(EngineProbe::load).map(type -> selectClass(type)).toArray(ClassSelector[]::new);
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter").selectors(classes).execute();
        Map<UniqueId, Instant> started = new HashMap<>();
        results.allEvents().started().stream().forEach(event -> started.put(event.getTestDescriptor().getUniqueId(),
                event.getTimestamp()));
        results.allEvents().finished().stream().forEach(event -> {
            TestExecutionResult result = event.getRequiredPayload(TestExecutionResult.class);
            String name = event.getTestDescriptor().getDisplayName();
            Instant start = started.get(event.getTestDescriptor().getUniqueId());
            String took = start == null ? "" : " after " + Duration.between(start, event.getTimestamp()).toMillis()
                    + " ms";
            if (result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
                if (event.getTestDescriptor().isTest()) {
                    System.out.println("PASSED " + name + took);
                }
            } else {
                result.getThrowable().ifPresent(failure -> System.out.println("FAILED " + failure.getClass().getName()
                        + ": " + String.valueOf(failure.getMessage()).replace('\n', '|') + " [in " + name + "]" + took));
            }
        });
        System.out.println("SUCCEEDED " + results.testEvents().succeeded().count());
        System.exit(0);
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("no class " + name, e);
        }
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
