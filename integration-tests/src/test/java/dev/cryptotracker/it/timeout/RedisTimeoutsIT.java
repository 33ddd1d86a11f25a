package dev.cryptotracker.it.timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cryptotracker.domain.SessionStoreUnavailableException;
import dev.cryptotracker.domain.auth.SessionKey;
import dev.cryptotracker.sessions.RedisSessionStore;
import dev.cryptotracker.sessions.RedissonClientFactory;
import dev.cryptotracker.testkit.ConnectionDetails;
import dev.cryptotracker.testkit.FaultInjectingProxy;
import dev.cryptotracker.testkit.Service;
import dev.cryptotracker.testkit.Testkit;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;

/**
 * The Redis timeouts {@link RedissonClientFactory} configures fire on a real Redis that hangs behind a proxy: the
 * response timeout for a command sent on an open connection, the connect timeout for a connection being opened.
 * Each is set to 300 ms while the other one is set high, and Redisson's own defaults are 3 s (response) and 10 s
 * (connect): failing after at least 300 ms and well before any of those proves the configured value is the one in
 * effect, under the name Redisson reads it by.
 */
@Testkit(Service.REDIS)
class RedisTimeoutsIT {

    private static final Duration CONFIGURED = Duration.ofMillis(300);
    private static final Duration OTHER = Duration.ofSeconds(5);
    private static final Duration UPPER_BOUND = Duration.ofMillis(2_000);
    private static final SessionKey KEY = new SessionKey(7, "AbCdEfGhIjKlMnOpQrStUv_-0123456789abcdefgh");

    private FaultInjectingProxy proxy;
    private String redisViaProxy;
    private RedissonClient client;

    @BeforeEach
    void proxyToRedis(ConnectionDetails details) {
        URI redis = URI.create(details.redisUri());
        proxy = FaultInjectingProxy.to(redis.getHost(), redis.getPort());
        redisViaProxy = "redis://" + proxy.host() + ":" + proxy.port() + redis.getPath();
    }

    @AfterEach
    void closeClientAndProxy() {
        if (client != null) {
            client.shutdown();
        }
        proxy.close();
    }

    @Test
    void commandOnAConnectionWhoseServerHangsFailsAfterTheResponseTimeout() {
        client = RedissonClientFactory.create(redisViaProxy,
                new RedissonClientFactory.Settings(OTHER, CONFIGURED, 0, Duration.ofMillis(50)));
        RedisSessionStore store = new RedisSessionStore(client);
        store.open(KEY, "signature", Duration.ofMinutes(1));
        assertThat(store.holds(KEY, "signature")).isTrue();

        proxy.pause();
        long start = System.nanoTime();
        assertThatThrownBy(() -> store.holds(KEY, "signature"))
                .isInstanceOf(SessionStoreUnavailableException.class)
                .hasMessageStartingWith("Redis failed while reading a session of user 7 (RedisResponseTimeoutException)");
        assertThat(elapsedSince(start)).isBetween(CONFIGURED, UPPER_BOUND);

        proxy.resume();
        assertThat(store.holds(KEY, "signature")).isTrue();
    }

    @Test
    void connectionToAServerThatHangsWhileConnectingFailsAfterTheConnectTimeout() {
        proxy.pause();
        client = RedissonClientFactory.create(redisViaProxy,
                new RedissonClientFactory.Settings(CONFIGURED, OTHER, 0, Duration.ofMillis(50)));
        RedisSessionStore store = new RedisSessionStore(client);

        long start = System.nanoTime();
        assertThatThrownBy(() -> store.open(KEY, "signature", Duration.ofMinutes(1)))
                .isInstanceOf(SessionStoreUnavailableException.class)
                .hasMessageStartingWith("Redis failed while storing a session of user 7 (");
        assertThat(elapsedSince(start)).isBetween(CONFIGURED, UPPER_BOUND);
    }

    private static Duration elapsedSince(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
