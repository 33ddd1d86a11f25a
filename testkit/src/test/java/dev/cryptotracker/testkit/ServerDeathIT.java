package dev.cryptotracker.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.testcontainers.DockerClientFactory;

/**
 * When a server the testkit started dies — an embedded process killed, a container gone — the tests after it fail
 * at once with what died, how, and the end of its log, instead of one client timeout after another; and so does
 * every later test of that JVM. Run in a JVM of its own (with this run's Docker provider, or else embedded servers:
 * an external server is not the testkit's to kill).
 */
@Testkit
class ServerDeathIT {

    /** A probe's failure line: exception, message, the test's method name, milliseconds. */
    private static final Pattern FAILURE = Pattern.compile("FAILED (\\S+): (.*) \\[in (\\w+)\\(.*\\] after (\\d+) ms");

    @Test
    void redisThatDiedFailsEveryLaterTestAtOnceNamingWhatDiedAndHow(RunningServers servers) throws Exception {
        String output = ChildJvm.probe(provider(servers), Map.of(), RedisDies.class);

        List<String[]> failures = failures(output);
        assertThat(failures).as("failures of the probe; its output:%n%s", output).extracting(failure -> failure[2])
                .contains("needsRedisAfterwards", "needsRedisLater");
        for (String[] failure : failures) {
            if (!failure[2].equals("killsRedis")) {
                assertThat(failure[1]).containsPattern(
                        "embedded Redis \\(pid \\d+\\) exited with 137|Redis \\(container \\w+\\) is exited with exit code 137");
                assertThat(Long.parseLong(failure[3])).as("%s failed at once, not after client timeouts", failure[2])
                        .isLessThan(3_000);
            }
        }
        assertThat(output).contains("SUCCEEDED 0");
    }

    @Test
    void postgresThatDiedFailsEveryLaterTestAtOnceNamingWhatDied(RunningServers servers) throws Exception {
        String output = ChildJvm.probe(provider(servers), Map.of(), PostgresDies.class);

        List<String[]> failures = failures(output);
        String[] later = failures.stream().filter(failure -> failure[2].equals("needsPostgresAfterwards"))
                .findFirst().orElseThrow(() -> new AssertionError("needsPostgresAfterwards did not fail:\n" + output));
        assertThat(later[1]).containsPattern(
                "embedded PostgreSQL \\(pid \\d+\\) is no longer running|PostgreSQL \\(container \\w+\\) is exited");
        assertThat(Long.parseLong(later[3])).as("failed at once").isLessThan(3_000);
    }

    /** Docker when this run uses it; otherwise embedded, whose processes a test may kill. */
    private static String provider(RunningServers servers) {
        return "-Dtestkit.provider=" + (servers.provider() == ProviderKind.DOCKER ? "docker" : "embedded");
    }

    private static List<String[]> failures(String output) {
        return output.lines().map(FAILURE::matcher).filter(Matcher::matches)
                .map(m -> new String[] {m.group(1), m.group(2), m.group(3), m.group(4)}).toList();
    }

    static void kill(ProviderKind provider, String id) throws Exception {
        if (provider == ProviderKind.DOCKER) {
            DockerClientFactory.instance().client().killContainerCmd(id).exec();
        } else {
            ProcessHandle process = ProcessHandle.of(Long.parseLong(id)).orElseThrow();
            process.destroyForcibly();
            process.onExit().get(10, TimeUnit.SECONDS);
        }
    }

    /** Run only through {@link EngineProbe}; Failsafe does not pick nested classes up. */
    @Testkit
    @TestMethodOrder(OrderAnnotation.class)
    static class RedisDies {

        @Test
        @Order(1)
        void killsRedis(RunningServers servers) throws Exception {
            kill(servers.provider(), servers.redis().id());
        }

        @Test
        @Order(2)
        void needsRedisAfterwards(ConnectionDetails details) {
            assertThat(details.redisUri()).isNotNull();
        }

        @Test
        @Order(3)
        void needsRedisLater(ConnectionDetails details) {
            assertThat(details.redisUri()).isNotNull();
        }
    }

    /** Run only through {@link EngineProbe}; Failsafe does not pick nested classes up. */
    @Testkit(Service.POSTGRES)
    @TestMethodOrder(OrderAnnotation.class)
    static class PostgresDies {

        @Test
        @Order(1)
        void killsPostgres(RunningServers servers) throws Exception {
            kill(servers.provider(), servers.postgres().id());
        }

        @Test
        @Order(2)
        void needsPostgresAfterwards(DatabaseHelper db) {
            assertThat(db.tableExists("owners")).isTrue();
        }
    }
}
