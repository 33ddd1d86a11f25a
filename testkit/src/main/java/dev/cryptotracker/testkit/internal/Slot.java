package dev.cryptotracker.testkit.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.cryptotracker.testkit.ConnectionDetails;
import dev.cryptotracker.testkit.DatabaseHelper;
import dev.cryptotracker.testkit.Service;
import dev.cryptotracker.testkit.SqlFixtureException;
import dev.cryptotracker.testkit.TestkitConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.jooq.DSLContext;
import org.redisson.api.RedissonClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * One isolated place for a test to run in: a database cloned from the migrated template, with its own pool, and a
 * Redis database index. Tests that run at the same time hold different slots; a sequential run only ever uses slot
 * 0. Clients are opened on first use; the reset has connections of its own, outside the pool, so that it never
 * waits for a pool's connection and never shows up in the pool's leak reports. A slot is cleaned when a test gives
 * it back, so that what the test left behind is found while the test can still be named; a lease cleans it first
 * only if something may have written to it since.
 */
public final class Slot implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Slot.class);

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
    private Connection resetConnection;
    private RedisResetConnection redisReset;
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
        RuntimeException sendFailure = null;
        if (redis) {
            try {
                redisReset().sendFlush();
            } catch (RuntimeException e) {
                sendFailure = e;
            }
        }
        List<OpenTransaction> open = postgres ? resetPostgres() : List.of();
        if (redis) {
            awaitRedisFlush(sendFailure);
        }
        dirty.removeAll(services);
        return open;
    }

    /**
     * Reads the flush's answer. A connection that broke since the last reset (the server restarted, or dropped its
     * clients) is replaced once, and the flush, which is idempotent, sent again.
     */
    private void awaitRedisFlush(RuntimeException sendFailure) {
        try {
            if (sendFailure != null) {
                throw sendFailure;
            }
            redisReset.awaitFlushed();
        } catch (JedisConnectionException e) {
            closeRedisReset();
            try {
                redisReset().sendFlush();
                redisReset.awaitFlushed();
            } catch (RuntimeException again) {
                closeRedisReset();
                throw redisFailure(again);
            }
        } catch (RuntimeException e) {
            closeRedisReset();
            throw redisFailure(e);
        }
    }

    private IllegalStateException redisFailure(RuntimeException cause) {
        return new IllegalStateException("could not flush Redis database " + redisDatabase + " at " + redisHost
                + ":" + redisPort, cause);
    }

    private RedisResetConnection redisReset() {
        if (redisReset == null) {
            redisReset = new RedisResetConnection(redisHost, redisPort, redisDatabase, "testkit-reset-" + index);
            redisReset.connect();
        }
        return redisReset;
    }

    private List<OpenTransaction> resetPostgres() {
        try {
            return runReset();
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("08")) {
                // A broken connection (a server restart): one new one is tried.
                closeResetConnection();
                try {
                    return runReset();
                } catch (SQLException again) {
                    e = again;
                }
            }
            closeResetConnection();
            if ("55P03".equals(e.getSQLState())) {
                throw new IllegalStateException("resetting database " + database() + " waited too long for a "
                        + "lock held by a session the testkit could not end (one of another user?); end it, or "
                        + "close the connection that holds it", e);
            }
            throw new IllegalStateException("could not reset database " + database(), e);
        }
    }

    private List<OpenTransaction> runReset() throws SQLException {
        List<OpenTransaction> open = new ArrayList<>();
        try (Statement statement = resetConnection().createStatement();
             ResultSet rows = statement.executeQuery("SELECT pid, state, since, query FROM testkit_reset.after_test()")) {
            while (rows.next()) {
                Timestamp since = rows.getTimestamp(3);
                open.add(new OpenTransaction(rows.getInt(1), rows.getString(2),
                        since == null ? null : since.toInstant(), rows.getString(4)));
            }
        }
        return open;
    }

    /**
     * The slot's own connection, outside the pool, for the reset and fixtures. Simple query protocol: a script of
     * many statements goes as one message, runs as one transaction, and an error's position counts from its start.
     */
    private Connection resetConnection() throws SQLException {
        if (resetConnection == null || resetConnection.isClosed()) {
            Properties properties = new Properties();
            properties.setProperty("user", username);
            properties.setProperty("password", password == null ? "" : password);
            properties.setProperty("preferQueryMode", "simple");
            properties.setProperty("ApplicationName", "testkit-reset-" + index);
            resetConnection = DriverManager.getConnection(jdbcUrl, properties);
        }
        return resetConnection;
    }

    /**
     * Applies fixture scripts in one round trip and one transaction. When PostgreSQL refuses one, says which script
     * and line: from the error's position where PostgreSQL gives one, else by running the statements one by one in
     * a transaction that is rolled back.
     *
     * @throws SqlFixtureException naming the script, line and PostgreSQL's message; nothing was kept
     */
    public synchronized void applyFixtures(List<SqlScript> scripts) {
        requirePostgres();
        StringBuilder sql = new StringBuilder();
        int[] starts = new int[scripts.size()];
        for (int i = 0; i < scripts.size(); i++) {
            starts[i] = sql.length();
            sql.append(scripts.get(i).text()).append("\n;\n");
        }
        try (Statement statement = resetConnection().createStatement()) {
            statement.execute(sql.toString());
        } catch (SQLException e) {
            throw new SqlFixtureException(Fixtures.locate(e, scripts, starts, this::runAlone) + ": "
                    + e.getMessage(), e);
        }
    }

    /** Runs statements one by one in a transaction that is rolled back; the index of the first that fails, or -1. */
    private int runAlone(List<String> statements) {
        try {
            Connection connection = resetConnection();
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                for (int i = 0; i < statements.size(); i++) {
                    try {
                        statement.execute(statements.get(i));
                    } catch (SQLException e) {
                        return i;
                    }
                }
                return -1;
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            return -1;
        }
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

    private void closeResetConnection() {
        if (resetConnection != null) {
            try {
                resetConnection.close();
            } catch (SQLException e) {
                log.debug("Could not close the reset connection of slot {}", index, e);
            }
            resetConnection = null;
        }
    }

    private void closeRedisReset() {
        if (redisReset != null) {
            redisReset.close();
            redisReset = null;
        }
    }

    @Override
    public synchronized void close() {
        closeResetConnection();
        closeRedisReset();
        if (redisson != null) {
            redisson.shutdown();
        }
        if (dataSource != null) {
            dataSource.close();
        }
    }
}
