package dev.cryptotracker.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cryptotracker.testkit.TestkitConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class DockerProbeTest {

    @Test
    void anExplicitDockerHostWithoutSocketMeansDockerIsAbsent() {
        DockerProbe probe = new DockerProbe(Map.of("DOCKER_HOST", "unix:///nonexistent.sock")::get);

        assertThat(probe.unreachable())
                .as("never falls back to the socket Testcontainers cached in ~/.testcontainers.properties")
                .contains("Docker is not reachable at DOCKER_HOST=unix:///nonexistent.sock (no such socket)");
    }

    @Test
    void anExplicitTcpDockerHostThatRefusesConnectionsMeansDockerIsAbsent() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String dockerHost = "tcp://127.0.0.1:" + closedPort;

        assertThat(new DockerProbe(Map.of("DOCKER_HOST", dockerHost)::get).unreachable())
                .hasValueSatisfying(reason -> assertThat(reason)
                        .startsWith("Docker is not reachable at DOCKER_HOST=" + dockerHost));
    }

    @Test
    void anExplicitTcpDockerHostThatAcceptsConnectionsPassesTheGuard() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            DockerProbe probe = new DockerProbe(Map.<String, String>of()::get);

            assertThat(probe.explicitHostProblem("tcp://127.0.0.1:" + socket.getLocalPort())).isEmpty();
        }
    }

    @Test
    void needsRyuksImageUnlessRyukIsDisabled() {
        TestkitConfig settings = TestkitConfig.from(Map.of("testkit.postgres.image", "pg:1",
                "testkit.redis.image", "rd:1"), Map.of(), new Properties());

        List<String> withRyuk = new DockerProbe(Map.<String, String>of()::get).imagesNeeded(settings);
        List<String> withoutRyuk = new DockerProbe(Map.of("TESTCONTAINERS_RYUK_DISABLED", "true")::get)
                .imagesNeeded(settings);

        assertThat(withRyuk).hasSize(3).startsWith("pg:1", "rd:1");
        assertThat(withRyuk.get(2)).contains("ryuk");
        assertThat(withoutRyuk).containsExactly("pg:1", "rd:1");
    }
}
