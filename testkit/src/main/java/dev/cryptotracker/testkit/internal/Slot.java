package dev.cryptotracker.testkit.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.cryptotracker.testkit.ConnectionDetails;
import dev.cryptotracker.testkit.DatabaseHelper;
import dev.cryptotracker.testkit.Service;
import dev.cryptotracker.testkit.TestkitConfig;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jooq.DSLContext;
import org.redisson.api.RedissonClient;

/**
 * One isolated place for a test to run in: a database cloned from the migrated template, with its own pool, and a
 * Redis database index. Tests that run at the same time hold different slots; a sequential run only ever uses slot
 * 0. Clients are opened on first use; the reset has connections of its own, outside the pool, so that it never
 * waits for a pool's connection and never shows up in the pool's leak reports. A slot is cleaned when a test gives
 * it back, so that what the test left behind is found while the test can still be named; a lease cleans it first
 * only if something may have written to it since.
 */
public final class Slot implements AutoCloseable {

    final int index;
    private final TestkitConfig config;
    private volatile String jdbcUrl;
    private volatile String username;
    private volatile String password;
    private volatile String redisHost;
    private volatile int redisPort;
    private volatile int redisDatabase;

    private HikariDataSource dataSource;
    private DSLContext dsl;
    private DatabaseHelper helper;
    private RedissonClient redisson;
    private PostgresReset postgresReset;
    private RedisReset redisReset;
    /** Services that may hold writes since their last reset; a new slot's Redis database may hold another run's. */
    private final EnumSet<Service> dirty = EnumSet.allOf(Service.class);

    Slot(int index, TestkitConfig config) {
        this.index = index;
        this.config = config;
    }

    void attachPostgres(String jdbcUrl, String username, String password) {
        this.username = username;
        this.password = password;
        this.jdbcUrl = jdbcUrl;
    }

    void attachRedis(String host, int port, int database) {
        this.redisPort = port;
        this.redisDatabase = database;
        this.redisHost = host;
    }

    boolean hasPostgres() {
        return jdbcUrl != null;
    }

    public synchronized HikariDataSource dataSource() {
        requirePostgres();
        if (dataSource == null) {
            HikariConfig hikari = new HikariConfig();
            hikari.setPoolName("testkit-postgres-" + index);
            hikari.setJdbcUrl(jdbcUrl);
            hikari.setUsername(username);
            hikari.setPassword(password);
            hikari.setMaximumPoolSize(config.poolSize());
            hikari.setMinimumIdle(1);
            hikari.setConnectionTimeout(10_000);
            hikari.setLeakDetectionThreshold(config.leakDetectionThreshold().toMillis());
            dataSource = new HikariDataSource(hikari);
        }
        return dataSource;
    }

    public synchronized DSLContext dsl() {
        OptionalLibraries.JOOQ.require();
        if (dsl == null) {
            dsl = JooqSupport.dsl(dataSource());
        }
        return dsl;
    }

    public synchronized DatabaseHelper helper() {
        if (helper == null) {
            helper = new DatabaseHelper(dataSource(), config.schemas());
        }
        return helper;
    }

    public synchronized RedissonClient redisson() {
        requireRedis();
        OptionalLibraries.REDISSON.require();
        if (redisson == null) {
            redisson = RedissonSupport.client(redisHost, redisPort, redisDatabase, "testkit-" + index);
        }
        return redisson;
    }

    public ConnectionDetails connectionDetails() {
        return new ConnectionDetails(jdbcUrl, jdbcUrl == null ? null : username, jdbcUrl == null ? null : password,
                redisHost == null ? null : "redis://" + redisHost + ":" + redisPort + "/" + redisDatabase);
    }

    String database() {
        return jdbcUrl == null ? null : JdbcUrls.database(jdbcUrl);
    }

    /** Something outside a lease (a {@code @BeforeAll} method, say) may write here: the next lease cleans first. */
    synchronized void markDirty() {
        dirty.addAll(EnumSet.allOf(Service.class));
    }

    /** Whether any of these services may hold writes since the last reset. */
    synchronized boolean dirty(Set<Service> services) {
        return services.stream().anyMatch(dirty::contains);
    }

    /**
     * Makes the slot what the migrations left for these services: ends transactions left open on its database, then
     * empties what was written since the last reset (tables, Redis database). The Redis flush goes out first and is
     * answered while PostgreSQL resets: one round trip to each, on this thread.
     *
     * @return the transactions that were left open, and are now ended
     */
    synchronized List<OpenTransaction> clean(Set<Service> services) {
        boolean redis = services.contains(Service.REDIS) && redisHost != null;
        boolean postgres = services.contains(Service.POSTGRES) && jdbcUrl != null;
        dirty.addAll(services);
        if (redis) {
            redisReset().send();
        }
        List<OpenTransaction> open = postgres ? postgresReset().afterTest() : List.of();
        if (redis) {
            redisReset.await();
        }
        dirty.removeAll(services);
        return open;
    }

    /**
     * Applies fixture scripts to this slot's database, in one round trip and one transaction.
     *
     * @throws dev.cryptotracker.testkit.SqlFixtureException naming the script, line and PostgreSQL's message
     */
    public synchronized void applyFixtures(List<SqlScript> scripts) {
        requirePostgres();
        postgresReset().applyFixtures(scripts);
    }

    private PostgresReset postgresReset() {
        if (postgresReset == null) {
            postgresReset = new PostgresReset(jdbcUrl, username, password, "testkit-reset-" + index);
        }
        return postgresReset;
    }

    private RedisReset redisReset() {
        if (redisReset == null) {
            redisReset = new RedisReset(redisHost, redisPort, redisDatabase, "testkit-reset-" + index);
        }
        return redisReset;
    }

    private void requirePostgres() {
        if (jdbcUrl == null) {
            throw new IllegalStateException("no PostgreSQL was started for this JVM");
        }
    }

    private void requireRedis() {
        if (redisHost == null) {
            throw new IllegalStateException("no Redis was started for this JVM");
        }
    }

    @Override
    public synchronized void close() {
        if (postgresReset != null) {
            postgresReset.close();
        }
        if (redisReset != null) {
            redisReset.close();
        }
        if (redisson != null) {
            redisson.shutdown();
        }
        if (dataSource != null) {
            dataSource.close();
        }
    }
}
