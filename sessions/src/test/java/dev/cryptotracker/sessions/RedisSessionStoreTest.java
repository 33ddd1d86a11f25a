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

/** Runs a real Redisson client against a local port nothing listens on: a real connection failure, no server. */
class RedisSessionStoreTest {

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
        client = RedissonClientFactory.create("redis://127.0.0.1:" + port + "/3", FAST);
        store = new RedisSessionStore(client);
    }

    @AfterEach
    void shutDown() {
        client.shutdown();
    }

    @Test
    void reportsUnavailableWhenStoringWithoutRedisWithinTheConfiguredTime() {
        long started = System.nanoTime();

        assertThatThrownBy(() -> store.open(KEY, "signature", Duration.ofMinutes(1)))
                .isInstanceOf(SessionStoreUnavailableException.class)
                .hasMessageStartingWith("Redis failed while storing a session of user 7 (");

        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .isLessThan(FAST.worstCaseFailureTime().plusSeconds(2));
    }

    @Test
    void reportsUnavailableInsteadOfAnAnswerWhenReadingWithoutRedis() {
        assertThatThrownBy(() -> store.holds(KEY, "signature"))
                .isInstanceOf(SessionStoreUnavailableException.class)
                .hasMessageStartingWith("Redis failed while reading a session of user 7 (");
    }

    @Test
    void reportsUnavailableWhenDeletingWithoutRedis() {
        assertThatThrownBy(() -> store.close(KEY))
                .isInstanceOf(SessionStoreUnavailableException.class)
                .hasMessageStartingWith("Redis failed while deleting a session of user 7 (");
    }

    @Test
    void refusesZeroTimeToLiveBeforeTalkingToRedis() {
        assertThatThrownBy(() -> store.open(KEY, "signature", Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("session time to live must be at least 1 ms, was PT0S");
    }
}
