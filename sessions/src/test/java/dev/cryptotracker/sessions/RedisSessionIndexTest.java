package dev.cryptotracker.sessions;

import dev.cryptotracker.domain.SessionStoreUnavailableException;
import dev.cryptotracker.domain.auth.SessionKey;
import dev.cryptotracker.sessions.RedissonClientFactory.Settings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The per-user index of sessions without a Redis server (a real client against a closed port); on a real Redis it
 * is proven by SessionIndexIT and LogoutEverywhereIT.
 */
class RedisSessionIndexTest {

    private static final Settings FAST = new Settings(Duration.ofMillis(200), Duration.ofMillis(200), 1,
            Duration.ofMillis(50));
    private static final SessionKey KEY = new SessionKey(7, "AbCdEfGhIjKlMnOpQrStUv_-0123456789abcdefgh");

    private RedissonClient client;
    private RedisSessionStore store;

    @BeforeEach
    void connectToClosedPort() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        client = RedissonClientFactory.create("redis://127.0.0.1:" + port, FAST);
        store = new RedisSessionStore(client);
    }

    @AfterEach
    void shutDown() {
        client.shutdown();
    }

    @Test
    void namesTheIndexAfterTheUserBesideTheirSessionKeys() {
        assertThat(RedisSessionStore.indexKey(7)).isEqualTo("/users/7/sessions");
        assertThat(RedisSessionStore.indexKey(1)).isEqualTo("/users/1/sessions");
        assertThat(RedisSessionStore.indexKey(7)).isNotEqualTo(KEY.redisKey()).doesNotStartWith("/users/7/session/");
    }

    @Test
    void refusesAnIndexForAUserIdBelowOne() {
        assertThatThrownBy(() -> RedisSessionStore.indexKey(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("user id must be positive, was 0");
        assertThatThrownBy(() -> store.closeAll(-3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("user id must be positive, was -3");
    }

    @Test
    void reportsUnavailableWhenClosingEverySessionWithoutRedisWithinTheConfiguredTime() {
        long started = System.nanoTime();

        assertThatThrownBy(() -> store.closeAll(7))
                .isInstanceOf(SessionStoreUnavailableException.class)
                .hasMessageStartingWith("Redis failed while deleting the sessions of user 7 (")
                .hasMessageEndingWith("); check that Redis is up and reachable");

        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .isLessThan(FAST.worstCaseFailureTime().plusSeconds(2));
    }

    @Test
    void reportsUnavailableWhenClosingTheOtherSessionsWithoutRedis() {
        assertThatThrownBy(() -> store.closeAllExcept(KEY))
                .isInstanceOf(SessionStoreUnavailableException.class)
                .hasMessageStartingWith("Redis failed while deleting the sessions of user 7 (");
    }

    @Test
    void refusesSubMillisecondTimeToLiveBeforeTalkingToRedis() {
        assertThatThrownBy(() -> store.open(KEY, "signature", Duration.ofNanos(999_999)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("session time to live must be at least 1 ms, was PT0.000999999S");
    }
}
