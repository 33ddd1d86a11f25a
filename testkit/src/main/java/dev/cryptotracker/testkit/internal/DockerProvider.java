package dev.cryptotracker.testkit.internal;

import dev.cryptotracker.testkit.ProviderKind;
import dev.cryptotracker.testkit.RunningServers;
import dev.cryptotracker.testkit.TestkitConfig;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.TestcontainersConfiguration;

/** Runs PostgreSQL and Redis in Docker containers through Testcontainers. */
public final class DockerProvider implements ServerProvider {

    private static final Logger log = LoggerFactory.getLogger(DockerProvider.class);

    private final TestkitConfig config;

    public DockerProvider(TestkitConfig config) {
        this.config = config;
    }

    @Override
    public ProviderKind kind() {
        return ProviderKind.DOCKER;
    }

    @Override
    public void sweepLeftovers() {
        ContainerSweeper.removeContainersOfDeadJvms();
        if (config.reuse() && !TestcontainersConfiguration.getInstance().environmentSupportsReuse()) {
            log.warn("testkit.reuse is on, but Testcontainers' reuse is not enabled: add testcontainers.reuse.enable"
                    + "=true to ~/.testcontainers.properties (or set TESTCONTAINERS_REUSE_ENABLE=true); starting "
                    + "fresh containers");
        }
    }

    /**
     * Labels for a new container. Reused containers outlive this JVM by design, so they carry no pid: the sweep
     * leaves them alone, and their configuration, hence Testcontainers' reuse hash, is the same in every run.
     */
    private Map<String, String> labels() {
        return config.reuse() ? Map.of(ContainerSweeper.LABEL, "true", ContainerSweeper.LABEL + ".reuse", "true")
                : ContainerSweeper.labels(JvmIdentity.pid());
    }

    @Override
    public PostgresServer startPostgres() {
        String image = config.postgresImage();
        PostgreSQLContainer container;
        try {
            container = new PostgreSQLContainer(DockerImageName.parse(image).asCompatibleSubstituteFor("postgres"))
                    .withDatabaseName("testkit")
                    .withUsername("testkit")
                    .withPassword(config.postgresPassword().orElseGet(() -> config.reuse() ? "testkit" : password()))
                    .withLabels(labels())
                    .withReuse(config.reuse())
                    .waitingFor(new PostgresReadyWaitStrategy().withStartupTimeout(config.startupTimeout()));
            container.start();
        } catch (RuntimeException e) {
            throw new IllegalStateException("PostgreSQL failed to start from image " + image
                    + " (set testkit.postgres.image / TESTKIT_POSTGRES_IMAGE to an image this Docker has)", e);
        }
        log.info("PostgreSQL started from image {} in container {} at {}", image, shortId(container.getContainerId()),
                container.getJdbcUrl());
        return new ContainerPostgres(container, image, config.reuse());
    }

    @Override
    public RedisServer startRedis() {
        String image = config.redisImage();
        GenericContainer<?> container;
        try {
            container = new GenericContainer<>(DockerImageName.parse(image))
                    .withExposedPorts(6379)
                    .withLabels(labels())
                    .withReuse(config.reuse())
                    .waitingFor(Wait.forLogMessage(".*Ready to accept connections.*\\n", 1)
                            .withStartupTimeout(config.startupTimeout()));
            container.start();
        } catch (RuntimeException e) {
            throw new IllegalStateException("Redis failed to start from image " + image
                    + " (set testkit.redis.image / TESTKIT_REDIS_IMAGE to an image this Docker has)", e);
        }
        log.info("Redis started from image {} in container {} at {}:{}", image, shortId(container.getContainerId()),
                container.getHost(), container.getMappedPort(6379));
        return new ContainerRedis(container, image, config.reuse());
    }

    /** A fresh password per server unless one is configured, so that one never leaks into logs unnoticed. */
    private static String password() {
        byte[] bytes = new byte[12];
        new SecureRandom().nextBytes(bytes);
        return "tk-" + HexFormat.of().formatHex(bytes);
    }

    /** A reused container outlives this JVM by design; any other is stopped and removed. */
    private static void stopUnlessReused(GenericContainer<?> container, boolean reuse) {
        if (!reuse) {
            container.stop();
        }
    }

    /** Why a container no longer runs, asked of Docker: its state and exit code. */
    private static Optional<String> death(GenericContainer<?> container, String what) {
        try {
            var state = container.getDockerClient().inspectContainerCmd(container.getContainerId()).exec().getState();
            if (Boolean.TRUE.equals(state.getRunning())) {
                return Optional.empty();
            }
            return Optional.of(what + " (container " + shortId(container.getContainerId()) + ") is "
                    + state.getStatus() + " with exit code " + state.getExitCodeLong());
        } catch (RuntimeException e) {
            return Optional.of(what + " (container " + shortId(container.getContainerId()) + ") is gone: "
                    + e.getMessage());
        }
    }

    static String shortId(String id) {
        return id == null || id.length() < 12 ? id : id.substring(0, 12);
    }

    private record ContainerPostgres(PostgreSQLContainer container, String image, boolean reuse)
            implements PostgresServer {

        @Override
        public String jdbcUrl() {
            return container.getJdbcUrl();
        }

        @Override
        public String username() {
            return container.getUsername();
        }

        @Override
        public String password() {
            return container.getPassword();
        }

        @Override
        public RunningServers.Server describe() {
            return new RunningServers.Server(image, container.getContainerId(), container.getJdbcUrl());
        }

        @Override
        public Optional<String> log() {
            return Optional.of(container.getLogs());
        }

        @Override
        public Optional<String> death() {
            return DockerProvider.death(container, "PostgreSQL");
        }

        @Override
        public void close() {
            stopUnlessReused(container, reuse);
        }
    }

    private record ContainerRedis(GenericContainer<?> container, String image, boolean reuse)
            implements RedisServer {

        @Override
        public String host() {
            return container.getHost();
        }

        @Override
        public int port() {
            return container.getMappedPort(6379);
        }

        @Override
        public int database() {
            return 0;
        }

        @Override
        public RunningServers.Server describe() {
            return new RunningServers.Server(image, container.getContainerId(), host() + ":" + port());
        }

        @Override
        public Optional<String> log() {
            return Optional.of(container.getLogs());
        }

        @Override
        public Optional<String> death() {
            return DockerProvider.death(container, "Redis");
        }

        @Override
        public void close() {
            stopUnlessReused(container, reuse);
        }
    }
}
