package dev.cryptotracker.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cryptotracker.testkit.TestkitConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @Test
    void aUnixSocketThatAcceptsConnectionsPassesTheGuard(@TempDir Path directory) throws IOException {
        Path socket = directory.resolve("docker.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));

            assertThat(new DockerProbe(Map.<String, String>of()::get).explicitHostProblem("unix://" + socket))
                    .isEmpty();
        }
    }

    @Test
    void aFileWhereTheSocketShouldBeMeansDockerIsAbsent(@TempDir Path directory) throws IOException {
        Path notASocket = Files.writeString(directory.resolve("docker.sock"), "");
        String dockerHost = "unix://" + notASocket;

        assertThat(new DockerProbe(Map.of("DOCKER_HOST", " " + dockerHost + " ")::get).unreachable())
                .hasValueSatisfying(reason -> assertThat(reason)
                        .startsWith("Docker is not reachable at DOCKER_HOST=" + dockerHost + " (java.net.")
                        .endsWith(")"));
    }

    @Test
    void aDockerHostThatIsNoUriIsNamed() {
        assertThat(new DockerProbe(Map.<String, String>of()::get).explicitHostProblem("tcp://docker host:2375"))
                .contains("DOCKER_HOST=tcp://docker host:2375 is not a valid URI");
    }

    @Test
    void aTcpPortOutOfRangeMeansDockerIsAbsent() {
        assertThat(new DockerProbe(Map.<String, String>of()::get).explicitHostProblem("tcp://127.0.0.1:70000"))
                .hasValueSatisfying(reason -> assertThat(reason)
                        .startsWith("Docker is not reachable at DOCKER_HOST=tcp://127.0.0.1:70000 (java.lang."
                                + "IllegalArgumentException"));
    }

    @Test
    void httpAndHttpsDockerHostsAreProbedLikeTcpWhateverTheirCase() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        DockerProbe probe = new DockerProbe(Map.<String, String>of()::get);

        for (String scheme : List.of("http", "https", "HTTP", "TCP")) {
            String dockerHost = scheme + "://127.0.0.1:" + closedPort;
            assertThat(probe.explicitHostProblem(dockerHost)).as(dockerHost)
                    .hasValueSatisfying(reason -> assertThat(reason)
                            .startsWith("Docker is not reachable at DOCKER_HOST=" + dockerHost + " (java.net."));
        }
    }

    @Test
    void leavesOtherTransportsToTestcontainers() {
        DockerProbe probe = new DockerProbe(Map.<String, String>of()::get);

        assertThat(probe.explicitHostProblem("npipe:////./pipe/docker_engine")).isEmpty();
        assertThat(probe.explicitHostProblem("ssh://user@docker.example")).isEmpty();
        assertThat(probe.explicitHostProblem("/var/run/docker.sock")).isEmpty();
    }
}
