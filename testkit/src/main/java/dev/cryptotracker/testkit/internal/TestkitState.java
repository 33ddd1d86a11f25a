package dev.cryptotracker.testkit.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.cryptotracker.testkit.ConnectionDetails;
import dev.cryptotracker.testkit.DatabaseHelper;
import dev.cryptotracker.testkit.RunningServers;
import dev.cryptotracker.testkit.Service;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything the testkit keeps for one JVM: the provider, the servers (each started lazily, at most once), the
 * pool, the migrations (applied once) and the Redis client. Kept in JUnit's root store and closed when the test
 * run ends: clients first, then servers.
 */
public final class TestkitState implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TestkitState.class);
    private static final String FLYWAY_TABLE = "flyway_schema_history";

    private final TestkitSettings settings;
    private final ProviderChoice providerChoice;
    private ServerProvider provider;

    private PostgresServer postgres;
    private HikariDataSource dataSource;
    private DSLContext dsl;
    private DatabaseHelper helper;
    private List<String> migrations;
    private List<String> referenceTables;
    private int migrationsApplied;

    private RedisServer redis;
    private RedissonClient redisson;

    public TestkitState(TestkitSettings settings, ProviderChoice providerChoice) {
        this.settings = settings;
        this.providerChoice = providerChoice;
    }

    /**
     * Starts what a test class needs and has not been started yet; both servers at once when both are missing.
     *
     * @param services        the services the class needs
     * @param migrations      the class's migration locations, or empty for the configured ones
     * @param referenceTables the class's reference tables, or empty for the configured ones
     */
    public synchronized void ensure(Set<Service> services, List<String> migrations, List<String> referenceTables) {
        boolean needPostgres = services.contains(Service.POSTGRES) && postgres == null;
        boolean needRedis = services.contains(Service.REDIS) && redis == null;
        if (services.contains(Service.POSTGRES)) {
            checkSameSchemaSetup(migrations, referenceTables);
        }
        if (!needPostgres && !needRedis) {
            return;
        }
        if (provider == null) {
            provider = providerChoice.choose(settings);
        }
        CompletableFuture<PostgresServer> pg = needPostgres
                ? CompletableFuture.supplyAsync(provider::startPostgres) : CompletableFuture.completedFuture(null);
        CompletableFuture<RedisServer> rd = needRedis
                ? CompletableFuture.supplyAsync(provider::startRedis) : CompletableFuture.completedFuture(null);
        try {
            CompletableFuture.allOf(pg, rd).join();
        } catch (CompletionException e) {
            // Keep whichever server did start, so that it is closed with the state.
            pg.thenAccept(server -> postgres = server);
            rd.thenAccept(server -> redis = server);
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
        if (needPostgres) {
            postgres = pg.join();
            openPool();
            migrate();
        }
        if (needRedis) {
            redis = rd.join();
            redisson = Redisson.create(redissonConfig(redis));
        }
    }

    private void checkSameSchemaSetup(List<String> classMigrations, List<String> classReferenceTables) {
        List<String> wantedMigrations = classMigrations.isEmpty()
                ? settings.list(TestkitSettings.MIGRATIONS, List.of("classpath:db/migration")) : classMigrations;
        List<String> wantedReference = classReferenceTables.isEmpty()
                ? settings.list(TestkitSettings.REFERENCE_TABLES, List.of()) : classReferenceTables;
        if (migrations == null) {
            migrations = wantedMigrations;
            referenceTables = wantedReference;
        } else if (!migrations.equals(wantedMigrations) || !referenceTables.equals(wantedReference)) {
            throw new IllegalStateException("this JVM's database was migrated from " + migrations
                    + " with reference tables " + referenceTables + "; a class asks for " + wantedMigrations
                    + " and " + wantedReference + ". Migrations run once per JVM: give every class the same "
                    + "settings (testkit.properties), or run the classes in separate Failsafe executions");
        }
    }

    private void openPool() {
        HikariConfig config = new HikariConfig();
        config.setPoolName("testkit-postgres");
        config.setJdbcUrl(postgres.jdbcUrl());
        config.setUsername(postgres.username());
        config.setPassword(postgres.password());
        config.setMaximumPoolSize(settings.integer(TestkitSettings.POOL_SIZE, 8));
        config.setMinimumIdle(1);
        config.setConnectionTimeout(10_000);
        config.setLeakDetectionThreshold(settings.integer(TestkitSettings.LEAK_DETECTION_MS, 10_000));
        dataSource = new HikariDataSource(config);
        dsl = DSL.using(dataSource, SQLDialect.POSTGRES);
        helper = new DatabaseHelper(dataSource, settings.schemas());
    }

    private void migrate() {
        List<String> schemas = settings.schemas();
        MigrateResult result = Flyway.configure()
                .dataSource(dataSource)
                .locations(migrations.toArray(String[]::new))
                .schemas(schemas.toArray(String[]::new))
                .table(FLYWAY_TABLE)
                .load()
                .migrate();
        migrationsApplied = result.migrationsExecuted;
        log.info("Applied {} migrations from {} to schemas {}", result.migrationsExecuted, migrations, schemas);
        List<String> excluded = new ArrayList<>(referenceTables);
        excluded.add(FLYWAY_TABLE);
        try (Connection connection = dataSource.getConnection()) {
            try (Statement statement = connection.createStatement()) {
                statement.execute(resource("reset.sql"));
            }
            try (PreparedStatement track = connection.prepareStatement("SELECT testkit.track(?, ?)")) {
                track.setArray(1, connection.createArrayOf("text", schemas.toArray()));
                track.setArray(2, connection.createArrayOf("text", excluded.toArray()));
                track.execute();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not install the testkit's reset on " + postgres.jdbcUrl(), e);
        }
    }

    /** Empties what the last test wrote: the dirty tables and moved sequences, and the Redis database. */
    public void reset(Set<Service> services) {
        CompletableFuture<Void> redisFlush = services.contains(Service.REDIS) && redisson != null
                ? redisson.getKeys().flushdbAsync().toCompletableFuture() : CompletableFuture.completedFuture(null);
        if (services.contains(Service.POSTGRES) && dataSource != null) {
            try (Connection connection = dataSource.getConnection();
                 Statement statement = connection.createStatement()) {
                statement.execute("SELECT testkit.reset()");
            } catch (SQLException e) {
                if ("55P03".equals(e.getSQLState())) {
                    throw new IllegalStateException("resetting the database waited too long for a lock: a "
                            + "connection from an earlier test still holds a transaction open (see the pool's "
                            + "leak-detection warnings)", e);
                }
                throw new IllegalStateException("could not reset the database at " + postgres.jdbcUrl(), e);
            }
        }
        redisFlush.join();
    }

    private static Config redissonConfig(RedisServer redis) {
        Config config = new Config();
        config.useSingleServer()
                .setAddress("redis://" + redis.host() + ":" + redis.port())
                .setDatabase(redis.database())
                .setClientName("testkit")
                .setConnectionMinimumIdleSize(1)
                .setConnectionPoolSize(8)
                .setSubscriptionConnectionMinimumIdleSize(0)
                .setConnectTimeout(5_000)
                .setTimeout(5_000)
                .setRetryAttempts(2);
        return config;
    }

    private static String resource(String name) {
        try (InputStream in = TestkitState.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the testkit's resource " + name + " is missing from its jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public synchronized HikariDataSource dataSource() {
        return dataSource;
    }

    public synchronized DSLContext dsl() {
        return dsl;
    }

    public synchronized DatabaseHelper helper() {
        return helper;
    }

    public synchronized RedissonClient redisson() {
        return redisson;
    }

    /** How many migrations this JVM applied (0 when the database was already migrated). */
    public synchronized int migrationsApplied() {
        return migrationsApplied;
    }

    public synchronized ConnectionDetails connectionDetails() {
        return new ConnectionDetails(
                postgres == null ? null : postgres.jdbcUrl(),
                postgres == null ? null : postgres.username(),
                postgres == null ? null : postgres.password(),
                redis == null ? null : redis.uri());
    }

    public synchronized RunningServers runningServers() {
        return new RunningServers(provider == null ? "none" : provider.name(),
                postgres == null ? null : postgres.describe(),
                redis == null ? null : redis.describe());
    }

    /** Provider, servers and the end of each server's log, for a failing test. Never contains a password. */
    public synchronized String diagnostics(int logLines) {
        StringBuilder text = new StringBuilder("testkit: provider ").append(provider == null ? "none" : provider.name());
        if (postgres != null) {
            RunningServers.Server server = postgres.describe();
            text.append("\n  PostgreSQL: image ").append(server.image()).append(", id ").append(server.id())
                    .append(", url ").append(server.address())
                    .append("\n  PostgreSQL log (last ").append(logLines).append(" lines):\n")
                    .append(indent(postgres.logTail(logLines)));
        }
        if (redis != null) {
            RunningServers.Server server = redis.describe();
            text.append("\n  Redis: image ").append(server.image()).append(", id ").append(server.id())
                    .append(", uri ").append(redis.uri())
                    .append("\n  Redis log (last ").append(logLines).append(" lines):\n")
                    .append(indent(redis.logTail(logLines)));
        }
        return text.toString();
    }

    private static String indent(String text) {
        return text.lines().map(line -> "    " + line).reduce((a, b) -> a + "\n" + b).orElse("    (empty)");
    }

    @Override
    public synchronized void close() {
        closeQuietly(redisson == null ? null : redisson::shutdown);
        closeQuietly(dataSource);
        closeQuietly(redis);
        closeQuietly(postgres);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            log.warn("Could not close {}: {}", closeable, e.toString());
        }
    }

    /** Services a test class asked for, as a set. */
    public static Set<Service> services(Service[] services) {
        return services.length == 0 ? EnumSet.noneOf(Service.class) : EnumSet.copyOf(List.of(services));
    }
}
