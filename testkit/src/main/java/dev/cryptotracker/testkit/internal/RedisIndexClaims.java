package dev.cryptotracker.testkit.internal;

import dev.cryptotracker.testkit.TestkitConfigurationException;
import java.time.Duration;
import java.util.List;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.SetParams;

/**
 * Claims a Redis database index for one JVM on a Redis server that several test runs share. A claim is a key
 * {@code testkit:claim:<index>} in database 0, set only if absent and with an expiry that its owner renews while
 * it runs; an index whose key exists belongs to a live owner and is skipped, and the index of a JVM that died
 * becomes free when its key expires. Database 0 itself is never claimed: it holds the claims.
 */
final class RedisIndexClaims {

    static final String KEY_PREFIX = "testkit:claim:";

    private static final String RENEW = "if redis.call('get', KEYS[1]) == ARGV[1] then "
            + "return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";
    private static final String RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then "
            + "return redis.call('del', KEYS[1]) else return 0 end";

    private final Jedis redis;

    /**
     * Claims kept through a connection to the database that holds them; every use synchronizes on it, so that the
     * renewal thread and the claims of new slots can share it.
     *
     * @param redis a connection to database 0 (or, in tests, to any database the test owns)
     */
    RedisIndexClaims(Jedis redis) {
        this.redis = redis;
    }

    static String key(int index) {
        return KEY_PREFIX + index;
    }

    /**
     * Claims the lowest free index from 1 to {@code databases - 1}.
     *
     * @param databases how many databases the server has ({@code CONFIG GET databases})
     * @param owner     who claims, unique per JVM
     * @param ttl       how long the claim lasts without renewal
     * @param server    the server's address, for the error message
     * @return the claimed index
     * @throws TestkitConfigurationException when every index is claimed
     */
    int claim(int databases, String owner, Duration ttl, String server) {
        for (int index = 1; index < databases; index++) {
            String answer;
            synchronized (redis) {
                answer = redis.set(key(index), owner, SetParams.setParams().nx().px(ttl.toMillis()));
            }
            if ("OK".equals(answer)) {
                return index;
            }
        }
        throw new TestkitConfigurationException("every Redis database index from 1 to " + (databases - 1)
                + " on " + server + " is claimed by another running test JVM (keys " + KEY_PREFIX
                + "* in database 0); wait for them to finish, raise 'databases' in that server's redis.conf, or "
                + "point TESTKIT_REDIS_URL at another server");
    }

    /** Extends the claim's expiry, only if the owner still holds it; tells whether it did. */
    boolean renew(int index, String owner, Duration ttl) {
        Object renewed;
        synchronized (redis) {
            renewed = redis.eval(RENEW, List.of(key(index)), List.of(owner, String.valueOf(ttl.toMillis())));
        }
        return Long.valueOf(1L).equals(renewed);
    }

    /** Deletes the claim, only if the owner still holds it. */
    void release(int index, String owner) {
        synchronized (redis) {
            redis.eval(RELEASE, List.of(key(index)), List.of(owner));
        }
    }
}
