package dev.cryptotracker.testkit.internal;

import dev.cryptotracker.testkit.RunningServers;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/** Runs PostgreSQL and Redis in Docker containers through Testcontainers. */
public final class DockerProvider implements ServerProvider {

    private static final Logger log = LoggerFactory.getLogger(DockerProvider.class);

    private final TestkitSettings settings;
    private final Duration startupTimeout;

    public DockerProvider(TestkitSettings settings) {
        this.settings = settings;
        this.startupTimeout = Duration.ofSeconds(settings.integer(TestkitSettings.STARTUP_TIMEOUT_SECONDS, 120));
        ContainerSweeper.removeContainersOfDeadJvms();
    }

    @Override
    public String name() {
        return "docker";
    }

    @Override
    public PostgresServer startPostgres() {
        String image = settings.postgresImage();
        PostgreSQLContainer container;
        try {
            container = new PostgreSQLContainer(DockerImageName.parse(image).asCompatibleSubstituteFor("postgres"))
                    .withDatabaseName("testkit")
                    .withUsername("testkit")
                    .withPassword("testkit")
                    .withLabels(ContainerSweeper.labels())
                    .waitingFor(new PostgresReadyWaitStrategy().withStartupTimeout(startupTimeout));
            container.start();
        } catch (RuntimeException e) {
            throw new IllegalStateException("PostgreSQL failed to start from image " + image
                    + " (set testkit.postgres.image / TESTKIT_POSTGRES_IMAGE to an image this Docker has)", e);
        }
        log.info("PostgreSQL started from image {} in container {} at {}", image, shortId(container.getContainerId()),
                container.getJdbcUrl());
        return new ContainerPostgres(container, image);
    }

    @Override
    public RedisServer startRedis() {
        String image = settings.redisImage();
        GenericContainer<?> container;
        try {
            container = new GenericContainer<>(DockerImageName.parse(image))
                    .withExposedPorts(6379)
                    .withLabels(ContainerSweeper.labels())
                    .waitingFor(Wait.forLogMessage(".*Ready to accept connections.*\\n", 1)
                            .withStartupTimeout(startupTimeout));
            container.start();
        } catch (RuntimeException e) {
            throw new IllegalStateException("Redis failed to start from image " + image
                    + " (set testkit.redis.image / TESTKIT_REDIS_IMAGE to an image this Docker has)", e);
        }
        log.info("Redis started from image {} in container {} at {}:{}", image, shortId(container.getContainerId()),
                container.getHost(), container.getMappedPort(6379));
        return new ContainerRedis(container, image);
    }

    static String shortId(String id) {
        return id == null || id.length() < 12 ? id : id.substring(0, 12);
    }

    private record ContainerPostgres(PostgreSQLContainer container, String image) implements PostgresServer {

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
        public String logTail(int lines) {
            return Logs.tail(container.getLogs(), lines);
        }

        @Override
        public void close() {
            container.stop();
        }
    }

    private record ContainerRedis(GenericContainer<?> container, String image) implements RedisServer {

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
        public String logTail(int lines) {
            return Logs.tail(container.getLogs(), lines);
        }

        @Override
        public void close() {
            container.stop();
        }
    }
}
