package dev.cryptotracker.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cryptotracker.testkit.ConnectionDetails;
import dev.cryptotracker.testkit.Service;
import dev.cryptotracker.testkit.Testkit;
import dev.cryptotracker.testkit.TestkitConfigurationException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * The index claims of the external provider, on a real Redis: set-if-absent with an expiry, renew and release only
 * by the owner. The keys live in the test's own Redis database, which the testkit flushes before every test.
 */
@Testkit(Service.REDIS)
class RedisIndexClaimsIT {

    private static final Duration TTL = Duration.ofSeconds(60);

    private Jedis redis;
    private RedisIndexClaims store;

    @BeforeEach
    void claimsIn(ConnectionDetails details) {
        URI uri = URI.create(details.redisUri());
        this.redis = RedisConnections.connect(uri.getHost(), uri.getPort(),
                Integer.parseInt(uri.getPath().substring(1)), "claims-test");
        this.store = new RedisIndexClaims(redis);
    }

    @AfterEach
    void close() {
        redis.close();
    }

    @Test
    void twoOwnersGetDifferentIndexesAndNeverDatabaseZero() {
        int first = store.claim(16, "jvm-a", TTL, "redis:6379");
        int second = store.claim(16, "jvm-b", TTL, "redis:6379");

        assertThat(first).isEqualTo(1);
        assertThat(second).isEqualTo(2);
        assertThat(owner(1)).isEqualTo("jvm-a");
        assertThat(owner(2)).isEqualTo("jvm-b");
    }

    @Test
    void aReleasedIndexIsClaimedAgain() {
        int first = store.claim(16, "jvm-a", TTL, "redis:6379");
        store.release(first, "jvm-a");

        assertThat(store.claim(16, "jvm-b", TTL, "redis:6379")).isEqualTo(first);
    }

    @Test
    void anotherOwnerCannotReleaseOrRenewAClaim() {
        int index = store.claim(16, "jvm-a", TTL, "redis:6379");

        store.release(index, "jvm-b");

        assertThat(store.renew(index, "jvm-b", TTL)).isFalse();
        assertThat(owner(index)).isEqualTo("jvm-a");
    }

    @Test
    void theClaimOfAJvmThatStoppedRenewingFreesItsIndexWhenItExpires() {
        int dead = store.claim(16, "dead-jvm", TTL, "redis:6379");
        assertThat(store.claim(16, "jvm-b", TTL, "redis:6379")).isEqualTo(dead + 1);

        // The owner stopped renewing and its time ran out: let Redis expire the key itself.
        redis.pexpire(RedisIndexClaims.key(dead), 1);
        awaitGone(RedisIndexClaims.key(dead));

        assertThat(store.claim(16, "jvm-c", TTL, "redis:6379")).isEqualTo(dead);
    }

    @Test
    void aRenewedClaimOutlivesItsFirstExpiry() {
        int index = store.claim(16, "jvm-a", Duration.ofSeconds(2), "redis:6379");

        assertThat(store.renew(index, "jvm-a", TTL)).isTrue();

        assertThat(redis.pttl(RedisIndexClaims.key(index))).as("time to live after the renewal, ms")
                .isGreaterThan(Duration.ofSeconds(2).toMillis()).isLessThanOrEqualTo(TTL.toMillis());
    }

    @Test
    void failsNamingTheFixWhenEveryIndexIsClaimed() {
        store.claim(3, "jvm-a", TTL, "redis:6379");
        store.claim(3, "jvm-b", TTL, "redis:6379");

        assertThatThrownBy(() -> store.claim(3, "jvm-c", TTL, "redis:6379"))
                .isInstanceOf(TestkitConfigurationException.class)
                .hasMessageContaining("every Redis database index from 1 to 2 on redis:6379 is claimed")
                .hasMessageContaining("raise 'databases'");
    }

    private String owner(int index) {
        return redis.get(RedisIndexClaims.key(index));
    }

    /** Waits for Redis to expire a key: a condition, polled, bounded; no fixed sleep. */
    private void awaitGone(String key) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (redis.exists(key)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Redis did not expire " + key + " within 10 s");
            }
            LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
        }
    }
}
