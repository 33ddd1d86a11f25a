package dev.cryptotracker.testkit.internal;

import dev.cryptotracker.testkit.RunningServers;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A PostgreSQL of {@link EmbeddedProvider}: a child process with its data and log in a temporary directory. */
final class EmbeddedPostgresServer implements PostgresServer {

    static final String USER = "postgres";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    /** How long closing waits for the template cache to be written. */
    private static final Duration STORE_WAIT = Duration.ofSeconds(60);

    private final EmbeddedBinaries binaries;
    private final Path directory;
    private final Path logFile;
    private final String image;
    private final String jdbcUrl;
    private final boolean templateFromCache;
    private final Duration startupTimeout;
    private final EmbeddedTemplateCache cache;
    private EmbeddedTemplateCache.Claim claim;
    private CompletableFuture<Void> storing;
    private volatile PostgresProcess process;
    /** Clones made with the template (see {@link PostgresServer#takePristineClone}), not yet handed out. */
    private final Set<String> pristineClones = ConcurrentHashMap.newKeySet();

    /**
     * @param claim the right to store this server's template in the cache once it is migrated, or {@code null}
     */
    EmbeddedPostgresServer(PostgresProcess process, EmbeddedBinaries binaries, Path directory, Path logFile,
                           String image, String jdbcUrl, boolean templateFromCache, Duration startupTimeout,
                           EmbeddedTemplateCache cache, EmbeddedTemplateCache.Claim claim) {
        this.binaries = binaries;
        this.directory = directory;
        this.logFile = logFile;
        this.image = image;
        this.jdbcUrl = jdbcUrl;
        this.templateFromCache = templateFromCache;
        this.startupTimeout = startupTimeout;
        this.cache = cache;
        this.claim = claim;
        running(process);
        if (templateFromCache) {
            pristineClones.add(firstClone());
        }
    }

    private String firstClone() {
        return TemplateDatabase.cloneName(JdbcUrls.database(jdbcUrl), 0);
    }

    private void running(PostgresProcess started) {
        process = started;
        EmbeddedSweeper.recordServer(directory, started.pid());
    }

    private Path dataDirectory() {
        return directory.resolve("data");
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
        return new RunningServers.Server(image, String.valueOf(process.pid()), jdbcUrl);
    }

    @Override
    public Optional<String> log() {
        return Optional.of(TempDirectory.read(logFile));
    }

    @Override
    public Optional<String> death() {
        PostgresProcess current = process;
        return current.alive() ? Optional.empty()
                : Optional.of("embedded PostgreSQL (pid " + current.pid() + ") is no longer running");
    }

    @Override
    public boolean templateFromCache() {
        return templateFromCache;
    }

    /**
     * Stores the migrated template when this server holds the claim for it, with the first slot's clone made
     * already: the server stops cleanly (so the copy needs no recovery), its data directory is copied next to it,
     * and it starts again on the same port; the copy goes into the cache on a thread of its own, while the tests
     * run, and {@link #close()} waits for it.
     */
    @Override
    public synchronized void templateMigrated() {
        if (claim == null) {
            return;
        }
        EmbeddedTemplateCache.Claim held = claim;
        claim = null;
        String clone = firstClone();
        try (Connection connection = DriverManager.getConnection(JdbcUrls.withDatabase(jdbcUrl, "postgres"), USER, "");
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + clone + " TEMPLATE " + JdbcUrls.database(jdbcUrl));
            pristineClones.add(clone);
        } catch (SQLException e) {
            log.warn("Could not clone the migrated template; it is not cached: {}", e.getMessage());
            held.close();
            return;
        }
        Path snapshot = directory.resolve("template");
        boolean copied = false;
        long start = System.nanoTime();
        long stopped = start;
        long copiedAt = start;
        try {
            process.stop();
            stopped = System.nanoTime();
            EmbeddedTemplateCache.copyDataDirectory(dataDirectory(), snapshot);
            copiedAt = System.nanoTime();
            copied = true;
        } catch (IOException | RuntimeException e) {
            log.warn("Could not copy the migrated template for the cache; later runs migrate again: {}",
                    e.toString());
        }
        try {
            restart();
        } catch (RuntimeException e) {
            held.close();
            throw e;
        }
        log.debug("Copied the migrated template for the cache: stop {} ms, copy {} ms, start {} ms",
                (stopped - start) / 1_000_000, (copiedAt - stopped) / 1_000_000,
                (System.nanoTime() - copiedAt) / 1_000_000);
        if (!copied) {
            held.close();
        } else {
            storing = CompletableFuture.runAsync(() -> store(held, snapshot), runnable -> {
                Thread thread = new Thread(runnable, "testkit-template-cache-store");
                thread.setDaemon(true);
                thread.start();
            });
        }
    }

    private void store(EmbeddedTemplateCache.Claim held, Path snapshot) {
        long start = System.nanoTime();
        try (held) {
            held.store(snapshot, binaries, image + "\n" + held.key().description());
            log.info("Stored the migrated template in the cache as {} in {} ms", held.key(),
                    (System.nanoTime() - start) / 1_000_000);
        } catch (RuntimeException e) {
            log.warn("Could not store the migrated template in the cache; later runs migrate again: {}",
                    e.toString());
        } finally {
            TempDirectory.deleteQuietly(snapshot);
        }
        cache.evict();
    }

    private void restart() {
        try {
            running(PostgresProcess.start(binaries, dataDirectory(), process.port(), logFile, startupTimeout));
        } catch (RuntimeException e) {
            throw new IllegalStateException("embedded PostgreSQL did not start again after its template was "
                    + "copied for the cache", e);
        }
    }

    @Override
    public boolean takePristineClone(String database) {
        return pristineClones.remove(database);
    }

    @Override
    public synchronized void close() {
        if (storing != null) {
            try {
                storing.get(STORE_WAIT.toSeconds(), TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                log.warn("The template cache was still being written after {} s; leaving it unfinished",
                        STORE_WAIT.toSeconds());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (claim != null) {
            claim.close();
            claim = null;
        }
        process.stop();
        TempDirectory.deleteQuietly(directory);
    }
}
