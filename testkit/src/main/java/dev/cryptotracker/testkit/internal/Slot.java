package dev.cryptotracker.testkit.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.cryptotracker.testkit.ConnectionDetails;
import dev.cryptotracker.testkit.DatabaseHelper;
import dev.cryptotracker.testkit.Service;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

/**
 * One isolated place for a test to run in: a database cloned from the migrated template, with its own pool, and a
 * Redis database index with its own client. Tests that run at the same time hold different slots; a sequential run
 * only ever uses slot 0. Each part is opened on first use.
 */
public final class Slot implements AutoCloseable {

    final int index;
    private final int poolSize;
    private final int leakDetectionMs;
    private final List<String> schemas;
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

    Slot(int index, int poolSize, int leakDetectionMs, List<String> schemas) {
        this.index = index;
        this.poolSize = poolSize;
        this.leakDetectionMs = leakDetectionMs;
        this.schemas = schemas;
    }

    /** Gives the slot its database, once PostgreSQL runs and the database has been cloned. */
    synchronized void attachPostgres(String jdbcUrl, String username, String password) {
        this.jdbcUrl = jdbcUrl;
        this.username = username;
        this.password = password;
    }

    /** Gives the slot its Redis database index, once Redis runs. */
    synchronized void attachRedis(String host, int port, int database) {
        this.redisHost = host;
        this.redisPort = port;
        this.redisDatabase = database;
    }

    boolean hasPostgres() {
        return jdbcUrl != null;
    }

    public synchronized HikariDataSource dataSource() {
        requirePostgres();
        if (dataSource == null) {
            HikariConfig config = new HikariConfig();
            config.setPoolName("testkit-postgres-" + index);
            config.setJdbcUrl(jdbcUrl);
            config.setUsername(username);
            config.setPassword(password);
            config.setMaximumPoolSize(poolSize);
            config.setMinimumIdle(1);
            config.setConnectionTimeout(10_000);
            config.setLeakDetectionThreshold(leakDetectionMs);
            dataSource = new HikariDataSource(config);
            dsl = DSL.using(dataSource, SQLDialect.POSTGRES);
            helper = new DatabaseHelper(dataSource, schemas);
        }
        return dataSource;
    }

    public synchronized DSLContext dsl() {
        dataSource();
        return dsl;
    }

    public synchronized DatabaseHelper helper() {
        dataSource();
        return helper;
    }

    public synchronized RedissonClient redisson() {
        if (redisHost == null) {
            throw new IllegalStateException("no Redis was started for this JVM");
        }
        if (redisson == null) {
            Config config = new Config();
            config.useSingleServer()
                    .setAddress("redis://" + redisHost + ":" + redisPort)
                    .setDatabase(redisDatabase)
                    .setClientName("testkit-" + index)
                    .setConnectionMinimumIdleSize(1)
                    .setConnectionPoolSize(8)
                    .setSubscriptionConnectionMinimumIdleSize(0)
                    .setConnectTimeout(5_000)
                    .setTimeout(5_000)
                    .setRetryAttempts(2);
            redisson = Redisson.create(config);
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

    /** Empties what the last test in this slot wrote: dirty tables, moved sequences, the Redis database. */
    void reset(Set<Service> services) {
        CompletableFuture<Void> flush = services.contains(Service.REDIS) && redisHost != null
                ? redisson().getKeys().flushdbAsync().toCompletableFuture()
                : CompletableFuture.completedFuture(null);
        if (services.contains(Service.POSTGRES) && jdbcUrl != null) {
            try (Connection connection = dataSource().getConnection();
                 Statement statement = connection.createStatement()) {
                statement.execute("SELECT testkit.reset()");
            } catch (SQLException e) {
                if ("55P03".equals(e.getSQLState())) {
                    throw new IllegalStateException("resetting database " + database() + " waited too long for a "
                            + "lock: a connection from an earlier test still holds a transaction open (look for "
                            + "the pool's leak-detection warnings)", e);
                }
                throw new IllegalStateException("could not reset database " + database(), e);
            }
        }
        flush.join();
    }

    private void requirePostgres() {
        if (jdbcUrl == null) {
            throw new IllegalStateException("no PostgreSQL was started for this JVM");
        }
    }

    @Override
    public synchronized void close() {
        if (redisson != null) {
            redisson.shutdown();
        }
        if (dataSource != null) {
            dataSource.close();
        }
    }
}
