package dev.cryptotracker.examples.bookshop;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.redisson.api.RList;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/** Each customer's recently viewed books, newest first, in Redis; forgotten after a quiet period. */
public final class RecentlyViewed {

    /** How many books are remembered per customer. */
    public static final int LIMIT = 5;

    private final RedissonClient redis;
    private final Duration keepFor;

    /**
     * Creates the store.
     *
     * @param redis   the Redis client
     * @param keepFor how long a customer's list lives after their last view
     */
    public RecentlyViewed(RedissonClient redis, Duration keepFor) {
        this.redis = Objects.requireNonNull(redis, "redis");
        if (keepFor == null || keepFor.isNegative() || keepFor.isZero()) {
            throw new IllegalArgumentException("keepFor must be positive, was " + keepFor);
        }
        this.keepFor = keepFor;
    }

    /**
     * Records that a customer viewed a book: it moves to the front, and the oldest beyond {@link #LIMIT} drop off.
     *
     * @param customer the customer's id
     * @param isbn     the book's ISBN
     */
    public void viewed(String customer, String isbn) {
        RList<String> list = list(customer);
        list.remove(isbn);
        list.add(0, isbn);
        list.trim(0, LIMIT - 1);
        list.expire(keepFor);
    }

    /**
     * Lists a customer's recently viewed books.
     *
     * @param customer the customer's id
     * @return ISBNs, newest first
     */
    public List<String> of(String customer) {
        return list(customer).readAll();
    }

    /**
     * Tells how long a customer's list still lives.
     *
     * @param customer the customer's id
     * @return the time left, or {@link Duration#ZERO} when the customer has no list
     */
    public Duration timeLeft(String customer) {
        long millis = list(customer).remainTimeToLive();
        return millis > 0 ? Duration.ofMillis(millis) : Duration.ZERO;
    }

    private RList<String> list(String customer) {
        return redis.getList("recently-viewed:" + customer, StringCodec.INSTANCE);
    }
}
