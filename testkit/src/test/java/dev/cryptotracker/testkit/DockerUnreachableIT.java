package dev.cryptotracker.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With Docker out of reach, a class that asks for the Docker provider fails at once with a message naming the fix,
 * and runs none of its tests; with the default provider, the embedded servers run it instead.
 */
class DockerUnreachableIT {

    @Test
    void dockerProviderWithoutDockerFailsFastNamingTheFix() throws Exception {
        String output = probe("docker");

        assertThat(output)
                .contains("FAILED org.junit.jupiter.api.extension.ExtensionConfigurationException: Docker is not "
                        + "reachable at DOCKER_HOST=unix:///nonexistent.sock")
                .contains("start Docker", "-Dtestkit.provider=embedded")
                .contains("SUCCEEDED 0")
                .doesNotContain("RAN with");
    }

    @Test
    void autoProviderWithoutDockerRunsTheTestsOnEmbeddedServers() throws Exception {
        String output = probe("auto");

        assertThat(output)
                .contains("testkit provider: embedded (testkit.provider=auto and Docker is not reachable")
                .contains("RAN with jdbc:postgresql://")
                .contains("SUCCEEDED 1")
                .doesNotContain("FAILED");
    }

    private static String probe(String provider) throws Exception {
        return ChildJvm.run(EngineProbe.class, List.of("-Dtestkit.provider=" + provider),
                Map.of("DOCKER_HOST", "unix:///nonexistent.sock"));
    }
}
