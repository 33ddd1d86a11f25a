package dev.cryptotracker.it.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cryptotracker.domain.SessionStoreUnavailableException;
import dev.cryptotracker.domain.auth.SessionKey;
import dev.cryptotracker.sessions.RedisSessionStore;
import dev.cryptotracker.sessions.RedissonClientFactory;
import dev.cryptotracker.sessions.RedissonClientFactory.Settings;
import dev.cryptotracker.testkit.ConnectionDetails;
import dev.cryptotracker.testkit.Service;
import dev.cryptotracker.testkit.Testkit;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * The full contract of {@link RedisSessionStore} and {@link RedissonClientFactory} on a real Redis: a session holds
 * exactly one signature under exactly one key for exactly its time to live; the client reaches the database index
 * and the user its URI names; every setting is checked at its edges.
 */
@Testkit(Service.REDIS)
class RedisSessionStoreContractIT {

    private static final Settings FAST = new Settings(Duration.ofSeconds(1), Duration.ofSeconds(1), 0,
            Duration.ofMillis(50));
    private static final SessionKey KEY = new SessionKey(7, "AbCdEfGhIjKlMnOpQrStUv_-0123456789abcdefgh");
    private static final SessionKey SAME_USER_OTHER_SESSION = new SessionKey(7, "zzzzzzzzzzzzzzzzzzzzzz");
    private static final SessionKey OTHER_USER = new SessionKey(8, KEY.subToken());

    private final RedissonClient testkitRedis;
    private final ConnectionDetails details;

    RedisSessionStoreContractIT(RedissonClient testkitRedis, ConnectionDetails details) {
        this.testkitRedis = testkitRedis;
        this.details = details;
    }

    @Test
    void holdsOnlyTheExactSignatureUnderExactlyThatKey() {
        withStore(details.redisUri(), store -> {
            store.open(KEY, "signature-A", Duration.ofMinutes(1));
            store.open(SAME_USER_OTHER_SESSION, "signature-B", Duration.ofMinutes(1));

            assertThat(store.holds(KEY, "signature-A")).isTrue();
            assertThat(store.holds(KEY, "signature-B")).isFalse();
            assertThat(store.holds(KEY, "signature-")).isFalse();
            assertThat(store.holds(KEY, "signature-AA")).isFalse();
            assertThat(store.holds(KEY, "signature-a")).isFalse();
            assertThat(store.holds(OTHER_USER, "signature-A")).isFalse();
            assertThat(testkitRedis.<String>getBucket("/users/7/session/" + KEY.subToken(), StringCodec.INSTANCE).get())
                    .isEqualTo("signature-A");
        });
    }

    @Test
    void openReplacesTheSignatureAndTheTimeToLiveOfAnOpenSession() {
        withStore(details.redisUri(), store -> {
            store.open(KEY, "first", Duration.ofMinutes(10));
            store.open(KEY, "second", Duration.ofMillis(1_500));

            assertThat(store.holds(KEY, "first")).isFalse();
            assertThat(store.holds(KEY, "second")).isTrue();
            long ttl = testkitRedis.getBucket(KEY.redisKey(), StringCodec.INSTANCE).remainTimeToLive();
            assertThat(ttl).isPositive().isLessThanOrEqualTo(1_500);
        });
    }

    @Test
    void acceptsATimeToLiveOfOneMillisecondAndRefusesZeroNegativeOrNone() {
        withStore(details.redisUri(), store -> {
            assertThatCode(() -> store.open(KEY, "signature", Duration.ofMillis(1))).doesNotThrowAnyException();
            for (Duration refused : new Duration[] {Duration.ZERO, Duration.ofNanos(999_999), Duration.ofMillis(-1),
                    null}) {
                assertThatThrownBy(() -> store.open(SAME_USER_OTHER_SESSION, "signature", refused))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessage("session time to live must be at least 1 ms, was " + refused);
            }
            assertThat(testkitRedis.getBucket(SAME_USER_OTHER_SESSION.redisKey()).isExists()).isFalse();
        });
    }

    @Test
    void closeEndsOnlyThatSessionAndClosingAgainDoesNothing() {
        withStore(details.redisUri(), store -> {
            store.open(KEY, "a", Duration.ofMinutes(1));
            store.open(SAME_USER_OTHER_SESSION, "b", Duration.ofMinutes(1));
            store.open(OTHER_USER, "c", Duration.ofMinutes(1));

            store.close(KEY);
            store.close(KEY);

            assertThat(store.holds(KEY, "a")).isFalse();
            assertThat(testkitRedis.getBucket(KEY.redisKey()).isExists()).isFalse();
            assertThat(store.holds(SAME_USER_OTHER_SESSION, "b")).isTrue();
            assertThat(store.holds(OTHER_USER, "c")).isTrue();
        });
    }

    @Test
    void clientUsesTheDatabaseIndexOfItsUri() {
        URI redis = URI.create(details.redisUri());
        String base = "redis://" + redis.getHost() + ":" + redis.getPort();
        String path = redis.getPath();
        int index = path == null || path.isEmpty() || "/".equals(path) ? 0 : Integer.parseInt(path.substring(1));
        withStore(base + "/" + index, store -> store.open(KEY, "in-my-index", Duration.ofMinutes(1)));

        assertThat(testkitRedis.<String>getBucket(KEY.redisKey(), StringCodec.INSTANCE).get()).isEqualTo("in-my-index");
        // Another index is another database: the session is not there. Nothing is written to it.
        withStore(base + "/" + (index + 1), store -> assertThat(store.holds(KEY, "in-my-index")).isFalse());
        // No path, or "/", is index 0.
        withStore(base, store -> assertThat(store.holds(KEY, "in-my-index")).isEqualTo(index == 0));
        withStore(base + "/", store -> assertThat(store.holds(KEY, "in-my-index")).isEqualTo(index == 0));
    }

