package dev.cryptotracker.testkit.internal;

import dev.cryptotracker.testkit.ProviderKind;
import dev.cryptotracker.testkit.TestkitConfig;
import dev.cryptotracker.testkit.TestkitConfigurationException;
import java.sql.Connection;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Uses PostgreSQL and Redis servers that already run, shared with other test runs: on PostgreSQL it creates a
 * database of its own for this JVM ({@link ExternalPostgres}) and drops it at close; on Redis it claims a free
 * database index ({@link ExternalRedis}) and releases it at close.
 *
 * <p>Settings: {@code testkit.postgres.url}, the JDBC URL of a database the user may create databases from;
 * {@code testkit.postgres.user} and {@code testkit.postgres.password} (or {@code user} and {@code password}
 * parameters in the URL); {@code testkit.redis.url} as {@code redis://host:port}.
 */
final class ExternalProvider implements ServerProvider {

    /** What diagnostics show instead of a log: the server is not the testkit's, nor is its log. */
    static final String NO_LOG = "(not available: with the external provider the server's log is not the testkit's)";

    private static final Logger log = LoggerFactory.getLogger(ExternalProvider.class);

    private final TestkitConfig config;

    ExternalProvider(TestkitConfig config) {
        this.config = config;
    }

    @Override
    public ProviderKind kind() {
        return ProviderKind.EXTERNAL;
    }

    /** Drops databases of test JVMs of this host that are gone; Redis claims expire by themselves. */
    @Override
    public void sweepLeftovers() {
        if (config.postgresUrl().isEmpty()) {
            return;
        }
        try (Connection connection = admin().connect()) {
            ExternalPostgres.dropDatabasesOfDeadJvms(connection);
        } catch (SQLException | RuntimeException e) {
            log.warn("Could not look for databases left by earlier test JVMs: {}", e.getMessage());
        }
    }

    @Override
    public PostgresServer startPostgres() {
        return ExternalPostgres.create(admin());
    }

    private PostgresUrl admin() {
        String url = config.postgresUrl().orElseThrow(() -> new TestkitConfigurationException(
                "testkit.provider=external needs TESTKIT_POSTGRES_URL (or -Dtestkit.postgres.url): the JDBC URL of "
                        + "a database whose user may create databases, e.g. jdbc:postgresql://localhost:5432/postgres"));
        return PostgresUrl.parse(url, config.postgresUser().orElse(null), config.postgresPassword().orElse(null));
    }

    @Override
    public RedisServer startRedis() {
        String url = config.redisUrl().orElseThrow(() -> new TestkitConfigurationException(
                "testkit.provider=external needs TESTKIT_REDIS_URL (or -Dtestkit.redis.url), e.g. "
                        + "redis://localhost:6379"));
        return ExternalRedis.claim(RedisAddress.parse(url), JvmIdentity.owner());
    }
}
