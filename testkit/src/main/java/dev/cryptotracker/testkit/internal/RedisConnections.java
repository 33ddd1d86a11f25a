package dev.cryptotracker.testkit.internal;

import java.time.Duration;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.Jedis;

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

    /**
     * One connection to one database. Not thread-safe: callers that share it synchronize on it. {@code Jedis} is
     * the client class that Jedis 7 and 8 both have, with the same constructor, so that a project whose BOM
     * manages another Jedis version (Spring Boot 4.0 manages 7.0) still works.
     */
    static Jedis connect(String host, int port, int database, String clientName) {
        return new Jedis(new HostAndPort(host, port), config(database, clientName));
    }
}
