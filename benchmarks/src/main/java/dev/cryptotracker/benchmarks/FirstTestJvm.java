package dev.cryptotracker.benchmarks;

import dev.cryptotracker.testkit.TestkitConfig;
import dev.cryptotracker.testkit.TestkitLease;
import dev.cryptotracker.testkit.TestkitServers;
import java.util.Locale;

/**
 * What a test JVM's first test waits for, in a JVM of its own as in a real run: from the testkit's first call
 * (reading its settings) until the first lease is handed out, clean, with PostgreSQL (migrated) and Redis. Run by
 * {@link ResetBenchmark} with the settings as {@code -Dtestkit.…} options; prints {@code FIRST_TEST_MS <ms>}.
 */
public final class FirstTestJvm {

    private FirstTestJvm() {
    }

    public static void main(String[] args) {
        long start = System.nanoTime();
        try (TestkitServers servers = TestkitServers.create(TestkitConfig.fromEnvironment());
             TestkitLease lease = servers.lease()) {
            System.out.printf(Locale.ROOT, "FIRST_TEST_MS %.0f%n", (System.nanoTime() - start) / 1e6);
            System.out.flush();
        }
        System.exit(0);
    }
}
