package dev.cryptotracker.testkit.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Image;
import dev.cryptotracker.testkit.TestkitConfig;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Container;
import org.testcontainers.containers.ExecConfig;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.ImageNameSubstitutor;

/**
 * The Docker provider's template cache: images made with {@code docker commit} of a container whose template
 * database was just migrated, tagged {@value #REPOSITORY}{@code :<key>}. A run whose key is tagged starts its
 * container from that image, with the data directory, the migrations and the testkit's reset already in place.
 *
 * <p>A commit leaves volumes out, so with the official images, whose data directory is
 * {@code VOLUME /var/lib/postgresql/data}, the data goes to {@value #DATA_DIRECTORY} instead ({@code PGDATA});
 * an image whose data directory is no volume keeps it where it is. Each container from the image gets a
 * fresh random password, set through the server's local socket before the testkit connects; the image keeps no
 * password of its own that anybody knows. Tags are replaced atomically by Docker, so JVMs that build the same key
 * at once both end up with a whole image. Beyond {@value #KEEP} images the oldest are removed.
 */
final class DockerTemplateCache {

    static final String REPOSITORY = "localhost/cryptotracker-testkit/postgres-template";
    /** Where cacheable containers keep their data: outside every volume the official images declare. */
    static final String DATA_DIRECTORY = "/tmp/testkit-pgdata";
    private static final String OFFICIAL_DATA_DIRECTORY = "/var/lib/postgresql/data";
    static final String LABEL = ContainerSweeper.LABEL + ".template-cache";
    static final int KEEP = 5;

    private static final Logger log = LoggerFactory.getLogger(DockerTemplateCache.class);

    private final TestkitConfig config;
    private final ClassLoader loader;

    DockerTemplateCache(TestkitConfig config, ClassLoader loader) {
        this.config = config;
        this.loader = loader;
    }

    /**
     * Whether containers of this configuration may be cached: the cache is on, containers are not reused (a reused
     * container keeps its own state across runs), and the image initialises its data directory itself (an image
     * that was built with one, and with the password in {@code testkit.postgres.password}, is used as it is).
     */
    boolean applies() {
        return config.cache() && !config.reuse() && config.postgresPassword().isEmpty();
    }

    /** The key of a template built on this image id, or empty (with the reason logged) when there can be none. */
    Optional<TemplateKey> key(String imageId) {
        TemplateKey.Result result = TemplateKey.of(config, loader, "docker " + imageId);
        if (result.key().isEmpty()) {
            log.info("PostgreSQL starts without the template cache: {}", result.uncacheable());
        }
        return result.key();
    }

    /**
     * The configured image as Docker has it: its id, and where a cacheable container must keep its data.
     *
     * @param id            the image's id
     * @param dataDirectory {@code PGDATA} for containers of this image: {@value #DATA_DIRECTORY} when the image's
     *                      own data directory is a volume (as in the official images, where a commit would leave it
     *                      out); empty to keep the image's own, which a commit holds
     */
    record BaseImage(String id, Optional<String> dataDirectory) {
    }

