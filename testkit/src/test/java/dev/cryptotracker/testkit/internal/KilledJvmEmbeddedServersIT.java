package dev.cryptotracker.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cryptotracker.testkit.TestkitConfig;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A JVM killed with {@code kill -9} runs no shutdown hook, so its embedded PostgreSQL and Redis would keep running.
 * The next JVM that starts the embedded provider stops them. Needs no Docker: it runs with every provider.
 */
class KilledJvmEmbeddedServersIT {

    @Test
    void embeddedServersOfAJvmKilledWithSigkillAreStoppedByTheNextRun() throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                EmbeddedJvmToKill.class.getName()).redirectErrorStream(true).start();
        String[] pids = awaitReadyLine(child).split(" ");
        ProcessHandle postgres = ProcessHandle.of(Long.parseLong(pids[0])).orElseThrow();
        ProcessHandle redis = ProcessHandle.of(Long.parseLong(pids[1])).orElseThrow();

        child.destroyForcibly();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("child JVM killed").isTrue();
        assertThat(postgres.isAlive()).as("PostgreSQL outlives the killed JVM").isTrue();
        assertThat(redis.isAlive()).as("Redis outlives the killed JVM").isTrue();

        new EmbeddedProvider(TestkitConfig.defaults()).sweepLeftovers();

        assertThat(postgres.onExit().get(30, TimeUnit.SECONDS).isAlive()).as("PostgreSQL after the sweep").isFalse();
        assertThat(redis.onExit().get(30, TimeUnit.SECONDS).isAlive()).as("Redis after the sweep").isFalse();
    }

    @Test
    void embeddedServersOfLiveJvmsAreLeftAlone() {
        EmbeddedProvider provider = new EmbeddedProvider(TestkitConfig.defaults());
        try (RedisServer redis = provider.startRedis()) {
            ProcessHandle process = ProcessHandle.of(Long.parseLong(redis.describe().id())).orElseThrow();

            EmbeddedSweeper.sweep();

            assertThat(process.isAlive()).as("Redis of this live JVM").isTrue();
        }
    }

    private static String awaitReadyLine(Process child) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        for (String line = out.readLine(); line != null && System.nanoTime() < deadline; line = out.readLine()) {
            if (line.startsWith("READY ")) {
                return line.substring("READY ".length()).trim();
            }
            seen.append(line).append('\n');
        }
        throw new AssertionError("the child JVM ended before starting its servers:\n" + seen);
    }
}
