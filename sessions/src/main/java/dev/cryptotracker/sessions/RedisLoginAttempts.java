package dev.cryptotracker.sessions;

import dev.cryptotracker.domain.SessionStoreUnavailableException;
import dev.cryptotracker.domain.auth.AttemptCount;
import dev.cryptotracker.domain.auth.LoginAttempts;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.RedisException;
import org.redisson.client.codec.StringCodec;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Login attempts as Redis counters: key {@code /login-attempts/{subject}}, value the count, time to live what is
 * left of the window. Each attempt is one Lua script — {@code INCR}, and on the window's first attempt
 * {@code PEXPIRE} — returning the count and {@code PTTL} together, so concurrent attempts are each counted exactly
 * once and no counter is ever left without its expiry. Counters expire by themselves; later attempts in a window
 * do not extend it.
 *
 * <p>Every Redis failure becomes a {@link SessionStoreUnavailableException}, bounded by the client's timeouts
 * ({@link RedissonClientFactory}).
 */
public final class RedisLoginAttempts implements LoginAttempts {

    static final String KEY_PREFIX = "/login-attempts/";

    // A counter somehow left without an expiry (PTTL -1) gets one too.
    private static final String COUNT = """
            local count = redis.call('INCR', KEYS[1])
            local left = redis.call('PTTL', KEYS[1])
            if left < 0 then
                redis.call('PEXPIRE', KEYS[1], ARGV[1])
                left = tonumber(ARGV[1])
            end
            return {count, left}
            """;

    private static final Pattern SUBJECT = Pattern.compile("[A-Za-z0-9_-]{16,86}");

    private final RedissonClient redisson;

    public RedisLoginAttempts(RedissonClient redisson) {
        this.redisson = Objects.requireNonNull(redisson, "redisson");
    }

    /**
     * The counter's key for a subject.
     *
     * @throws IllegalArgumentException when the subject is not 16 to 86 base64url characters
     */
    public static String key(String subject) {
        if (subject == null || !SUBJECT.matcher(subject).matches()) {
            throw new IllegalArgumentException("login attempt subject must be 16 to 86 base64url characters");
        }
        return KEY_PREFIX + subject;
    }

    @Override
    public AttemptCount count(String subject, Duration window) {
        String key = key(subject);
        if (window == null || window.toMillis() <= 0) {
            throw new IllegalArgumentException("login attempt window must be at least 1 ms, was " + window);
        }
        List<Long> countAndLeft;
        try {
            countAndLeft = redisson.getScript(StringCodec.INSTANCE).eval(RScript.Mode.READ_WRITE, COUNT,
                    RScript.ReturnType.LIST, List.<Object>of(key), Long.toString(window.toMillis()));
        } catch (RedisException e) {
            throw unavailable("counting a login attempt", e);
        }
        return new AttemptCount(countAndLeft.get(0), Duration.ofMillis(countAndLeft.get(1)));
    }

    @Override
    public void reset(String subject) {
        String key = key(subject);
        try {
            redisson.getBucket(key, StringCodec.INSTANCE).delete();
        } catch (RedisException e) {
            throw unavailable("resetting login attempts", e);
        }
    }

    private static SessionStoreUnavailableException unavailable(String action, RedisException e) {
        return new SessionStoreUnavailableException("Redis failed while " + action + " ("
                + e.getClass().getSimpleName() + "); check that Redis is up and reachable", e);
    }
}
