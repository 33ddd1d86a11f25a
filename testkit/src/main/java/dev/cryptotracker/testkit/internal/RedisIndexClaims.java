package dev.cryptotracker.testkit.internal;

import java.time.Duration;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * Claims a Redis database index for one JVM on a Redis server that several test runs share. A claim is a key
 * {@code testkit:claim:<index>} in database 0, set only if absent and with an expiry that its owner renews while
 * it runs; an index whose key exists belongs to a live owner and is skipped, and the index of a JVM that died
 * becomes free when its key expires. Database 0 itself is never claimed: it holds the claims.
 */
final class RedisIndexClaims {

    static final String KEY_PREFIX = "testkit:claim:";

    private RedisIndexClaims() {
    }

    /** Where the claims are kept: atomic set-if-absent, renew-if-mine and delete-if-mine on keys that expire. */
    interface ClaimStore {

        /** Sets the key to the owner with the expiry, only if the key does not exist; tells whether it did. */
        boolean claimIfFree(String key, String owner, Duration ttl);

        /** Extends the key's expiry, only if the owner still holds it; tells whether it did. */
        boolean renew(String key, String owner, Duration ttl);

        /** Deletes the key, only if the owner still holds it. */
        void release(String key, String owner);
    }

    static String key(int index) {
        return KEY_PREFIX + index;
    }

    /**
     * Claims the lowest free index from 1 to {@code databases - 1}.
     *
     * @param store     where claims are kept
     * @param databases how many databases the server has ({@code CONFIG GET databases})
     * @param owner     who claims, unique per JVM
     * @param ttl       how long the claim lasts without renewal
     * @param server    the server's address, for the error message
     * @return the claimed index
     * @throws ExtensionConfigurationException when every index is claimed
     */
    static int claim(ClaimStore store, int databases, String owner, Duration ttl, String server) {
        for (int index = 1; index < databases; index++) {
            if (store.claimIfFree(key(index), owner, ttl)) {
                return index;
            }
        }
        throw new ExtensionConfigurationException("every Redis database index from 1 to " + (databases - 1)
                + " on " + server + " is claimed by another running test JVM (keys " + KEY_PREFIX
                + "* in database 0); wait for them to finish, raise 'databases' in that server's redis.conf, or "
                + "point TESTKIT_REDIS_URL at another server");
    }
}
