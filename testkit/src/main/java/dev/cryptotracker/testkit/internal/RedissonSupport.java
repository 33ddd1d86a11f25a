package dev.cryptotracker.testkit.internal;

import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

/** Everything of the testkit that touches Redisson; loaded only when a test asks for a {@code RedissonClient}. */
final class RedissonSupport {

    private RedissonSupport() {
    }

    static RedissonClient client(String host, int port, int database, String clientName) {
        OptionalLibraries.REDISSON.require();
        Config config = new Config();
        config.useSingleServer()
                .setAddress("redis://" + host + ":" + port)
                .setDatabase(database)
                .setClientName(clientName)
                .setConnectionMinimumIdleSize(1)
                .setConnectionPoolSize(8)
                .setSubscriptionConnectionMinimumIdleSize(0)
                .setConnectTimeout((int) RedisConnections.TIMEOUT.toMillis())
                .setTimeout((int) RedisConnections.TIMEOUT.toMillis())
                .setRetryAttempts(2);
        return Redisson.create(config);
    }
}
