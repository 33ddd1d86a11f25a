package dev.cryptotracker.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import dev.cryptotracker.testkit.internal.DockerProviderAvailability;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

/**
 * With reuse switched on (testkit.reuse and Testcontainers' own switch), a second run finds the first run's
 * containers still running and uses them instead of starting new ones; on a reused PostgreSQL the reset is installed
 * again over the last run's and still empties what a test wrote.
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

    @Test
    void secondRunReusesThePostgresContainerAndItsResetStillEmptiesWhatATestWrote() throws Exception {
        if (!DockerProviderAvailability.dockerUsable()) {
            DockerProviderAvailability.assertFallbackExplained();
            return;
        }
        String firstOutput = runReusingJvmOutput("postgres");
        String postgres = line(firstOutput, "POSTGRES ");
        try {
            String secondOutput = runReusingJvmOutput("postgres");

            assertThat(line(secondOutput, "POSTGRES ")).as("PostgreSQL container of the second run")
                    .isEqualTo(postgres);
            assertThat(line(firstOutput, "ROWS AFTER RESET ")).as("first run; output:%n%s", firstOutput)
                    .isEqualTo("0");
            assertThat(line(secondOutput, "ROWS AFTER RESET ")).as("second run; output:%n%s", secondOutput)
                    .isEqualTo("0");
        } finally {
            DockerClient docker = DockerClientFactory.instance().client();
            docker.removeContainerCmd(postgres).withForce(true).exec();
            docker.removeContainerCmd(line(firstOutput, "STARTED ")).withForce(true).exec();
        }
    }

    private static String line(String output, String prefix) {
        return output.lines().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length()).trim())
                .findFirst().orElseThrow(() -> new AssertionError("no line " + prefix + "in:\n" + output));
    }

    private static String runReusingJvm() throws Exception {
        return line(runReusingJvmOutput(), "STARTED ");
    }

    private static String runReusingJvmOutput(String... args) throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        List<String> command = new ArrayList<>(List.of(java, "-Dtestkit.reuse=true",
                "-cp", System.getProperty("java.class.path"), ReusingJvm.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("TESTCONTAINERS_REUSE_ENABLE", "true");
        Process child = builder.start();
        StringBuilder seen = new StringBuilder();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                seen.append(line).append('\n');
            }
        }
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as("exit code; output:%n%s", seen).isZero();
        return seen.toString();
    }
}
