package dev.cryptotracker.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

class RedisIndexClaimsTest {

    private static final Duration TTL = Duration.ofSeconds(60);

    private final MutableClock clock = new MutableClock();
    private final InMemoryClaims store = new InMemoryClaims(clock);

    @Test
    void twoOwnersGetDifferentIndexesAndNeverDatabaseZero() {
        int first = RedisIndexClaims.claim(store, 16, "jvm-a", TTL, "redis:6379");
        int second = RedisIndexClaims.claim(store, 16, "jvm-b", TTL, "redis:6379");

        assertThat(first).isEqualTo(1);
        assertThat(second).isEqualTo(2);
        assertThat(store.owner("testkit:claim:1")).isEqualTo("jvm-a");
        assertThat(store.owner("testkit:claim:2")).isEqualTo("jvm-b");
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
        assertThat(store.owner(RedisIndexClaims.key(index))).isEqualTo("jvm-a");
    }

    @Test
    void theClaimOfAJvmThatStoppedRenewingFreesItsIndexWhenItExpires() {
        RedisIndexClaims.claim(store, 16, "dead-jvm", TTL, "redis:6379");
        clock.advance(TTL.minusSeconds(1));
        assertThat(RedisIndexClaims.claim(store, 16, "jvm-b", TTL, "redis:6379")).isEqualTo(2);

        clock.advance(Duration.ofSeconds(1));

        assertThat(RedisIndexClaims.claim(store, 16, "jvm-c", TTL, "redis:6379")).isEqualTo(1);
    }

    @Test
    void aRenewedClaimOutlivesItsFirstExpiry() {
        int index = RedisIndexClaims.claim(store, 16, "jvm-a", TTL, "redis:6379");
        clock.advance(TTL.dividedBy(3));
        assertThat(store.renew(RedisIndexClaims.key(index), "jvm-a", TTL)).isTrue();

        clock.advance(TTL.minusSeconds(1));

        assertThat(RedisIndexClaims.claim(store, 16, "jvm-b", TTL, "redis:6379")).isNotEqualTo(index);
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

    /** Claims with Redis' semantics: SET NX with expiry, and compare-then-act renew and release. */
    private static final class InMemoryClaims implements RedisIndexClaims.ClaimStore {

        private final Clock clock;
        private final Map<String, String> owners = new HashMap<>();
        private final Map<String, Instant> expiries = new HashMap<>();

        InMemoryClaims(Clock clock) {
            this.clock = clock;
        }

        String owner(String key) {
            expire(key);
            return owners.get(key);
        }

        @Override
        public boolean claimIfFree(String key, String owner, Duration ttl) {
            if (owner(key) != null) {
                return false;
            }
            owners.put(key, owner);
            expiries.put(key, clock.instant().plus(ttl));
            return true;
        }

        @Override
        public boolean renew(String key, String owner, Duration ttl) {
            if (!owner.equals(owner(key))) {
                return false;
            }
            expiries.put(key, clock.instant().plus(ttl));
            return true;
        }

        @Override
        public void release(String key, String owner) {
            if (owner.equals(owner(key))) {
                owners.remove(key);
                expiries.remove(key);
            }
        }

        private void expire(String key) {
            Instant expiry = expiries.get(key);
            if (expiry != null && !clock.instant().isBefore(expiry)) {
                owners.remove(key);
                expiries.remove(key);
            }
        }
    }

    private static final class MutableClock extends Clock {

        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }
}
