package dev.cryptotracker.testkit.internal;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import org.testcontainers.containers.ContainerLaunchException;
import org.testcontainers.containers.JdbcDatabaseContainer;
import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;

/**
 * Waits until PostgreSQL answers a query over the mapped port. Unlike counting "ready to accept connections" log
 * lines, this holds both for images that initialise a database first (a socket-only server, then the real one)
 * and for images whose data directory is already initialised (one "ready" line).
 */
final class PostgresReadyWaitStrategy extends AbstractWaitStrategy {

    private static final Duration PAUSE = Duration.ofMillis(100);

    @Override
    protected void waitUntilReady() {
        JdbcDatabaseContainer<?> container = (JdbcDatabaseContainer<?>) waitStrategyTarget;
        Instant deadline = Instant.now().plus(startupTimeout);
        Properties credentials = new Properties();
        credentials.setProperty("user", container.getUsername());
        credentials.setProperty("password", container.getPassword());
        credentials.setProperty("connectTimeout", "2");
        credentials.setProperty("socketTimeout", "5");
        SQLException last = null;
        while (Instant.now().isBefore(deadline)) {
            if (!container.isRunning()) {
                throw new ContainerLaunchException("PostgreSQL container " + container.getContainerId()
                        + " stopped while starting; its log ends with:\n" + Logs.tail(container.getLogs(), 20));
            }
            try (Connection connection = DriverManager.getConnection(container.getJdbcUrl(), credentials);
                 Statement statement = connection.createStatement()) {
                statement.execute("SELECT 1");
                return;
            } catch (SQLException e) {
                if (e.getSQLState() != null && e.getSQLState().startsWith("28")) {
                    // Wrong user or password: waiting will not help. The server's message names no password.
                    throw new ContainerLaunchException("PostgreSQL in container " + container.getContainerId()
                            + " refused the testkit's credentials: " + e.getMessage() + ". An image with a "
                            + "pre-initialised data directory keeps the user and password it was built with; "
                            + "set testkit.postgres.password to that password", e);
                }
                last = e;
            }
            try {
                Thread.sleep(PAUSE.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ContainerLaunchException("interrupted while waiting for PostgreSQL", e);
            }
        }
        throw new ContainerLaunchException("PostgreSQL in container " + container.getContainerId()
                + " accepted no connection within " + startupTimeout.toSeconds() + " s (last error: "
                + (last == null ? "none" : last.getMessage()) + "); its log ends with:\n"
                + Logs.tail(container.getLogs(), 20));
    }
}
