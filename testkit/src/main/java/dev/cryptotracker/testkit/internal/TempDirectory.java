package dev.cryptotracker.testkit.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.LoggerFactory;

/** Temporary directories of the embedded servers, deleted with everything in them when the server closes. */
final class TempDirectory {

    private TempDirectory() {
    }

    /** Memory-backed on Linux; the place for data that need not survive the run. */
    private static final Path SHARED_MEMORY = Path.of("/dev/shm");
    /** Room that {@link #SHARED_MEMORY} must have left for the testkit to use it (containers often give 64 MB). */
    private static final long ROOM_NEEDED = 1L << 30;

    static Path create(String prefix) {
        return create(Path.of(System.getProperty("java.io.tmpdir")), prefix);
    }

    /**
     * A temporary directory for a server's data files: in memory ({@code /dev/shm}) where there is one with room,
     * since a test server's data need not survive it and a busy disk is what copying, cloning and {@code initdb}
     * wait for; otherwise in the temporary directory. Never for files that must be executed: {@code /dev/shm} is
     * often mounted {@code noexec}.
     */
    static Path createForData(String prefix) {
        return create(dataRoot(), prefix);
    }

    /** Every root {@link #create} and {@link #createForData} put directories in, for the sweep. */
    static List<Path> roots() {
        Path temp = Path.of(System.getProperty("java.io.tmpdir"));
        Path data = dataRoot();
        return data.equals(temp) ? List.of(temp) : List.of(temp, data);
    }

    private static Path dataRoot() {
        try {
            if (Files.isDirectory(SHARED_MEMORY) && Files.isWritable(SHARED_MEMORY)
                    && Files.getFileStore(SHARED_MEMORY).getUsableSpace() >= ROOM_NEEDED) {
                return SHARED_MEMORY;
            }
        } catch (IOException | SecurityException e) {
            // No usable shared memory: the temporary directory will do.
        }
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    private static Path create(Path root, String prefix) {
        try {
            return Files.createTempDirectory(root, prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a temporary directory " + prefix + "* in " + root, e);
        }
    }

    static void delete(Path directory) throws IOException {
        if (directory == null || !Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    static void deleteQuietly(Path directory) {
        try {
            delete(directory);
        } catch (IOException | RuntimeException e) {
            LoggerFactory.getLogger(TempDirectory.class).warn("Could not delete {}: {}", directory, e.toString());
        }
    }

    static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "(could not read " + file + ": " + e + ")";
        }
    }
}
