package dev.cryptotracker.testkit.internal;

import dev.cryptotracker.testkit.RunningServers;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.redisson.Redisson;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.api.redisnode.RedisMaster;
import org.redisson.api.redisnode.RedisNode;
import org.redisson.api.redisnode.RedisNodes;
import org.redisson.client.codec.StringCodec;
import org.redisson.config.Config;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Uses PostgreSQL and Redis servers that already run, shared with other test runs: on PostgreSQL it creates a
 * database of its own for this JVM ({@code testkit_<pid>_<random>}) and drops it at close; on Redis it claims a
 * free database index (see {@link RedisIndexClaims}) and releases it at close.
 *
 * <p>Settings: {@code testkit.postgres.url} / {@code TESTKIT_POSTGRES_URL}, the JDBC URL of a database the user
 * may create databases from; {@code testkit.postgres.user} and {@code testkit.postgres.password} (or
 * {@code user} and {@code password} parameters in the URL); {@code testkit.redis.url} / {@code TESTKIT_REDIS_URL}
 * as {@code redis://host:port}.
 */
final class ExternalProvider implements ServerProvider {

    static final String POSTGRES_URL = "testkit.postgres.url";
    /** What diagnostics show instead of a log: the server is not the testkit's, nor is its log. */
    static final String NO_LOG = "(not available: with the external provider the server's log is not the testkit's)";
    static final String POSTGRES_USER = "testkit.postgres.user";
    static final String POSTGRES_PASSWORD = "testkit.postgres.password";
    static final String REDIS_URL = "testkit.redis.url";

    static final String DATABASE_PREFIX = "testkit_";
    /** How a database's comment names the JVM that created it: {@code testkit owner <host> <pid>}. */
    static final String OWNER_COMMENT = "testkit owner ";
    static final Duration CLAIM_TTL = Duration.ofSeconds(60);

    private static final Logger log = LoggerFactory.getLogger(ExternalProvider.class);
    private static final Pattern JDBC_URL = Pattern.compile("(jdbc:postgresql://[^/?]*)(/[^?]*)?(\\?.*)?");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final TestkitSettings settings;

    ExternalProvider(TestkitSettings settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return "external";
    }

    @Override
    public PostgresServer startPostgres() {
        String url = settings.get(POSTGRES_URL).orElseThrow(() -> new ExtensionConfigurationException(
                "testkit.provider=external needs TESTKIT_POSTGRES_URL (or -D" + POSTGRES_URL + "): the JDBC URL of "
                        + "a database whose user may create databases, e.g. jdbc:postgresql://localhost:5432/postgres"));
        PostgresUrl admin = PostgresUrl.parse(url, settings.get(POSTGRES_USER).orElse(null),
                settings.get(POSTGRES_PASSWORD).orElse(null));
        return ExternalPostgres.create(admin);
    }

    @Override
    public RedisServer startRedis() {
        String url = settings.get(REDIS_URL).orElseThrow(() -> new ExtensionConfigurationException(
                "testkit.provider=external needs TESTKIT_REDIS_URL (or -D" + REDIS_URL + "), e.g. "
                        + "redis://localhost:6379"));
        return ExternalRedis.claim(RedisAddress.parse(url), owner());
    }

    /** Who claims: unique per JVM and readable by whoever looks at the claims. */
    static String owner() {
        return host() + ":" + ProcessHandle.current().pid() + ":" + randomHex(4);
    }

    static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }

    static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    /**
     * A PostgreSQL JDBC URL split into the URL without credentials, the user and the password.
     *
     * @param base     {@code jdbc:postgresql://host:port}, possibly with several hosts
     * @param database the database of the URL, or empty
     * @param params   the URL's parameters other than user and password, each {@code name=value}
     * @param user     the user, from the settings or else the URL; {@code null} for the driver's default
     * @param password the password, from the settings or else the URL; {@code null} for none
     */
    record PostgresUrl(String base, String database, List<String> params, String user, String password) {

        static PostgresUrl parse(String url, String user, String password) {
            Matcher matcher = JDBC_URL.matcher(url.trim());
            if (!matcher.matches()) {
                throw new ExtensionConfigurationException("TESTKIT_POSTGRES_URL must look like "
                        + "jdbc:postgresql://host:port/database, was '" + withoutQuery(url) + "'");
            }
            String database = matcher.group(2) == null ? "" : matcher.group(2).substring(1);
            List<String> params = new ArrayList<>();
            String urlUser = null;
            String urlPassword = null;
            if (matcher.group(3) != null) {
                for (String param : matcher.group(3).substring(1).split("&")) {
                    String name = param.contains("=") ? param.substring(0, param.indexOf('=')) : param;
                    String value = param.contains("=") ? URLDecoder.decode(param.substring(param.indexOf('=') + 1),
                            StandardCharsets.UTF_8) : "";
                    switch (name) {
                        case "user" -> urlUser = value;
                        case "password" -> urlPassword = value;
                        case "" -> { }
                        default -> params.add(param);
                    }
                }
            }
            return new PostgresUrl(matcher.group(1), database, List.copyOf(params),
                    user != null ? user : urlUser, password != null ? password : urlPassword);
        }

        private static String withoutQuery(String url) {
            int query = url.indexOf('?');
            return query < 0 ? url : url.substring(0, query) + "?…";
        }

        /** The URL of another database on the same server, without credentials. */
        String jdbcUrl(String otherDatabase) {
            return base + "/" + otherDatabase + (params.isEmpty() ? "" : "?" + String.join("&", params));
        }

        /** The URL as given, without credentials. */
        String jdbcUrl() {
            return jdbcUrl(database);
        }

        Connection connect() throws SQLException {
            Properties properties = new Properties();
            if (user != null) {
                properties.setProperty("user", user);
            }
            if (password != null) {
                properties.setProperty("password", password);
            }
            properties.setProperty("connectTimeout", "10");
            return DriverManager.getConnection(jdbcUrl(), properties);
        }

        @Override
        public String toString() {
            return jdbcUrl() + " as " + user;
        }
    }

    /** A database of this JVM's own on an existing PostgreSQL server. */
    static final class ExternalPostgres implements PostgresServer {

        private final PostgresUrl admin;
        private final String database;
        private final String version;

        private ExternalPostgres(PostgresUrl admin, String database, String version) {
            this.admin = admin;
            this.database = database;
            this.version = version;
        }

        static ExternalPostgres create(PostgresUrl admin) {
            String database = DATABASE_PREFIX + ProcessHandle.current().pid() + "_" + randomHex(4);
            try (Connection connection = admin.connect(); Statement statement = connection.createStatement()) {
                dropDatabasesOfDeadJvms(connection);
                statement.execute("CREATE DATABASE " + database);
                // Who owns it, for the sweep of a later run should this JVM die without dropping it.
                statement.execute("COMMENT ON DATABASE " + database + " IS '" + ownerComment(
                        ProcessHandle.current().pid()) + "'");
                String version;
                try (ResultSet result = statement.executeQuery("SHOW server_version")) {
                    result.next();
                    version = result.getString(1);
                }
                log.info("PostgreSQL {}: created database {} for this JVM through {}", version, database,
                        admin.jdbcUrl());
                return new ExternalPostgres(admin, database, version);
            } catch (SQLException e) {
                throw new ExtensionConfigurationException("could not create database " + database + " through "
                        + admin + " (" + e.getMessage() + "); check TESTKIT_POSTGRES_URL, TESTKIT_POSTGRES_USER and "
                        + "TESTKIT_POSTGRES_PASSWORD, and that the user may create databases (ALTER ROLE … CREATEDB)",
                        e);
            }
        }

        static String ownerComment(long pid) {
            return OWNER_COMMENT + host().replace("'", "") + " " + pid;
        }

        /**
         * Drops the databases, and their clones, of testkit JVMs on this host that are gone (killed with
         * {@code kill -9}, say). Only databases whose comment names this host and a process that no longer runs
         * are touched; another host's, or a live JVM's, are left alone.
         *
         * @return the databases dropped
         */
        static List<String> dropDatabasesOfDeadJvms(Connection connection) {
            List<String> dropped = new ArrayList<>();
            String prefix = OWNER_COMMENT + host().replace("'", "") + " ";
            try (Statement statement = connection.createStatement()) {
                List<String> dead = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery("SELECT datname, shobj_description(oid, 'pg_database')"
                        + " FROM pg_database WHERE datname LIKE 'testkit\\_%'")) {
                    while (rows.next()) {
                        String comment = rows.getString(2);
                        if (comment != null && comment.startsWith(prefix)
                                && !alive(comment.substring(prefix.length()))) {
                            dead.add(rows.getString(1));
                        }
                    }
                }
                List<String> all = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery("SELECT datname FROM pg_database")) {
                    while (rows.next()) {
                        all.add(rows.getString(1));
                    }
                }
                for (String name : all) {
                    boolean ofDeadJvm = dead.stream().anyMatch(d -> name.equals(d) || name.matches(
                            Pattern.quote(d) + "_\\d+"));
                    if (ofDeadJvm) {
                        statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                        dropped.add(name);
                        log.info("Dropped database {} left by a test JVM that is gone", name);
                    }
                }
            } catch (SQLException e) {
                log.warn("Could not look for databases left by earlier test JVMs: {}", e.getMessage());
            }
            return dropped;
        }

        private static boolean alive(String pid) {
            try {
                return ProcessHandle.of(Long.parseLong(pid.trim())).map(ProcessHandle::isAlive).orElse(false);
            } catch (NumberFormatException e) {
                return true;
            }
        }

        /** The name of this JVM's database. */
        String database() {
            return database;
        }

        @Override
        public String jdbcUrl() {
            return admin.jdbcUrl(database);
        }

        @Override
        public String username() {
            return admin.user();
        }

        @Override
        public String password() {
            return admin.password();
        }

        @Override
        public RunningServers.Server describe() {
            return new RunningServers.Server("external PostgreSQL " + version, database, jdbcUrl());
        }

        @Override
        public String logTail(int lines) {
            return NO_LOG;
        }

        @Override
        public void close() {
            try (Connection connection = admin.connect(); Statement statement = connection.createStatement()) {
                statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
                log.info("Dropped database {}", database);
            } catch (SQLException e) {
                log.warn("Could not drop database {} through {}: {}", database, admin.jdbcUrl(), e.getMessage());
            }
        }
    }

    /**
     * Host and port of a Redis server, from {@code redis://host:port}.
     *
     * @param host the host
     * @param port the port
     */
    record RedisAddress(String host, int port) {

        static RedisAddress parse(String url) {
            URI uri;
            try {
                uri = URI.create(url.trim());
            } catch (IllegalArgumentException e) {
                throw new ExtensionConfigurationException("TESTKIT_REDIS_URL must look like redis://host:port", e);
            }
            if (!"redis".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new ExtensionConfigurationException("TESTKIT_REDIS_URL must look like redis://host:port, was '"
                        + (uri.getUserInfo() == null ? url : "redis://…@" + uri.getHost()) + "'");
            }
            if (uri.getUserInfo() != null) {
                throw new ExtensionConfigurationException("TESTKIT_REDIS_URL carries credentials, which the testkit "
                        + "does not send; use a Redis without requirepass, as redis://" + uri.getHost()
                        + (uri.getPort() == -1 ? "" : ":" + uri.getPort()));
            }
            String path = uri.getPath() == null ? "" : uri.getPath();
            if (!path.isEmpty() && !path.equals("/")) {
                throw new ExtensionConfigurationException("TESTKIT_REDIS_URL names database " + path.substring(1)
                        + "; leave the index out (redis://" + uri.getHost() + ":" + uri.getPort() + "): the testkit "
                        + "claims a free index itself, so that runs sharing the server never collide");
            }
            return new RedisAddress(uri.getHost(), uri.getPort() == -1 ? 6379 : uri.getPort());
        }

        @Override
        public String toString() {
            return host + ":" + port;
        }
    }

    /** A claimed database index on an existing Redis server, renewed while this JVM runs. */
    static final class ExternalRedis implements RedisServer {

        private static final String RENEW = "if redis.call('get', KEYS[1]) == ARGV[1] then "
                + "return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";
        private static final String RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then "
                + "return redis.call('del', KEYS[1]) else return 0 end";

        private final RedisAddress address;
        private final RedissonClient claims;
        private final RedissonClaimStore store;
        private final String owner;
        private final int database;
        private final int databases;
        private final String version;
        private final ScheduledExecutorService renewal;
        /** Indexes claimed for the slots of parallel tests; slot 0 holds {@link #database}. */
        private final Map<Integer, Integer> slotDatabases = new ConcurrentHashMap<>();

        private ExternalRedis(RedisAddress address, RedissonClient claims, String owner, int database,
                              int databases, String version) {
            this.address = address;
            this.claims = claims;
            this.store = new RedissonClaimStore(claims);
            this.owner = owner;
            this.database = database;
            this.databases = databases;
            this.version = version;
            slotDatabases.put(0, database);
            this.renewal = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "testkit-redis-claim-" + database);
                thread.setDaemon(true);
                return thread;
            });
            long every = CLAIM_TTL.toMillis() / 3;
            renewal.scheduleAtFixedRate(this::renew, every, every, TimeUnit.MILLISECONDS);
        }

        static ExternalRedis claim(RedisAddress address, String owner) {
            Config config = new Config();
            config.useSingleServer()
                    .setAddress("redis://" + address)
                    .setDatabase(0)
                    .setClientName("testkit-claims")
                    .setConnectionMinimumIdleSize(1)
                    .setConnectionPoolSize(2)
                    .setSubscriptionConnectionMinimumIdleSize(0)
                    .setSubscriptionConnectionPoolSize(1)
                    .setConnectTimeout(5_000)
                    .setTimeout(5_000)
                    .setRetryAttempts(2);
            RedissonClient client;
            try {
                client = Redisson.create(config);
            } catch (RuntimeException e) {
                throw new ExtensionConfigurationException("could not connect to Redis at " + address + " ("
                        + e.getMessage() + "); check TESTKIT_REDIS_URL and that the server runs", e);
            }
            try {
                RedisMaster server = client.getRedisNodes(RedisNodes.SINGLE).getInstance();
                int databases = databases(server, address);
                String version = server.info(RedisNode.InfoSection.SERVER)
                        .getOrDefault("redis_version", "(version unknown)");
                int index = RedisIndexClaims.claim(new RedissonClaimStore(client), databases, owner, CLAIM_TTL,
                        address.toString());
                log.info("Redis {} at {}: claimed database {} of {} for this JVM", version, address, index,
                        databases);
                return new ExternalRedis(address, client, owner, index, databases, version);
            } catch (RuntimeException e) {
                client.shutdown();
                throw e;
            }
        }

        private static int databases(RedisMaster server, RedisAddress address) {
            try {
                return Integer.parseInt(server.getConfig("databases").get("databases"));
            } catch (RuntimeException e) {
                // CONFIG may be disabled (managed services); Redis' default is 16.
                log.debug("CONFIG GET databases failed on {}; assuming 16", address, e);
                return 16;
            }
        }

        private void renew() {
            for (int index : slotDatabases.values()) {
                try {
                    if (!store.renew(RedisIndexClaims.key(index), owner, CLAIM_TTL)) {
                        log.warn("The claim on Redis database {} at {} expired before it was renewed; another JVM "
                                + "may now use that index too", index, address);
                    }
                } catch (RuntimeException e) {
                    log.warn("Could not renew the claim on Redis database {} at {}: {}", index, address,
                            e.toString());
                }
            }
        }

        /** Parallel tests need more indexes: each is claimed like the first, never assumed free. */
        @Override
        public int databaseForSlot(int slot) {
            return slotDatabases.computeIfAbsent(slot, s -> RedisIndexClaims.claim(store, databases, owner,
                    CLAIM_TTL, address.toString()));
        }

        /** The owner recorded in this JVM's claim. */
        String owner() {
            return owner;
        }

        @Override
        public String host() {
            return address.host();
        }

        @Override
        public int port() {
            return address.port();
        }

        @Override
        public int database() {
            return database;
        }

        @Override
        public RunningServers.Server describe() {
            return new RunningServers.Server("external Redis " + version, "database " + database, address + "/"
                    + database);
        }

        @Override
        public String logTail(int lines) {
            return NO_LOG;
        }

        @Override
        public void close() {
            renewal.shutdownNow();
            try {
                for (int index : slotDatabases.values()) {
                    try {
                        store.release(RedisIndexClaims.key(index), owner);
                    } catch (RuntimeException e) {
                        log.warn("Could not release Redis database {} at {} (it frees itself within {} s): {}",
                                index, address, CLAIM_TTL.toSeconds(), e.toString());
                    }
                }
            } finally {
                claims.shutdown();
            }
        }

        record RedissonClaimStore(RedissonClient client) implements RedisIndexClaims.ClaimStore {

            @Override
            public boolean claimIfFree(String key, String owner, Duration ttl) {
                return client.<String>getBucket(key, StringCodec.INSTANCE).setIfAbsent(owner, ttl);
            }

            @Override
            public boolean renew(String key, String owner, Duration ttl) {
                Long renewed = client.getScript(StringCodec.INSTANCE).eval(RScript.Mode.READ_WRITE, RENEW,
                        RScript.ReturnType.LONG, List.of(key), owner, String.valueOf(ttl.toMillis()));
                return renewed != null && renewed == 1L;
            }

            @Override
            public void release(String key, String owner) {
                client.getScript(StringCodec.INSTANCE).eval(RScript.Mode.READ_WRITE, RELEASE,
                        RScript.ReturnType.LONG, List.of(key), owner);
            }
        }
    }
}
