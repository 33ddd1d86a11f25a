package dev.cryptotracker.testkit.internal;

import java.time.Duration;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisClient;

/**
 * The one place that configures the testkit's own Redis connections (Jedis): its resets, and the external
 * provider's index claims. Redisson is only ever created for tests that ask for a {@code RedissonClient}.
 */
final class RedisConnections {

    /** Bounded, so that a hanging server fails a test instead of hanging it. */
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private RedisConnections() {
    }

    static JedisClientConfig config(int database, String clientName) {
        return DefaultJedisClientConfig.builder()
                .database(database)
                .clientName(clientName)
                .connectionTimeoutMillis((int) TIMEOUT.toMillis())
                .socketTimeoutMillis((int) TIMEOUT.toMillis())
                .build();
    }

    /** A thread-safe, pooled client of one database. */
    static RedisClient pooled(String host, int port, int database, String clientName) {
        return RedisClient.builder()
                .hostAndPort(new HostAndPort(host, port))
                .clientConfig(config(database, clientName))
                .build();
    }
}
