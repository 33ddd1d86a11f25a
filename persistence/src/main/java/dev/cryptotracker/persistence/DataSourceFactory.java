package dev.cryptotracker.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/** Builds the application's named HikariCP pool and the jOOQ context over it. */
public final class DataSourceFactory {

    private DataSourceFactory() {
    }

    /**
     * Creates a pool. It connects lazily: an unreachable database surfaces as
     * {@link dev.cryptotracker.domain.PersistenceUnavailableException} on first use, within
     * {@link DatabaseSettings#connectionTimeout()}, rather than as a crash while wiring the application.
     *
     * <p>The caller closes the pool.
     */
    public static HikariDataSource create(DatabaseSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(settings.poolName());
        config.setJdbcUrl(settings.jdbcUrl());
        config.setUsername(settings.username());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(settings.maximumPoolSize());
        config.setMinimumIdle(settings.maximumPoolSize());
        config.setConnectionTimeout(settings.connectionTimeout().toMillis());
        config.setValidationTimeout(settings.validationTimeout().toMillis());
        config.setIdleTimeout(settings.idleTimeout().toMillis());
        config.setMaxLifetime(settings.maxLifetime().toMillis());
        config.setLeakDetectionThreshold(settings.leakDetectionThreshold().toMillis());
        config.setInitializationFailTimeout(-1);
        config.setAutoCommit(true);
        // A statement must not hold a connection forever either; the server cancels it after this.
        config.addDataSourceProperty("options", "-c statement_timeout=" + settings.statementTimeout().toMillis());
        config.addDataSourceProperty("connectTimeout", String.valueOf(
                Math.max(1, settings.connectionTimeout().toSeconds())));
        config.addDataSourceProperty("ApplicationName", settings.poolName());
        return new HikariDataSource(config);
    }

    /** A jOOQ context for PostgreSQL that borrows a connection from {@code dataSource} per statement or transaction. */
    public static DSLContext dsl(DataSource dataSource) {
        return DSL.using(dataSource, SQLDialect.POSTGRES);
    }
}
