package dev.cryptotracker.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cryptotracker.testkit.ProviderKind;
import dev.cryptotracker.testkit.TestkitConfig;
import dev.cryptotracker.testkit.TestkitSetting;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * For the tests of the Docker provider itself: whether the testkit would use Docker on this machine, decided the
 * way {@code testkit.provider=auto} decides (an engine that answers and has or can pull the images). Where it would
 * not, those tests check the fallback instead of Docker: that the testkit runs the embedded servers and says why.
 * That keeps {@code mvn -Pintegration verify} green, with every test run, on a machine without Docker.
 */
public final class DockerProviderAvailability {

    private static ProviderChoice.Decision decision;

    private DockerProviderAvailability() {
    }

    /** Whether Docker can run the testkit's servers here; decided once per JVM. */
    public static synchronized boolean dockerUsable() {
        if (decision == null) {
            Map<String, String> properties = new HashMap<>();
            System.getProperties().forEach((key, value) -> properties.put(key.toString(), value.toString()));
            properties.put(TestkitSetting.PROVIDER.key(), "auto");
            decision = new ProviderChoice().decide(TestkitConfig.from(properties, System.getenv(), new Properties()));
        }
        return decision.provider() == ProviderKind.DOCKER;
    }

    /** Where Docker is not usable: the testkit falls back to the embedded servers and names what Docker lacks. */
    public static void assertFallbackExplained() {
        assertThat(decision.provider()).isEqualTo(ProviderKind.EMBEDDED);
        assertThat(decision.reason()).startsWith("testkit.provider=auto and ").contains("Docker");
    }
}