    @Test
    void clientWritesToTheDatabaseIndexOfItsUriAndNoOther() {
        URI redis = URI.create(details.redisUri());
        String path = redis.getPath();
        int index = path == null || path.isEmpty() || "/".equals(path) ? 0 : Integer.parseInt(path.substring(1));
        String other = "redis://" + redis.getHost() + ":" + redis.getPort() + "/" + (index + 1);
        // The one write to another index, removed at once: no other test of this run uses that index.
        withStore(other, store -> {
            store.open(KEY, "in-the-next-index", Duration.ofMinutes(1));
            try {
                assertThat(store.holds(KEY, "in-the-next-index")).isTrue();
                assertThat(testkitRedis.getBucket(KEY.redisKey()).isExists()).isFalse();
            } finally {
                store.close(KEY);
            }
        });
    }

    @Test
    void clientAuthenticatesAsTheUserAndPasswordOfItsUri() {
        URI redis = URI.create(details.redisUri());
        String user = "sessions-" + UUID.randomUUID();
        try (RawRedis raw = new RawRedis(details.redisUri())) {
            raw.command("ACL", "SETUSER", user, "on", ">pass:with:colons", "~*", "+@all");
            try {
                String hostAndIndex = redis.getHost() + ":" + redis.getPort() + redis.getPath();
                withStore("redis://" + user + ":pass:with:colons@" + hostAndIndex, store -> {
                    store.open(KEY, "authenticated", Duration.ofMinutes(1));
                    assertThat(store.holds(KEY, "authenticated")).isTrue();
                });
                withStore("redis://" + user + ":wrong@" + hostAndIndex, store ->
                        assertThatThrownBy(() -> store.holds(KEY, "authenticated"))
                                .isInstanceOf(SessionStoreUnavailableException.class));
                // A password alone authenticates the default user, which has none here: refused too.
                withStore("redis://:pass:with:colons@" + hostAndIndex, store ->
                        assertThatThrownBy(() -> store.holds(KEY, "authenticated"))
                                .isInstanceOf(SessionStoreUnavailableException.class));
                withStore("redis://justapassword@" + hostAndIndex, store ->
                        assertThatThrownBy(() -> store.holds(KEY, "authenticated"))
                                .isInstanceOf(SessionStoreUnavailableException.class));
            } finally {
                raw.command("ACL", "DELUSER", user);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:6379", "redis:///3", "redis://localhost", "localhost:6379",
            "redis:/localhost:6379"})
    void refusesAnAddressThatIsNotARedisUri(String uri) {
        assertThatThrownBy(() -> RedissonClientFactory.create(uri, FAST))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Redis URI must look like redis://host:port or redis://host:port/database, was " + uri);
    }

    @Test
    void refusesAPathThatIsNotADatabaseIndexAndTextThatIsNoUriAtAll() {
        assertThatThrownBy(() -> RedissonClientFactory.create("redis://localhost:6379/x", FAST))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Redis URI path must be a database index, was redis://localhost:6379/x");
        assertThatThrownBy(() -> RedissonClientFactory.create("redis://local host:6379", FAST))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a Redis URI: redis://local host:6379");
    }

    @Test
    void acceptsTlsUrisWithoutConnecting() {
        RedissonClient tls = RedissonClientFactory.create("rediss://localhost:6380/2", FAST);
        tls.shutdown();
    }

    @Test
    void settingsAcceptOneMillisecondAndNoRetriesAndRefuseLessAtEachEdge() {
        Duration ms = Duration.ofMillis(1);
        assertThat(new Settings(ms, ms, 0, ms).worstCaseFailureTime()).isEqualTo(Duration.ofMillis(2));

        for (Duration refused : new Duration[] {Duration.ZERO, Duration.ofMillis(-1), null}) {
            assertThatThrownBy(() -> new Settings(refused, ms, 0, ms))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("connectTimeout must be positive, was " + refused);
            assertThatThrownBy(() -> new Settings(ms, refused, 0, ms))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("responseTimeout must be positive, was " + refused);
            assertThatThrownBy(() -> new Settings(ms, ms, 0, refused))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("retryDelay must be positive, was " + refused);
        }
        assertThatThrownBy(() -> new Settings(ms, ms, -1, ms))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("retryAttempts must not be negative, was -1");
    }

    @Test
    void worstCaseFailureTimeAddsConnectAndResponseTimeoutPerAttemptAndTheDelaysBetween() {
        Settings settings = new Settings(Duration.ofMillis(100), Duration.ofMillis(300), 3, Duration.ofMillis(7));

        assertThat(settings.worstCaseFailureTime()).isEqualTo(Duration.ofMillis(4 * 400 + 3 * 7));
        assertThat(Settings.defaults()).isEqualTo(new Settings(Duration.ofSeconds(1), Duration.ofSeconds(1), 2,
                Duration.ofMillis(200)));
        assertThat(Settings.defaults().worstCaseFailureTime()).isEqualTo(Duration.ofMillis(6_400));
    }

    private static void withStore(String uri, Consumer<RedisSessionStore> use) {
        RedissonClient client = RedissonClientFactory.create(uri, FAST);
        try {
            use.accept(new RedisSessionStore(client));
        } finally {
            client.shutdown();
        }
    }
}
