package dev.cryptotracker.sessions;

import dev.cryptotracker.domain.SessionStoreUnavailableException;
import dev.cryptotracker.domain.auth.SessionKey;
import dev.cryptotracker.domain.auth.SessionStore;
import org.redisson.api.RBucket;
import org.redisson.api.RedissonClient;
import org.redisson.client.RedisException;
import org.redisson.client.codec.StringCodec;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Objects;

/**
 * Sessions as plain Redis strings: key {@code /users/{id}/session/{sub_token}}, value the token's signature, time to
 * live the token's. Keys are only built from a {@link SessionKey}, whose parts are checked for format first.
 *
 * <p>Every Redis failure (connection refused or dropped, timeout, shutdown) becomes a
 * {@link SessionStoreUnavailableException}; how long that takes is set on the client, see
 * {@link RedissonClientFactory}.
 */
public final class RedisSessionStore implements SessionStore {

    private final RedissonClient redisson;

    public RedisSessionStore(RedissonClient redisson) {
        this.redisson = Objects.requireNonNull(redisson, "redisson");
    }

    @Override
    public void open(SessionKey key, String signature, Duration timeToLive) {
        Objects.requireNonNull(signature, "signature");
        if (timeToLive == null || timeToLive.toMillis() <= 0) {
            throw new IllegalArgumentException("session time to live must be at least 1 ms, was " + timeToLive);
        }
        try {
            // SET key value PX ttl: value and expiry in one command, so a crash cannot leave a key without a TTL.
            bucket(key).set(signature, timeToLive);
        } catch (RedisException e) {
            throw unavailable("storing", key, e);
        }
    }

    @Override
    public boolean holds(SessionKey key, String signature) {
        Objects.requireNonNull(signature, "signature");
        String stored;
        try {
            stored = bucket(key).get();
        } catch (RedisException e) {
            throw unavailable("reading", key, e);
        }
        return stored != null && MessageDigest.isEqual(
                stored.getBytes(StandardCharsets.UTF_8), signature.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close(SessionKey key) {
        try {
            bucket(key).delete();
        } catch (RedisException e) {
            throw unavailable("deleting", key, e);
        }
    }

    private RBucket<String> bucket(SessionKey key) {
        return redisson.getBucket(key.redisKey(), StringCodec.INSTANCE);
    }

    private static SessionStoreUnavailableException unavailable(String action, SessionKey key, RedisException e) {
        return new SessionStoreUnavailableException("Redis failed while " + action + " a session of user "
                + key.userId() + " (" + e.getClass().getSimpleName() + "); check that Redis is up and reachable", e);
    }
}
