package dev.cryptotracker.testkit.internal;

import dev.cryptotracker.testkit.RunningServers;
import java.nio.file.Path;
import java.util.Optional;

/** A Redis of {@link EmbeddedProvider}: a child process with its files and log in a temporary directory. */
final class EmbeddedRedisServer implements RedisServer {

    private final Process process;
    private final int port;
    private final Path directory;
    private final Path logFile;
    private final String image;
    private final Thread stopOnExit;

    EmbeddedRedisServer(Process process, int port, Path directory, Path logFile, String image) {
        this.process = process;
        this.port = port;
        this.directory = directory;
        this.logFile = logFile;
        this.image = image;
        // A JVM that exits without closing the testkit must not leave Redis running.
        this.stopOnExit = new Thread(process::destroyForcibly, "testkit-redis-stop-on-exit");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
    }

    @Override
    public String host() {
        return "127.0.0.1";
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public int database() {
        return 0;
    }

    @Override
    public RunningServers.Server describe() {
        return new RunningServers.Server(image, String.valueOf(process.pid()), host() + ":" + port);
    }

    @Override
    public Optional<String> log() {
        return Optional.of(TempDirectory.read(logFile));
    }

    @Override
    public Optional<String> death() {
        return process.isAlive() ? Optional.empty()
                : Optional.of("embedded Redis (pid " + process.pid() + ") exited with " + process.exitValue());
    }

    @Override
    public void close() {
        Processes.stop(process.toHandle());
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down; the hook is harmless then.
        }
        TempDirectory.deleteQuietly(directory);
    }
}
