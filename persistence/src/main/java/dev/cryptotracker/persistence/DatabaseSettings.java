package dev.cryptotracker.persistence;

import java.time.Duration;
import java.util.Objects;

/**
 * Everything {@link DataSourceFactory} needs, with every pool timeout explicit. {@link #toString()} leaves the
 * password out.
 *
 * @param jdbcUrl                PostgreSQL JDBC URL
 * @param username               database user
 * @param password               database password
 * @param poolName               shows up in Hikari's log lines and thread names, so leaks can be traced to a pool
 * @param maximumPoolSize        connections at most
 * @param connectionTimeout      how long a caller waits for a connection before PersistenceUnavailableException;
 *                               Hikari's floor is 250 ms
 * @param validationTimeout      how long a connection check may take; less than connectionTimeout
 * @param idleTimeout            how long a connection above the minimum may stay idle
 * @param maxLifetime            when a connection is retired, a little before any server or proxy timeout
 * @param leakDetectionThreshold log a connection held longer than this; {@link Duration#ZERO} turns it off
 * @param statementTimeout       the server cancels a statement running, or waiting for a lock, longer than this
 *                               (PostgreSQL's {@code statement_timeout}, whole milliseconds, at least 1 ms)
 */
public record DatabaseSettings(
        String jdbcUrl,
        String username,
        String password,
        String poolName,
        int maximumPoolSize,
        Duration connectionTimeout,
        Duration validationTimeout,
        Duration idleTimeout,
        Duration maxLifetime,
        Duration leakDetectionThreshold,
        Duration statementTimeout) {

    /** Hikari resets a connection timeout below this to its 30 s default; refuse it instead. */
    public static final Duration MINIMUM_CONNECTION_TIMEOUT = Duration.ofMillis(250);

    /** A statement must not hold a connection forever either; the server cancels it after this. */
    public static final Duration DEFAULT_STATEMENT_TIMEOUT = Duration.ofSeconds(30);

    public DatabaseSettings {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(poolName, "poolName");
        Objects.requireNonNull(connectionTimeout, "connectionTimeout");
        Objects.requireNonNull(validationTimeout, "validationTimeout");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(maxLifetime, "maxLifetime");
        Objects.requireNonNull(leakDetectionThreshold, "leakDetectionThreshold");
        Objects.requireNonNull(statementTimeout, "statementTimeout");
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("jdbcUrl must be a PostgreSQL JDBC URL (jdbc:postgresql:...), got "
                    + jdbcUrl);
        }
        if (poolName.isBlank()) {
            throw new IllegalArgumentException("poolName must not be blank");
        }
        if (maximumPoolSize < 1) {
            throw new IllegalArgumentException("maximumPoolSize must be at least 1, got " + maximumPoolSize);
        }
        if (connectionTimeout.compareTo(MINIMUM_CONNECTION_TIMEOUT) < 0) {
            throw new IllegalArgumentException("connectionTimeout must be at least 250 ms (Hikari would silently use "
                    + "30 s instead), got " + connectionTimeout.toMillis() + " ms");
        }
        if (validationTimeout.compareTo(MINIMUM_CONNECTION_TIMEOUT) < 0
                || validationTimeout.compareTo(connectionTimeout) > 0) {
            throw new IllegalArgumentException("validationTimeout must be between 250 ms and connectionTimeout ("
                    + connectionTimeout.toMillis() + " ms), got " + validationTimeout.toMillis() + " ms");
        }
        if (maxLifetime.compareTo(Duration.ofSeconds(30)) < 0) {
            throw new IllegalArgumentException("maxLifetime must be at least 30 s, got " + maxLifetime);
        }
        if (leakDetectionThreshold.isNegative()) {
            throw new IllegalArgumentException("leakDetectionThreshold must not be negative, got "
                    + leakDetectionThreshold);
        }
        // 0 would switch the server's timeout off altogether; below 1 ms it would round to 0.
        if (statementTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("statementTimeout must be at least 1 ms, got " + statementTimeout);
        }
    }

    /**
     * Production defaults: pool of 10, 2 s to get a connection, 1 s to validate one, idle connections retired after
     * 10 min, every connection after 30 min, leaks logged after 60 s, statements cancelled after 30 s.
     */
    public static DatabaseSettings of(String jdbcUrl, String username, String password) {
        return new DatabaseSettings(jdbcUrl, username, password, "crypto-tracker", 10, Duration.ofSeconds(2),
                Duration.ofSeconds(1), Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofSeconds(60),
                DEFAULT_STATEMENT_TIMEOUT);
    }

    public DatabaseSettings withPoolName(String name) {
        return new DatabaseSettings(jdbcUrl, username, password, name, maximumPoolSize, connectionTimeout,
                validationTimeout, idleTimeout, maxLifetime, leakDetectionThreshold, statementTimeout);
    }

    public DatabaseSettings withMaximumPoolSize(int size) {
        return new DatabaseSettings(jdbcUrl, username, password, poolName, size, connectionTimeout,
                validationTimeout, idleTimeout, maxLifetime, leakDetectionThreshold, statementTimeout);
    }

    /** Also lowers the validation timeout to the new connection timeout when it would exceed it. */
    public DatabaseSettings withConnectionTimeout(Duration timeout) {
        Duration validation = timeout != null && validationTimeout.compareTo(timeout) > 0 ? timeout : validationTimeout;
        return new DatabaseSettings(jdbcUrl, username, password, poolName, maximumPoolSize, timeout,
                validation, idleTimeout, maxLifetime, leakDetectionThreshold, statementTimeout);
    }

    public DatabaseSettings withStatementTimeout(Duration timeout) {
        return new DatabaseSettings(jdbcUrl, username, password, poolName, maximumPoolSize, connectionTimeout,
                validationTimeout, idleTimeout, maxLifetime, leakDetectionThreshold, timeout);
    }

    @Override
    public String toString() {
        return "DatabaseSettings[jdbcUrl=" + jdbcUrl + ", username=" + username + ", password=***, poolName="
                + poolName + ", maximumPoolSize=" + maximumPoolSize + ", connectionTimeout=" + connectionTimeout
                + ", validationTimeout=" + validationTimeout + ", idleTimeout=" + idleTimeout + ", maxLifetime="
                + maxLifetime + ", leakDetectionThreshold=" + leakDetectionThreshold + ", statementTimeout="
                + statementTimeout + "]";
    }
}