    /** The configured image, if Docker has it; empty when it must be pulled first. */
    Optional<BaseImage> baseImage(String image) {
        try {
            String name = ImageNameSubstitutor.instance().apply(DockerImageName.parse(image)).asCanonicalNameString();
            InspectImageResponse inspected = client().inspectImageCmd(name).exec();
            return Optional.of(new BaseImage(inspected.getId(), dataDirectoryFor(inspected)));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    /**
     * {@value #DATA_DIRECTORY} when the image's data directory ({@code PGDATA}, the official image's by default) is
     * in one of its volumes. Such a directory holds no data of the image's own (Docker discards what a build writes
     * into a volume), so moving it loses nothing; an image with a data directory of its own keeps it, and with it
     * the password it was built with.
     */
    private static Optional<String> dataDirectoryFor(InspectImageResponse image) {
        String pgdata = OFFICIAL_DATA_DIRECTORY;
        if (image.getConfig() != null && image.getConfig().getEnv() != null) {
            for (String variable : image.getConfig().getEnv()) {
                if (variable.startsWith("PGDATA=")) {
                    pgdata = variable.substring("PGDATA=".length());
                }
            }
        }
        Map<String, ?> volumes = image.getConfig() == null ? null : image.getConfig().getVolumes();
        if (volumes != null) {
            for (String volume : volumes.keySet()) {
                if (under(pgdata, volume)) {
                    return Optional.of(DATA_DIRECTORY);
                }
            }
        }
        return Optional.empty();
    }

    private static boolean under(String path, String directory) {
        String parent = directory.endsWith("/") ? directory.substring(0, directory.length() - 1) : directory;
        return path.equals(parent) || path.startsWith(parent + "/");
    }

    /** The cached image of a key, if Docker has it. */
    Optional<String> image(TemplateKey key) {
        String name = REPOSITORY + ":" + key.hash();
        try {
            client().inspectImageCmd(name).exec();
            return Optional.of(name);
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    /**
     * What {@link #setPassword} feeds {@code psql}, as a {@code printf} format taking the user and the password.
     * The password is stored with one SCRAM iteration where the server lets it be chosen (PostgreSQL 16 and
     * later): iterations slow down guessing a password from its stored verifier, and this one is 96 random bits
     * made for one container, while 4096 of them (the default) cost every new connection of the test JVM a
     * PBKDF2 of 4096 rounds, and the first ones of a fresh JVM far more while the JIT compiles it.
     */
    private static final String SET_PASSWORD = """
            SELECT set_config('scram_iterations', '1', false) WHERE current_setting('server_version_num')::int >= 160000;
            ALTER ROLE "%s" PASSWORD '%s';
            """;

    /**
     * Sets a new password for the testkit's user through the server's local socket, where the image trusts local
     * connections. The password goes in through the environment of the {@code docker exec} and the shell's
     * {@code printf} builtin into {@code psql}'s input, so it is in no command line and in no log.
     */
    static void setPassword(PostgreSQLContainer container) {
        // In the shell's single quotes, each quote of the format becomes '\'' (end, an escaped quote, start again).
        String format = SET_PASSWORD.replace("'", "'\\''");
        ExecConfig exec = ExecConfig.builder()
                .command(new String[] {"sh", "-c", "printf '" + format + "' \"$TESTKIT_USER\" \"$TESTKIT_PASSWORD\" "
                        + "| psql -X -q -v ON_ERROR_STOP=1 -U \"$TESTKIT_USER\" -d postgres"})
                .envVars(Map.of("TESTKIT_USER", container.getUsername(), "TESTKIT_PASSWORD",
                        container.getPassword()))
                .build();
        Container.ExecResult result;
        try {
            result = container.execInContainer(StandardCharsets.UTF_8, exec);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("could not set the password of the cached template's container", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while setting the password of the cached template's "
                    + "container", e);
        }
        if (result.getExitCode() != 0) {
            throw new IllegalStateException("could not set the password in the cached template's container (psql "
                    + "exited with " + result.getExitCode() + ": "
                    + (result.getStderr() + result.getStdout()).replace(container.getPassword(), "***").trim() + ")");
        }
    }

    /**
     * Makes the first slot's clone of the just migrated template, so that the image holds it and a container of
     * the image need not make it; the container's own first slot takes it too.
     *
     * @return whether it was made; without it, the template is not cached
     */
    boolean cloneFirstSlot(PostgreSQLContainer container, Set<String> pristineClones) {
        String clone = TemplateDatabase.cloneName(container.getDatabaseName(), 0);
        try (Connection connection = DriverManager.getConnection(JdbcUrls.withDatabase(container.getJdbcUrl(),
                "postgres"), container.getUsername(), container.getPassword());
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + clone + " TEMPLATE " + container.getDatabaseName());
            pristineClones.add(clone);
            return true;
        } catch (SQLException e) {
            log.warn("Could not clone the migrated template; it is not cached: {}", e.getMessage());
            return false;
        }
    }

    /**
     * Commits a container whose template database was just migrated as this key's image, after a checkpoint so
     * that a container from it recovers in no time. Skipped, with the reason logged, when the data directory is
     * not where a commit can see it, or when another JVM committed the key meanwhile.
     */
    void commit(PostgreSQLContainer container, TemplateKey key, String dataDirectory) {
        Optional<String> unfit = unfit(container, dataDirectory);
        if (unfit.isPresent()) {
            log.info("The migrated template is not cached: {}", unfit.get());
            return;
        }
        if (image(key).isPresent()) {
            return;
        }
        long start = System.nanoTime();
        try (Connection connection = DriverManager.getConnection(container.getJdbcUrl(), container.getUsername(),
                container.getPassword()); Statement statement = connection.createStatement()) {
            statement.execute("CHECKPOINT");
        } catch (SQLException e) {
            log.warn("The migrated template is not cached: CHECKPOINT failed: {}", e.getMessage());
            return;
        }
        Map<String, String> labels = new HashMap<>();
        // A commit keeps the container's labels; these must not mark containers started from the image, nor the
        // image itself, as belonging to this JVM (the sweep of dead JVMs' containers, Ryuk's session).
        labels.put(ContainerSweeper.LABEL, "template-cache");
        labels.put(ContainerSweeper.PID_LABEL, "");
        labels.put(ContainerSweeper.HOST_LABEL, "");
        labels.put("org.testcontainers.sessionId", "");
        labels.put(LABEL, "true");
        labels.put(LABEL + ".key", key.hash());
        try {
            client().commitCmd(container.getContainerId())
                    .withRepository(REPOSITORY)
                    .withTag(key.hash())
                    .withLabels(labels)
                    // The container's random password must not stay in the image's configuration.
                    .withEnv("POSTGRES_PASSWORD=set-for-each-container", "PGDATA=" + dataDirectory)
                    .withMessage("cryptotracker testkit: migrated template " + key.hash())
                    .withPause(true)
                    .exec();
            log.info("Cached the migrated template as image {}:{} in {} ms", REPOSITORY, key.hash(),
                    (System.nanoTime() - start) / 1_000_000);
        } catch (DockerException | IllegalStateException e) {
            log.warn("The migrated template is not cached: docker commit failed: {}", e.getMessage());
            return;
        }
        evict();
    }

    /** The data directory of a running container, as the server says. */
    static String dataDirectory(PostgreSQLContainer container) throws SQLException {
        try (Connection connection = DriverManager.getConnection(container.getJdbcUrl(), container.getUsername(),
                container.getPassword()); Statement statement = connection.createStatement();
             ResultSet directory = statement.executeQuery("SHOW data_directory")) {
            directory.next();
            return directory.getString(1);
        }
    }

    /** Why a commit of this container would not hold its data directory, or empty when it would. */
    private static Optional<String> unfit(PostgreSQLContainer container, String dataDirectory) {
        InspectContainerResponse info = container.getContainerInfo();
        if (info.getMounts() != null) {
            for (InspectContainerResponse.Mount mount : info.getMounts()) {
                String destination = mount.getDestination() == null ? "" : mount.getDestination().getPath();
                if (under(dataDirectory, destination)) {
                    return Optional.of("its data directory " + dataDirectory + " is in a volume mounted at "
                            + destination + ", which a commit leaves out");
                }
            }
        }
        return Optional.empty();
    }

    /** Removes cached images beyond the {@value #KEEP} newest, and untagged ones that a newer commit replaced. */
    void evict() {
        try {
            List<Image> images = client().listImagesCmd().withLabelFilter(Map.of(LABEL, "true")).exec();
            images.sort(Comparator.comparing(Image::getCreated, Comparator.nullsFirst(Comparator.naturalOrder()))
                    .reversed());
            int tagged = 0;
            for (Image image : images) {
                boolean hasTag = image.getRepoTags() != null && List.of(image.getRepoTags()).stream()
                        .anyMatch(tag -> tag.startsWith(REPOSITORY + ":"));
                if (hasTag && ++tagged <= KEEP) {
                    continue;
                }
                try {
                    client().removeImageCmd(image.getId()).exec();
                    log.info("Removed cached template image {}", DockerProvider.shortId(image.getId()));
                } catch (DockerException e) {
                    log.debug("Kept cached template image {}: {}", image.getId(), e.getMessage());
                }
            }
        } catch (DockerException | IllegalStateException e) {
            log.debug("Could not look for old cached template images: {}", e.getMessage());
        }
    }

    private static DockerClient client() {
        return DockerClientFactory.instance().client();
    }
}
