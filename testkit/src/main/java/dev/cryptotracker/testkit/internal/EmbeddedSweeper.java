package dev.cryptotracker.testkit.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops embedded servers that a JVM killed with {@code kill -9} left running, and deletes their directories (in every
 * root of {@link TempDirectory}). Each embedded server's temporary directory holds an {@value #OWNER} file with its JVM's process id and a
 * {@value #SERVER} file with the server's; a directory whose JVM is gone is swept the next time a JVM starts the
 * embedded provider. A server process is only stopped if it still runs the program it was started as.
 */
final class EmbeddedSweeper {

    static final String OWNER = "owner.pid";
    static final String SERVER = "server.pid";
    static final List<String> PREFIXES = List.of("testkit-postgres-", "testkit-redis-");

    private static final Logger log = LoggerFactory.getLogger(EmbeddedSweeper.class);

    private EmbeddedSweeper() {
    }

    /** Records that this JVM owns the server started in {@code directory}. */
    static void recordOwner(Path directory) {
        write(directory.resolve(OWNER), JvmIdentity.pid());
    }

    /** Records the server's own process, so that a sweep can stop it if this JVM dies first. */
    static void recordServer(Path directory, long pid) {
        write(directory.resolve(SERVER), pid);
    }

    /**
     * Sweeps the temporary directory.
     *
     * @return how many left-over servers were stopped
     */
    static int sweep() {
        return TempDirectory.roots().stream().mapToInt(EmbeddedSweeper::sweep).sum();
    }

    static int sweep(Path tempRoot) {
        int stopped = 0;
        try (DirectoryStream<Path> directories = Files.newDirectoryStream(tempRoot,
                entry -> PREFIXES.stream().anyMatch(prefix -> entry.getFileName().toString().startsWith(prefix)))) {
            for (Path directory : directories) {
                Optional<Long> owner = read(directory.resolve(OWNER));
                if (owner.isEmpty() || JvmIdentity.alive(owner.get())) {
                    continue;
                }
                Optional<Long> server = read(directory.resolve(SERVER));
                if (server.isPresent() && stop(server.get())) {
                    stopped++;
                    log.info("Stopped embedded server process {} left by JVM {}, which is gone", server.get(),
                            owner.get());
                }
                TempDirectory.delete(directory);
            }
        } catch (IOException | RuntimeException e) {
            log.warn("Could not look for embedded servers left by earlier test JVMs: {}", e.toString());
        }
        return stopped;
    }

    private static boolean stop(long pid) {
        Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(EmbeddedSweeper::isServer);
        process.ifPresent(Processes::stop);
        return process.isPresent();
    }

    /** Guards against a reused process id: only a PostgreSQL or Redis server is ever stopped. */
    private static boolean isServer(ProcessHandle process) {
        String command = process.info().command().orElse("");
        return command.contains("postgres") || command.contains("redis");
    }

    private static Optional<Long> read(Path file) {
        try {
            return Optional.of(Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void write(Path file, long pid) {
        try {
            Files.writeString(file, Long.toString(pid), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            log.warn("Could not write {}: a crash of this JVM would leave its embedded server running", file);
        }
    }
}
