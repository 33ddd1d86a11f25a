package dev.cryptotracker.testkit.internal;

import dev.cryptotracker.testkit.RunningServers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A PostgreSQL of {@link EmbeddedProvider}: a child process with its data and log in a temporary directory. */
final class EmbeddedPostgresServer implements PostgresServer {

    static final String USER = "postgres";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    private final EmbeddedPostgres postgres;
    private final Path directory;
    private final Path logFile;
    private final String image;
    private final long pid;
    private final String jdbcUrl;

    EmbeddedPostgresServer(EmbeddedPostgres postgres, Path directory, Path logFile, String image, long pid,
                           String jdbcUrl) {
        this.postgres = postgres;
        this.directory = directory;
        this.logFile = logFile;
        this.image = image;
        this.pid = pid;
        this.jdbcUrl = jdbcUrl;
    }

    @Override
    public String jdbcUrl() {
        return jdbcUrl;
    }

    @Override
    public String username() {
        return USER;
    }

    @Override
    public String password() {
        // The embedded server trusts loopback connections; any password is accepted.
        return "";
    }

    @Override
    public RunningServers.Server describe() {
        return new RunningServers.Server(image, String.valueOf(pid), jdbcUrl);
    }

    @Override
    public Optional<String> log() {
        return Optional.of(TempDirectory.read(logFile));
    }

    @Override
    public Optional<String> death() {
        // pg_ctl started the server, so it is not this JVM's child and its exit code is not ours to read.
        return JvmIdentity.alive(pid) ? Optional.empty()
                : Optional.of("embedded PostgreSQL (pid " + pid + ") is no longer running");
    }

    @Override
    public void close() {
        closeQuietly(postgres);
        TempDirectory.deleteQuietly(directory);
    }

    static void closeQuietly(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        } catch (IOException | RuntimeException e) {
            log.warn("Could not stop embedded PostgreSQL: {}", e.toString());
        }
    }
}
