package dev.cryptotracker.sessions;

import dev.cryptotracker.domain.SessionStoreUnavailableException;
import dev.cryptotracker.domain.auth.SessionKey;
import dev.cryptotracker.domain.auth.SessionStore;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.RedisException;
import org.redisson.client.codec.StringCodec;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Sessions as plain Redis strings — key {@code /users/{id}/session/{sub_token}}, value the token's signature, time
 * to live the token's — and, per user, an index of their sessions: the sorted set {@code /users/{id}/sessions},
 * members the sub tokens, scored by the time (Redis's clock, epoch ms) each session expires. Keys are only built
 * from a {@link SessionKey}, whose parts are checked for format first.
 *
 * <p>The index follows the sessions' TTL rules, so it never outlives them by much and never dies before them: it
 * expires {@link #INDEX_GRACE} after the user's longest session, and members whose session has lapsed are dropped
 * whenever a session is opened. Every write touching both is one Lua script, so Redis applies it whole or not at
 * all: a session is never stored without its index entry or without its expiry. A user's sessions are found
 * through the index alone, never with {@code KEYS} or {@code SCAN}. (The scripts that close several sessions derive
 * their keys from the index, which suits one Redis server, not a cluster.)
 *
 * <p>Every Redis failure (connection refused or dropped, timeout, shutdown) becomes a
 * {@link SessionStoreUnavailableException}; how long that takes is set on the client, see
 * {@link RedissonClientFactory}.
 */
public final class RedisSessionStore implements SessionStore {

    /** How long a user's index outlives their longest session: covers the rounding of Redis's clock to ms. */
    public static final Duration INDEX_GRACE = Duration.ofSeconds(1);

    // KEYS: session, index. ARGV: signature, time to live (ms), sub token, grace (ms).
    // SET ... PX writes the session with its expiry in one command; the index is pruned of lapsed sessions, gains
    // this one scored by its expiry, and expires a grace period after its latest member.
    private static final String OPEN = """
            local time = redis.call('TIME')
            local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
            local ttl = tonumber(ARGV[2])
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ttl)
            redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
            redis.call('ZADD', KEYS[2], now + ttl, ARGV[3])
            local latest = redis.call('ZRANGE', KEYS[2], -1, -1, 'WITHSCORES')
            redis.call('PEXPIREAT', KEYS[2], tonumber(latest[2]) + tonumber(ARGV[4]))
            return 1
            """;

    // KEYS: session, index. ARGV: sub token.
    private static final String CLOSE = """
            redis.call('ZREM', KEYS[2], ARGV[1])
            return redis.call('DEL', KEYS[1])
            """;

    // KEYS: index. ARGV: session key prefix /users/{id}/session/, sub token to keep ('' for none).
    // Returns how many session keys existed and were deleted; entries of lapsed sessions go too.
    private static final String CLOSE_ALL = """
            local closed = 0
            for _, subToken in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
                if subToken ~= ARGV[2] then
                    closed = closed + redis.call('DEL', ARGV[1] .. subToken)
                    redis.call('ZREM', KEYS[1], subToken)
                end
            end
            return closed
            """;

    private final RedissonClient redisson;

    public RedisSessionStore(RedissonClient redisson) {
        this.redisson = Objects.requireNonNull(redisson, "redisson");
    }

    /** The key of a user's index of sessions, {@code /users/{id}/sessions}. */
    public static String indexKey(long userId) {
        if (userId <= 0) {
            throw new IllegalArgumentException("user id must be positive, was " + userId);
        }
        return "/users/" + userId + "/sessions";
    }

    @Override
    public void open(SessionKey key, String signature, Duration timeToLive) {
        Objects.requireNonNull(signature, "signature");
        if (timeToLive == null || timeToLive.toMillis() <= 0) {
            throw new IllegalArgumentException("session time to live must be at least 1 ms, was " + timeToLive);
        }
        try {
            script().eval(RScript.Mode.READ_WRITE, OPEN, RScript.ReturnType.LONG,
                    List.<Object>of(key.redisKey(), indexKey(key.userId())), signature,
                    Long.toString(timeToLive.toMillis()), key.subToken(), Long.toString(INDEX_GRACE.toMillis()));
        } catch (RedisException e) {
            throw unavailable("storing a session", key.userId(), e);
        }
    }

    @Override
    public boolean holds(SessionKey key, String signature) {
        Objects.requireNonNull(signature, "signature");
        String stored;
        try {
            stored = redisson.<String>getBucket(key.redisKey(), StringCodec.INSTANCE).get();
        } catch (RedisException e) {
            throw unavailable("reading a session", key.userId(), e);
        }
        return stored != null && MessageDigest.isEqual(
                stored.getBytes(StandardCharsets.UTF_8), signature.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close(SessionKey key) {
        try {
            script().eval(RScript.Mode.READ_WRITE, CLOSE, RScript.ReturnType.LONG,
                    List.<Object>of(key.redisKey(), indexKey(key.userId())), key.subToken());
        } catch (RedisException e) {
            throw unavailable("deleting a session", key.userId(), e);
        }
    }

    @Override
    public int closeAll(long userId) {
        return closeAllBut(userId, "");
    }

    @Override
    public int closeAllExcept(SessionKey kept) {
        return closeAllBut(kept.userId(), kept.subToken());
    }

    private int closeAllBut(long userId, String keptSubToken) {
        String index = indexKey(userId);
        Long closed;
        try {
            closed = script().eval(RScript.Mode.READ_WRITE, CLOSE_ALL, RScript.ReturnType.LONG, List.<Object>of(index),
                    "/users/" + userId + "/session/", keptSubToken);
        } catch (RedisException e) {
            throw unavailable("deleting the sessions", userId, e);
        }
        return Math.toIntExact(closed);
    }

    private RScript script() {
        return redisson.getScript(StringCodec.INSTANCE);
    }

    private static SessionStoreUnavailableException unavailable(String action, long userId, RedisException e) {
        return new SessionStoreUnavailableException("Redis failed while " + action + " of user " + userId + " ("
                + e.getClass().getSimpleName() + "); check that Redis is up and reachable", e);
    }
}
