package dev.cryptotracker.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cryptotracker.testkit.Service;
import dev.cryptotracker.testkit.Testkit;
import dev.cryptotracker.testkit.internal.ExternalProvider.ExternalRedis.RedissonClaimStore;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.redisson.api.RBucket;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * The index claims of the external provider, on a real Redis: set-if-absent with an expiry, renew and release only
 * by the owner. The keys live in the test's own Redis database, which the testkit flushes before every test.
 */
@Testkit(Service.REDIS)
class RedisIndexClaimsIT {

    private static final Duration TTL = Duration.ofSeconds(60);

    private RedissonClient redis;
    private RedissonClaimStore store;

    @BeforeEach
    void claimsIn(RedissonClient redis) {
        this.redis = redis;
        this.store = new RedissonClaimStore(redis);
    }

    @Test
    void twoOwnersGetDifferentIndexesAndNeverDatabaseZero() {
        int first = RedisIndexClaims.claim(store, 16, "jvm-a", TTL, "redis:6379");
        int second = RedisIndexClaims.claim(store, 16, "jvm-b", TTL, "redis:6379");

        assertThat(first).isEqualTo(1);
        assertThat(second).isEqualTo(2);
        assertThat(owner(1)).isEqualTo("jvm-a");
        assertThat(owner(2)).isEqualTo("jvm-b");
    }

    @Test
    void aReleasedIndexIsClaimedAgain() {
        int first = RedisIndexClaims.claim(store, 16, "jvm-a", TTL, "redis:6379");
        store.release(RedisIndexClaims.key(first), "jvm-a");

        assertThat(RedisIndexClaims.claim(store, 16, "jvm-b", TTL, "redis:6379")).isEqualTo(first);
    }

    @Test
    void anotherOwnerCannotReleaseOrRenewAClaim() {
        int index = RedisIndexClaims.claim(store, 16, "jvm-a", TTL, "redis:6379");

        store.release(RedisIndexClaims.key(index), "jvm-b");

        assertThat(store.renew(RedisIndexClaims.key(index), "jvm-b", TTL)).isFalse();
        assertThat(owner(index)).isEqualTo("jvm-a");
    }

    @Test
    void theClaimOfAJvmThatStoppedRenewingFreesItsIndexWhenItExpires() {
        int dead = RedisIndexClaims.claim(store, 16, "dead-jvm", TTL, "redis:6379");
        assertThat(RedisIndexClaims.claim(store, 16, "jvm-b", TTL, "redis:6379")).isEqualTo(dead + 1);

        // The owner stopped renewing and its time ran out: let Redis expire the key itself.
        bucket(dead).expire(Duration.ofMillis(1));
        awaitGone(bucket(dead));

        assertThat(RedisIndexClaims.claim(store, 16, "jvm-c", TTL, "redis:6379")).isEqualTo(dead);
    }

    @Test
    void aRenewedClaimOutlivesItsFirstExpiry() {
        int index = RedisIndexClaims.claim(store, 16, "jvm-a", Duration.ofSeconds(2), "redis:6379");

        assertThat(store.renew(RedisIndexClaims.key(index), "jvm-a", TTL)).isTrue();

        assertThat(bucket(index).remainTimeToLive()).as("time to live after the renewal, ms")
                .isGreaterThan(Duration.ofSeconds(2).toMillis()).isLessThanOrEqualTo(TTL.toMillis());
    }

    @Test
    void failsNamingTheFixWhenEveryIndexIsClaimed() {
        RedisIndexClaims.claim(store, 3, "jvm-a", TTL, "redis:6379");
        RedisIndexClaims.claim(store, 3, "jvm-b", TTL, "redis:6379");

        assertThatThrownBy(() -> RedisIndexClaims.claim(store, 3, "jvm-c", TTL, "redis:6379"))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageContaining("every Redis database index from 1 to 2 on redis:6379 is claimed")
                .hasMessageContaining("raise 'databases'");
    }

    private RBucket<String> bucket(int index) {
        return redis.getBucket(RedisIndexClaims.key(index), StringCodec.INSTANCE);
    }

    private String owner(int index) {
        return bucket(index).get();
    }

    /** Waits for Redis to expire a key: a condition, polled, bounded; no fixed sleep. */
    private static void awaitGone(RBucket<String> key) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (key.isExists()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Redis did not expire " + key.getName() + " within 10 s");
            }
            LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
        }
    }
}
