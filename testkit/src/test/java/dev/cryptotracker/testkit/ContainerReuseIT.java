package dev.cryptotracker.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import dev.cryptotracker.testkit.internal.DockerProviderAvailability;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

/**
 * With reuse switched on (testkit.reuse and Testcontainers' own switch), a second run finds the first run's
 * container still running and uses it instead of starting one.
 *
 * <p>A test of the Docker provider itself: where this machine's Docker cannot run the testkit's servers, it checks
 * the fallback instead (see {@link DockerProviderAvailability}).
 */
class ContainerReuseIT {

    @Test
    void secondRunWithReuseOnStartsNoNewContainer() throws Exception {
        if (!DockerProviderAvailability.dockerUsable()) {
            DockerProviderAvailability.assertFallbackExplained();
            return;
        }
        String first = runReusingJvm();
        try {
            String second = runReusingJvm();

            assertThat(second).as("container of the second run").isEqualTo(first);
            DockerClient docker = DockerClientFactory.instance().client();
            assertThat(docker.inspectContainerCmd(first).exec().getState().getRunning())
                    .as("still running after both JVMs ended").isTrue();
        } finally {
            DockerClientFactory.instance().client().removeContainerCmd(first).withForce(true).exec();
        }
    }

    private static String runReusingJvm() throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        ProcessBuilder builder = new ProcessBuilder(java, "-Dtestkit.reuse=true", "-cp",
                System.getProperty("java.class.path"), ReusingJvm.class.getName()).redirectErrorStream(true);
        builder.environment().put("TESTCONTAINERS_REUSE_ENABLE", "true");
        Process child = builder.start();
        StringBuilder seen = new StringBuilder();
        String id = null;
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("STARTED ")) {
                    id = line.substring("STARTED ".length()).trim();
                }
                seen.append(line).append('\n');
            }
        }
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as("exit code; output:%n%s", seen).isZero();
        assertThat(id).as("container id; output:%n%s", seen).isNotNull();
        return id;
    }
}
