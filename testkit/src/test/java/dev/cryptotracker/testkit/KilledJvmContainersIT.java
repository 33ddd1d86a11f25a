package dev.cryptotracker.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.cryptotracker.testkit.internal.ContainerSweeper;
import dev.cryptotracker.testkit.internal.DockerProviderAvailability;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A test JVM killed with {@code kill -9} runs no shutdown hook, so with Ryuk disabled its containers would stay.
 * The next testkit JVM removes them: they carry the dead JVM's pid and this host's name.
 *
 * <p>A test of the Docker provider itself: where this machine's Docker cannot run the testkit's servers, it checks
 * the fallback instead (see {@link DockerProviderAvailability}).
 */
class KilledJvmContainersIT {

    @Test
    void containersOfAJvmKilledWithSigkillAreRemovedByTheNextRun() throws Exception {
        if (!DockerProviderAvailability.dockerUsable()) {
            DockerProviderAvailability.assertFallbackExplained();
            return;
        }
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                TestkitJvmToKill.class.getName()).redirectErrorStream(true).start();
        String containerId = awaitReadyLine(child);
        DockerClient docker = DockerClientFactory.instance().client();
        assertThat(docker.inspectContainerCmd(containerId).exec().getState().getRunning()).isTrue();

        child.destroyForcibly();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("child JVM killed").isTrue();

        ContainerSweeper.removeContainersOfDeadJvms();

        assertThat(exists(docker, containerId)).as("container %s of the killed JVM", containerId).isFalse();
    }

    @Test
    void containersOfLiveJvmsAreLeftAlone() {
        if (!DockerProviderAvailability.dockerUsable()) {
            DockerProviderAvailability.assertFallbackExplained();
            return;
        }
        String image = TestkitConfig.fromEnvironment().redisImage();
        try (GenericContainer<?> alive = new GenericContainer<>(DockerImageName.parse(image))
                .withExposedPorts(6379)
                .withLabels(ContainerSweeper.labels(ProcessHandle.current().pid()))) {
            alive.start();

            ContainerSweeper.removeContainersOfDeadJvms();

            assertThat(alive.isRunning()).as("container of this live JVM").isTrue();
        }
    }

    private static String awaitReadyLine(Process child) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith("READY ")) {
                return line.substring("READY ".length()).trim();
            }
            seen.append(line).append('\n');
        }
        throw new AssertionError("the child JVM ended before starting its container:\n" + seen);
    }

    private static boolean exists(DockerClient docker, String id) {
        try {
            docker.inspectContainerCmd(id).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }
}
