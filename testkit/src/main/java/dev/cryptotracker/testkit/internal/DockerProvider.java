package dev.cryptotracker.testkit.internal;

import dev.cryptotracker.testkit.ProviderKind;
import dev.cryptotracker.testkit.RunningServers;
import dev.cryptotracker.testkit.TestkitConfig;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.containers.wait.strategy.WaitStrategy;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.TestcontainersConfiguration;

/** Runs PostgreSQL and Redis in Docker containers through Testcontainers. */
public final class DockerProvider implements ServerProvider {

    private static final Logger log = LoggerFactory.getLogger(DockerProvider.class);

    private final TestkitConfig config;
    private final DockerTemplateCache templates;

    public DockerProvider(TestkitConfig config) {
        this.config = config;
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        this.templates = new DockerTemplateCache(config, context != null ? context
                : DockerProvider.class.getClassLoader());
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
        boolean cacheable = templates.applies();
        Optional<DockerTemplateCache.BaseImage> base = cacheable ? templates.baseImage(image) : Optional.empty();
        Optional<TemplateKey> key = base.flatMap(present -> templates.key(present.id()));
        Optional<String> cached = key.flatMap(templates::image);
        if (cached.isPresent()) {
            try {
                return startFromCache(image, cached.get(), key.get());
            } catch (RuntimeException e) {
                log.warn("PostgreSQL would not start from the cached template {}; starting without it: {}",
                        cached.get(), e.toString());
            }
        }
        WarmUp.flyway(config);
        PostgreSQLContainer container;
        try {
            container = container(DockerImageName.parse(image).asCompatibleSubstituteFor("postgres"),
                    new PostgresReadyWaitStrategy());
            base.flatMap(DockerTemplateCache.BaseImage::dataDirectory)
                    .ifPresent(directory -> container.withEnv("PGDATA", directory));
            container.start();
        } catch (RuntimeException e) {
            throw new IllegalStateException("PostgreSQL failed to start from image " + image
                    + " (set testkit.postgres.image / TESTKIT_POSTGRES_IMAGE to an image this Docker has)", e);
        }
        log.info("PostgreSQL started from image {} in container {} at {}", image, shortId(container.getContainerId()),
                container.getJdbcUrl());
        if (cacheable && base.isEmpty()) {
            // The image was pulled just now: its id, and so the template's key, is known only from here on.
            key = templates.key(container.getContainerInfo().getImageId());
        }
        return new ContainerPostgres(container, image, config.reuse(), templates, key, false,
                ConcurrentHashMap.newKeySet());
    }

    private PostgreSQLContainer container(DockerImageName image, WaitStrategy ready) {
        return new PostgreSQLContainer(image)
                .withDatabaseName("testkit")
                .withUsername("testkit")
                .withPassword(config.postgresPassword().orElseGet(() -> config.reuse() ? "testkit" : password()))
                .withLabels(labels())
                .withReuse(config.reuse())
                .waitingFor(ready.withStartupTimeout(config.startupTimeout()));
    }

    /**
     * A container of the cached image: ready once its server has recovered (one "ready" line: the data directory
     * exists, so the image's entrypoint initialises nothing), given a new password, and answering it.
     */
    private PostgresServer startFromCache(String image, String cached, TemplateKey key) {
        WarmUp.jdbcDriver();
        // The image's environment names its data directory (PGDATA), where the template is.
        PostgreSQLContainer container = container(DockerImageName.parse(cached).asCompatibleSubstituteFor("postgres"),
                new CachedTemplateWaitStrategy());
        container.start();
        log.info("PostgreSQL started from image {}, from the template cache ({}), in container {} at {}", image,
                key, shortId(container.getContainerId()), container.getJdbcUrl());
        Set<String> pristine = ConcurrentHashMap.newKeySet();
        pristine.add(TemplateDatabase.cloneName(container.getDatabaseName(), 0));
        return new ContainerPostgres(container, image, false, templates, Optional.empty(), true, pristine);
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

    /**
     * A PostgreSQL container.
     *
     * @param templates the template cache
     * @param key the key to commit the migrated template to the cache under; empty when it is not to be cached
     * @param templateFromCache whether it runs the cached image, with the template migrated already
     * @param pristineClones clones made with the template and not handed out yet
     */
    private record ContainerPostgres(PostgreSQLContainer container, String image, boolean reuse,
                                     DockerTemplateCache templates, Optional<TemplateKey> key,
                                     boolean templateFromCache,
                                     Set<String> pristineClones) implements PostgresServer {

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

        /** Commits the container, with the first slot's clone made, as the cached image of its key. */
        @Override
        public void templateMigrated() {
            if (key.isEmpty()) {
                return;
            }
            String dataDirectory;
            try {
                dataDirectory = DockerTemplateCache.dataDirectory(container);
            } catch (SQLException e) {
                log.warn("The migrated template is not cached: could not ask for the data directory: {}",
                        e.getMessage());
                return;
            }
            if (templates.cloneFirstSlot(container, pristineClones)) {
                templates.commit(container, key.get(), dataDirectory);
            }
        }

        @Override
        public boolean takePristineClone(String database) {
            return pristineClones.remove(database);
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
