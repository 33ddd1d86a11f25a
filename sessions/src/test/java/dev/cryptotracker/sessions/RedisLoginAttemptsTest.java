package dev.cryptotracker.sessions;

import dev.cryptotracker.domain.SessionStoreUnavailableException;
import dev.cryptotracker.sessions.RedissonClientFactory.Settings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.redisson.api.RedissonClient;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Runs a real Redisson client against a local port nothing listens on: a real connection failure, no server.
 * Counting on a real Redis is proven by LoginThrottleIT.
 */
class RedisLoginAttemptsTest {

    private static final Settings FAST = new Settings(Duration.ofMillis(200), Duration.ofMillis(200), 1,
            Duration.ofMillis(50));
    private static final String SUBJECT = "AbCdEfGhIjKlMnOpQrStUv_-0123456789abcdefgh";

    private RedissonClient client;
    private RedisLoginAttempts attempts;

    @BeforeEach
    void connectToClosedPort() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        client = RedissonClientFactory.create("redis://127.0.0.1:" + port, FAST);
        attempts = new RedisLoginAttempts(client);
    }

    @AfterEach
    void shutDown() {
        client.shutdown();
    }

    @Test
    void reportsUnavailableWhenCountingWithoutRedisWithinTheConfiguredTime() {
        long started = System.nanoTime();

        assertThatThrownBy(() -> attempts.count(SUBJECT, Duration.ofMinutes(15)))
                .isInstanceOf(SessionStoreUnavailableException.class)
                .hasMessageStartingWith("Redis failed while counting a login attempt (")
                .hasMessageEndingWith("); check that Redis is up and reachable");

        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .isLessThan(FAST.worstCaseFailureTime().plusSeconds(2));
    }

    @Test
    void reportsUnavailableWhenResettingWithoutRedis() {
        assertThatThrownBy(() -> attempts.reset(SUBJECT))
                .isInstanceOf(SessionStoreUnavailableException.class)
                .hasMessageStartingWith("Redis failed while resetting login attempts (");
    }

    @Test
    void namesTheCounterAfterItsSubject() {
        assertThat(RedisLoginAttempts.key(SUBJECT)).isEqualTo("/login-attempts/" + SUBJECT);
        assertThat(RedisLoginAttempts.key("a".repeat(16))).isEqualTo("/login-attempts/" + "a".repeat(16));
        assertThat(RedisLoginAttempts.key("a".repeat(86))).isEqualTo("/login-attempts/" + "a".repeat(86));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"aaaaaaaaaaaaaaa", "AbCdEfGhIjKlMnOp*", "AbCdEfGhIjKlMnOp/x", "AbCdEfGhIjKlMnOp?",
            "AbCdEfGhIjKlMnOp[", "alice@example.com", "AbCdEfGhIjKlMnOp\n"})
    void refusesSubjectsThatAreNotBase64UrlOfABoundedLengthBeforeTalkingToRedis(String subject) {
        assertThatThrownBy(() -> attempts.count(subject, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("login attempt subject must be 16 to 86 base64url characters");
        assertThatThrownBy(() -> attempts.reset(subject))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("login attempt subject must be 16 to 86 base64url characters");
    }

    @Test
    void refusesAnOverlongSubject() {
        assertThatThrownBy(() -> RedisLoginAttempts.key("a".repeat(87)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesAWindowUnderAMillisecondBeforeTalkingToRedis() {
        assertThatThrownBy(() -> attempts.count(SUBJECT, Duration.ofNanos(999_999)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("login attempt window must be at least 1 ms, was PT0.000999999S");
        assertThatThrownBy(() -> attempts.count(SUBJECT, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("login attempt window must be at least 1 ms, was null");
    }
}
