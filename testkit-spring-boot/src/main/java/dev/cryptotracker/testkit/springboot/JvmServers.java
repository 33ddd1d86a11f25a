package dev.cryptotracker.testkit.springboot;

import dev.cryptotracker.testkit.TestkitConfig;
import dev.cryptotracker.testkit.TestkitServers;

/**
 * This JVM's hold on the testkit's shared servers for every Spring test context. Taken once, with the first context,
 * and never given back: contexts come and go (Spring's cache evicts them, {@code @DirtiesContext} closes them), and
 * the servers must outlive each of them. The testkit stops them when the JVM exits.
 */
final class JvmServers {

    private static TestkitServers servers;

    private JvmServers() {
    }

    static synchronized TestkitServers get() {
        if (servers == null) {
            servers = TestkitServers.shared(TestkitConfig.fromEnvironment());
        }
        return servers;
    }
}
