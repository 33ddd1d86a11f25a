package dev.cryptotracker.testkit.internal;

import dev.cryptotracker.testkit.TestkitConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * What decides the content of a migrated template, hashed into the name of its cached copy: the server (its
 * binaries or image), the Flyway jar, every Flyway location as configured together with the content of every file
 * under it ({@code .sql} and {@code .class} alike, so Java migrations and callbacks count), the schemas, the
 * reference tables, and the testkit's own SQL and code. Whatever of these changes gives another key, so a cached
 * template is never used for anything but what it was built from.
 *
 * <p>Locations the testkit cannot read through (a wildcard, a cloud storage prefix) make the template
 * uncacheable: {@link #of} then says why instead of returning a key.
 */
final class TemplateKey {

    /** Bumped whenever the layout of a cached entry changes, so old entries are never read. */
    static final String FORMAT = "1";

    private static final String TESTKIT_INTERNALS = "dev/cryptotracker/testkit/internal";
    private static final String FLYWAY_CLASS = "org/flywaydb/core/Flyway.class";

    private final String hash;
    private final String description;

    private TemplateKey(String hash, String description) {
        this.hash = hash;
        this.description = description;
    }

    /**
     * The key of the template that this configuration builds on a server.
     *
     * @param config the migrations, schemas and reference tables
     * @param loader the class loader Flyway will scan, the one of the thread that migrates
     * @param server what identifies the server's software: an image id, the URL of the binaries
     * @return the key, or why the template cannot be cached
     */
    static Result of(TestkitConfig config, ClassLoader loader, String server) {
        MessageDigest digest = sha256();
        List<String> described = new ArrayList<>();
        line(digest, "format " + FORMAT);
        line(digest, "server " + server);
        described.add("server: " + server);
        URL flyway = loader.getResource(FLYWAY_CLASS);
        line(digest, "flyway " + flyway);
        line(digest, "schemas " + config.schemas());
        line(digest, "reference-tables " + config.referenceTables());
        described.add("schemas: " + config.schemas());
        described.add("reference tables: " + config.referenceTables());
        for (String location : config.migrations()) {
            Optional<String> unreadable = unreadable(location);
            if (unreadable.isPresent()) {
                return Result.uncacheable("migration location " + location + " " + unreadable.get());
            }
            List<String> files = location.startsWith("filesystem:")
                    ? directory(Path.of(location.substring("filesystem:".length())))
                    : classpath(loader, location.startsWith("classpath:")
                    ? location.substring("classpath:".length()) : location);
            line(digest, "location " + location + " " + files.size());
            files.forEach(file -> line(digest, file));
            described.add("location " + location + ": " + files.size() + " files");
        }
        List<String> testkit = testkitInternals();
        line(digest, "testkit " + testkit.size());
        testkit.forEach(file -> line(digest, file));
        String hash = HexFormat.of().formatHex(digest.digest()).substring(0, 32);
        return new Result(Optional.of(new TemplateKey(hash, String.join("\n", described) + "\n")), "");
    }

    /** 32 hex digits (128 bits of SHA-256): safe in file names and image tags. */
    String hash() {
        return hash;
    }

    /** What went into the key, one item a line, for people looking into the cache. */
    String description() {
        return description;
    }

    @Override
    public String toString() {
        return hash;
    }

    /**
     * The testkit's own SQL and the code that installs it: every file of this package in the directory this class
     * was loaded from (not other roots of the same package, such as the testkit's own tests); or, when it comes
     * from a jar, that jar's path, size and time, which is quicker to read and changes whenever its content does.
     */
    private static List<String> testkitInternals() {
        URL self = TemplateKey.class.getResource(TemplateKey.class.getSimpleName() + ".class");
        try {
            if (self != null && self.getProtocol().equals("file")) {
                return directory(Path.of(self.toURI()).getParent());
            }
            if (self != null && self.getProtocol().equals("jar")) {
                String text = self.toString();
                URL jar = new URL(text.substring("jar:".length(), text.indexOf("!/")));
                if (jar.getProtocol().equals("file")) {
                    Path file = Path.of(jar.toURI());
                    return List.of(file + " " + Files.size(file) + " " + Files.getLastModifiedTime(file).toMillis());
                }
            }
            if (self != null) {
                List<String> files = jar(self, TESTKIT_INTERNALS);
                Collections.sort(files);
                return files;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the testkit's own classes", e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("could not read the testkit's own classes", e);
        }
        throw new IllegalStateException("the testkit cannot find its own classes");
    }

    private static Optional<String> unreadable(String location) {
        if (location.contains("*") || location.contains("?")) {
            return Optional.of("has a wildcard, whose matches the testkit does not resolve");
        }
        int colon = location.indexOf(':');
        String scheme = colon < 0 ? "classpath" : location.substring(0, colon);
        return scheme.equals("classpath") || scheme.equals("filesystem") ? Optional.empty()
                : Optional.of("is not on the classpath or the file system");
    }

    /** Every file under a directory: {@code relative/path sha256}, sorted; none when it does not exist. */
    static List<String> directory(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<String> files = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.filter(Files::isRegularFile).toList()) {
                try (InputStream in = Files.newInputStream(path)) {
                    files.add(root.relativize(path).toString().replace('\\', '/') + " " + sha256(in));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + root + " to compute the template cache key", e);
        }
        Collections.sort(files);
        return files;
    }

    /**
     * Every resource under a classpath path, in every directory and jar that holds it, as {@code relative/path
     * sha256}, sorted.
     */
    static List<String> classpath(ClassLoader loader, String location) {
        String path = location.replaceAll("^/+|/+$", "");
        List<String> files = new ArrayList<>();
        try {
            Enumeration<URL> roots = loader.getResources(path);
            while (roots.hasMoreElements()) {
                URL root = roots.nextElement();
                if (root.getProtocol().equals("file")) {
                    files.addAll(directory(Path.of(root.toURI())));
                } else {
                    files.addAll(jar(root, path));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read classpath location " + location
                    + " to compute the template cache key", e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("could not read classpath location " + location, e);
        }
        Collections.sort(files);
        return files;
    }

    /** The files under {@code path} in the jar that {@code url} points into. */
    private static List<String> jar(URL url, String path) throws IOException {
        String text = url.toString();
        int separator = text.indexOf("!/");
        if (separator < 0) {
            throw new IOException("cannot list " + url + ": neither a directory nor a jar");
        }
        // The jar itself rather than the entry: a jar need not have entries for its directories.
        @SuppressWarnings("deprecation")
        URLConnection connection = new URL(text.substring(0, separator + 2)).openConnection();
        if (!(connection instanceof JarURLConnection jarConnection)) {
            throw new IOException("cannot list " + url + ": neither a directory nor a jar");
        }
        jarConnection.setUseCaches(false);
        List<String> files = new ArrayList<>();
        String prefix = path + "/";
        try (JarFile jar = jarConnection.getJarFile()) {
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                if (!entry.isDirectory() && entry.getName().startsWith(prefix)) {
                    try (InputStream in = jar.getInputStream(entry)) {
                        files.add(entry.getName().substring(prefix.length()) + " " + sha256(in));
                    }
                }
            }
        }
        return files;
    }

    private static String sha256(InputStream in) throws IOException {
        MessageDigest digest = sha256();
        byte[] buffer = new byte[8192];
        for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
            digest.update(buffer, 0, read);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void line(MessageDigest digest, String line) {
        digest.update((line + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    /** A key, or why there is none. */
    record Result(Optional<TemplateKey> key, String uncacheable) {

        static Result uncacheable(String why) {
            return new Result(Optional.empty(), why);
        }
    }
}
