package dev.cryptotracker.testkit.internal;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded provider's template cache: PostgreSQL data directories, each migrated once and stopped cleanly,
 * under {@code <cache directory>/postgres-embedded/<key>/data}. A run whose key is cached copies that directory and
 * starts a server on the copy; the cached directory itself is never written again.
 *
 * <p>Several JVMs may start at once. An entry appears only by an atomic rename of a complete copy, so a reader sees
 * all of it or none. Building one is claimed with a lock file per key ({@code <key>.lock}): a JVM that finds the
 * claim taken waits for it and then reads what the other built, instead of building the same again. The lock
 * file's modification time records the entry's last use; beyond {@value #KEEP} entries the least recently used are
 * removed. A copy that fails (the entry removed meanwhile, a full disk) only costs that run the cache: it starts
 * from scratch.
 */
final class EmbeddedTemplateCache {

    /** How many entries are kept: enough for a few branches or projects at once. */
    static final int KEEP = 5;

    static final String DATA = "data";
    static final String DESCRIPTION = "template.txt";
    private static final String BINARIES = "binaries.properties";
    private static final String STAGING = ".staging-";
    private static final String EVICTED = ".evicted-";
    /** Files of a running or stopped server that belong to that server, never to a copy. */
    private static final Set<String> NOT_COPIED = Set.of("postmaster.pid", "postmaster.opts", "epg-lock");
    private static final Duration POLL = Duration.ofMillis(50);
    /** In-JVM guard for each lock file: a JVM may hold only one lock on a file, whichever thread asks. */
    private static final Map<Path, Semaphore> CLAIMS_IN_THIS_JVM = new ConcurrentHashMap<>();

    private static final Logger log = LoggerFactory.getLogger(EmbeddedTemplateCache.class);

    private final Path root;

    EmbeddedTemplateCache(Path cacheDirectory) {
        this.root = cacheDirectory.resolve("postgres-embedded");
    }

    Path root() {
        return root;
    }

    /**
     * A cached template: its data directory, and the binaries that built it, which a server on a copy of it can
     * run without asking zonky again (when they are still unpacked).
     */
    record Entry(Path data, Optional<EmbeddedBinaries> binaries) {
    }

    /** The cached template of a key, marked as used now; empty when there is none. */
    Optional<Entry> find(TemplateKey key) {
        Path entry = root.resolve(key.hash());
        Path data = entry.resolve(DATA);
        if (!Files.isDirectory(data)) {
            return Optional.empty();
        }
        try {
            Path lock = lockFile(key);
            if (!Files.exists(lock)) {
                Files.createFile(lock);
            }
            Files.setLastModifiedTime(lock, FileTime.from(Instant.now()));
        } catch (IOException e) {
            log.debug("Could not mark template cache entry {} as used: {}", key, e.toString());
        }
        return Optional.of(new Entry(data, binaries(entry.resolve(BINARIES))));
    }

    private static Optional<EmbeddedBinaries> binaries(Path file) {
        try {
            Properties properties = new Properties();
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(in);
            }
            return Optional.of(new EmbeddedBinaries(Path.of(properties.getProperty("directory")),
                    Boolean.parseBoolean(properties.getProperty("unshare")))).filter(EmbeddedBinaries::present);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static void writeBinaries(Path file, EmbeddedBinaries binaries) throws IOException {
        Properties properties = new Properties();
        properties.setProperty("directory", binaries.directory().toString());
        properties.setProperty("unshare", String.valueOf(binaries.unshare()));
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            properties.store(out, "the PostgreSQL binaries this template was built with");
        }
    }

    /**
     * Claims the right to build a key's entry, waiting while another JVM (or thread) holds it.
     *
     * @return the claim, or empty when the claim was not free within {@code wait} or the cache directory cannot
     *         be written
     */
    Optional<Claim> claim(TemplateKey key, Duration wait) {
        Semaphore inJvm = CLAIMS_IN_THIS_JVM.computeIfAbsent(lockFile(key), path -> new Semaphore(1));
        Instant deadline = Instant.now().plus(wait);
        FileChannel channel = null;
        try {
            if (!inJvm.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                return Optional.empty();
            }
            Files.createDirectories(root);
            channel = FileChannel.open(lockFile(key), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            for (FileLock lock = channel.tryLock(); ; lock = channel.tryLock()) {
                if (lock != null) {
                    return Optional.of(new Claim(key, channel, lock, inJvm));
                }
                if (Instant.now().isAfter(deadline)) {
                    break;
                }
                LockSupport.parkNanos(POLL.toNanos());
            }
        } catch (IOException | RuntimeException e) {
            log.warn("Could not claim template cache entry {} in {}: {}", key, root, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeQuietly(channel);
        inJvm.release();
        return Optional.empty();
    }

    /** Removes an entry that failed to start, so that the next run builds it again. */
    void discard(TemplateKey key) {
        Path entry = root.resolve(key.hash());
        if (Files.exists(entry)) {
            log.warn("Removing template cache entry {}: a server would not start from it", entry);
            remove(entry);
        }
    }

    /**
     * Copies a PostgreSQL data directory, leaving out the files that belong to a server process. The copy's top
     * directory gets owner-only permissions, as PostgreSQL demands. Where there is a {@code cp}, it copies: in a
     * JVM that just started, a thousand files copy several times faster that way than with Java's file API, whose
     * code runs interpreted at first.
     */
    static void copyDataDirectory(Path from, Path to) throws IOException {
        if (!copyWithCp(from, to)) {
            copyWithJava(from, to);
        }
        for (String file : NOT_COPIED) {
            Files.deleteIfExists(to.resolve(file));
        }
        ownerOnly(to);
    }

    private static boolean copyWithCp(Path from, Path to) {
        if (System.getProperty("os.name").startsWith("Windows") || Files.exists(to)) {
            return false;
        }
        try {
            Process cp = new ProcessBuilder("cp", "-a", from.toString(), to.toString()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (cp.waitFor(5, TimeUnit.MINUTES) && cp.exitValue() == 0) {
                return true;
            }
            cp.destroyForcibly();
        } catch (IOException e) {
            log.debug("No cp to copy {} with: {}", from, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        TempDirectory.deleteQuietly(to);
        return false;
    }

    private static void copyWithJava(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes)
                    throws IOException {
                Files.createDirectories(to.resolve(from.relativize(directory).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                if (!NOT_COPIED.contains(file.getFileName().toString())) {
                    Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES,
                            LinkOption.NOFOLLOW_LINKS);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void ownerOnly(Path directory) throws IOException {
        if (directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
        }
    }

    private Path lockFile(TemplateKey key) {
        return root.resolve(key.hash() + ".lock");
    }

    /**
     * Removes entries beyond the {@value #KEEP} most recently used, and staging directories of JVMs that are gone.
     */
    void evict() {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> children = Files.newDirectoryStream(root)) {
            for (Path child : children) {
                String name = child.getFileName().toString();
                if (name.startsWith(STAGING) || name.startsWith(EVICTED)) {
                    Optional<Long> owner = owner(child);
                    if (owner.isEmpty() || !JvmIdentity.alive(owner.get())) {
                        TempDirectory.deleteQuietly(child);
                    }
                } else if (Files.isDirectory(child)) {
                    entries.add(child);
                }
            }
        } catch (IOException e) {
            log.debug("Could not look for old template cache entries in {}: {}", root, e.toString());
            return;
        }
        entries.sort(Comparator.comparing(this::lastUse).reversed());
        for (Path entry : entries.subList(Math.min(KEEP, entries.size()), entries.size())) {
            log.info("Removing template cache entry {}, the least recently used of more than {}", entry, KEEP);
            remove(entry);
        }
    }

    private FileTime lastUse(Path entry) {
        try {
            Path lock = root.resolve(entry.getFileName() + ".lock");
            return Files.getLastModifiedTime(Files.exists(lock) ? lock : entry);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    /** Renames an entry out of the way first, so that no reader ever finds half of it. */
    private void remove(Path entry) {
        Path gone = root.resolve(EVICTED + JvmIdentity.randomHex(8));
        try {
            Files.move(entry, gone, StandardCopyOption.ATOMIC_MOVE);
            writeOwner(gone);
            TempDirectory.delete(gone);
            Files.deleteIfExists(root.resolve(entry.getFileName() + ".lock"));
        } catch (IOException e) {
            log.warn("Could not remove template cache entry {}: {}", entry, e.toString());
        }
    }

    private static Optional<Long> owner(Path directory) {
        try {
            return Optional.of(Long.parseLong(Files.readString(directory.resolve(EmbeddedSweeper.OWNER),
                    StandardCharsets.US_ASCII).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void writeOwner(Path directory) throws IOException {
        Files.writeString(directory.resolve(EmbeddedSweeper.OWNER), Long.toString(JvmIdentity.pid()),
                StandardCharsets.US_ASCII);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                log.debug("Could not close a template cache lock file: {}", e.toString());
            }
        }
    }

    /** The right to build one key's entry, held until closed. */
    final class Claim implements AutoCloseable {

        private final TemplateKey key;
        private final FileChannel channel;
        private final FileLock lock;
        private final Semaphore inJvm;
        private boolean closed;

        private Claim(TemplateKey key, FileChannel channel, FileLock lock, Semaphore inJvm) {
            this.key = key;
            this.channel = channel;
            this.lock = lock;
            this.inJvm = inJvm;
        }

        TemplateKey key() {
            return key;
        }

        /** Whether another JVM stored the entry while this one waited for the claim. */
        boolean existing() {
            return find(key).isPresent();
        }

        /**
         * Stores a stopped server's data directory as this key's entry: copied into a staging directory, then
         * renamed into place in one step.
         *
         * @throws UncheckedIOException when the copy or the rename failed; nothing is left behind then
         */
        void store(Path dataDirectory, EmbeddedBinaries binaries, String description) {
            Path staging = root.resolve(STAGING + key.hash() + "-" + JvmIdentity.randomHex(4));
            try {
                Files.createDirectories(staging);
                writeOwner(staging);
                copyDataDirectory(dataDirectory, staging.resolve(DATA));
                writeBinaries(staging.resolve(BINARIES), binaries);
                Files.writeString(staging.resolve(DESCRIPTION), "key: " + key.hash() + "\ncreated: " + Instant.now()
                        + "\n" + description, StandardCharsets.UTF_8);
                Files.delete(staging.resolve(EmbeddedSweeper.OWNER));
                Files.move(staging, root.resolve(key.hash()), StandardCopyOption.ATOMIC_MOVE);
                Files.setLastModifiedTime(lockFile(key), FileTime.from(Instant.now()));
            } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
                TempDirectory.deleteQuietly(staging);
                throw new UncheckedIOException("could not move the template into " + root.resolve(key.hash()), e);
            } catch (IOException e) {
                TempDirectory.deleteQuietly(staging);
                throw new UncheckedIOException("could not store the template in " + root, e);
            }
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            try {
                lock.release();
            } catch (IOException e) {
                log.debug("Could not release the template cache lock of {}: {}", key, e.toString());
            }
            closeQuietly(channel);
            inJvm.release();
        }
    }
}
