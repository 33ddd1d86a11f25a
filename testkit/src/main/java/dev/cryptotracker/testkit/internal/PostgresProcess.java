package dev.cryptotracker.testkit.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code postgres} process of the embedded provider on a data directory and a loopback port, a child of this
 * JVM. It is ready once its {@code postmaster.pid} says so, which is what {@code pg_ctl -w} waits for, looked at
 * every few milliseconds instead of every tenth of a second. It stops with {@code pg_ctl stop -m fast}. On Windows,
 * where only {@code pg_ctl} may start PostgreSQL from an administrator's account, {@code pg_ctl start -w} starts it.
 */
final class PostgresProcess {

    /** Server settings of a throw-away test server: nothing needs to survive a crash, so nothing is flushed. */
    private static final List<String> SETTINGS = List.of("fsync=off", "synchronous_commit=off",
            "full_page_writes=off", "wal_init_zero=off", "wal_recycle=off", "timezone=UTC", "max_connections=300",
            "listen_addresses=localhost");
    private static final Duration POLL = Duration.ofMillis(5);
    private static final String READY = "ready";
    private static final boolean WINDOWS = System.getProperty("os.name").startsWith("Windows");
    private static final Duration SMART_SHUTDOWN = Duration.ofSeconds(2);

    private static final Logger log = LoggerFactory.getLogger(PostgresProcess.class);

    private final EmbeddedBinaries binaries;
    private final Path dataDirectory;
    private final Path logFile;
    private final ProcessHandle process;
    private final int port;
    private final Thread stopOnExit;

    private PostgresProcess(EmbeddedBinaries binaries, Path dataDirectory, Path logFile, ProcessHandle process,
                            int port) {
        this.binaries = binaries;
        this.dataDirectory = dataDirectory;
        this.logFile = logFile;
        this.process = process;
        this.port = port;
        // A JVM that exits without closing the testkit must not leave PostgreSQL running; its clients are gone by
        // the time the server looks, so a smart shutdown (SIGTERM) ends it.
        this.stopOnExit = new Thread(process::destroy, "testkit-postgres-stop-on-exit");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
    }

    /**
     * Starts PostgreSQL and waits until it accepts connections.
     *
     * @throws IllegalStateException when it exits first or is not ready in time; the message ends with its log
     */
    static PostgresProcess start(EmbeddedBinaries binaries, Path dataDirectory, int port, Path logFile,
                                 Duration timeout) {
        List<String> options = new ArrayList<>(List.of("-p", String.valueOf(port)));
        SETTINGS.forEach(setting -> options.addAll(List.of("-c", setting)));
        if (WINDOWS) {
            EmbeddedBinaries.run(binaries.command("pg_ctl", "-D", dataDirectory.toString(), "-o",
                    String.join(" ", options), "-w", "-t", String.valueOf(timeout.toSeconds()), "start"), logFile,
                    "pg_ctl start");
            return new PostgresProcess(binaries, dataDirectory, logFile, ProcessHandle.of(pidOf(dataDirectory))
                    .orElseThrow(() -> new IllegalStateException("PostgreSQL on port " + port + " ended at once")),
                    port);
        }
        List<String> arguments = new ArrayList<>(List.of("-D", dataDirectory.toString()));
        arguments.addAll(options);
        Process process;
        try {
            process = new ProcessBuilder(binaries.command("postgres", arguments.toArray(String[]::new)))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("could not start " + binaries.directory() + "/bin/postgres", e);
        }
        PostgresProcess started = new PostgresProcess(binaries, dataDirectory, logFile, process.toHandle(), port);
        try {
            started.awaitReady(process, timeout);
        } catch (RuntimeException e) {
            started.stop();
            throw e;
        }
        return started;
    }

    private static long pidOf(Path dataDirectory) {
        try {
            return Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).trim());
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("PostgreSQL in " + dataDirectory + " wrote no process id", e);
        }
    }

    private void awaitReady(Process started, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("PostgreSQL on port " + port + " exited with " + started.exitValue()
                        + "; its log ends with:\n" + Logs.tail(TempDirectory.read(logFile), 20));
            }
            if (ready(pidFile)) {
                return;
            }
            LockSupport.parkNanos(POLL.toNanos());
            if (Thread.currentThread().isInterrupted()) {
                throw new IllegalStateException("interrupted while waiting for PostgreSQL on port " + port);
            }
        }
        throw new IllegalStateException("PostgreSQL on port " + port + " was not ready within "
                + timeout.toSeconds() + " s; its log ends with:\n" + Logs.tail(TempDirectory.read(logFile), 20));
    }

    /** Line 1 of {@code postmaster.pid} is the server's process id; line 8 its state, {@code ready} once it is. */
    private boolean ready(Path pidFile) {
        try {
            List<String> lines = Files.readAllLines(pidFile);
            return lines.size() >= 8 && lines.get(0).trim().equals(String.valueOf(process.pid()))
                    && lines.get(7).trim().equals(READY);
        } catch (IOException e) {
            return false;
        }
    }

    private boolean awaitExit(Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    long pid() {
        return process.pid();
    }

    int port() {
        return port;
    }

    boolean alive() {
        return process.isAlive();
    }

    /**
     * Stops the server: a smart shutdown first (SIGTERM; quick when no session is open, as when the template has
     * just been migrated or the testkit has closed its pools), then a fast one with {@code pg_ctl stop -m fast}
     * (open sessions are ended), then a kill.
     */
    void stop() {
        if (process.isAlive() && !WINDOWS) {
            process.destroy();
            awaitExit(SMART_SHUTDOWN);
        }
        if (process.isAlive()) {
            try {
                EmbeddedBinaries.run(binaries.command("pg_ctl", "-D", dataDirectory.toString(), "stop", "-m", "fast",
                        "-w", "-t", "30"), logFile, "pg_ctl stop");
            } catch (IllegalStateException e) {
                log.warn("Could not stop PostgreSQL (pid {}) with pg_ctl: {}", process.pid(), e.getMessage());
            }
            if (!awaitExit(Duration.ofSeconds(30))) {
                process.destroyForcibly();
            }
        }
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down; the hook is harmless then.
        }
    }
}
