package dev.cryptotracker.examples.bookshop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cryptotracker.testkit.Service;
import dev.cryptotracker.testkit.Testkit;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.redisson.api.RedissonClient;

/** Recently viewed books on Redis only: this class asks for no PostgreSQL. */
@Testkit(Service.REDIS)
@TestMethodOrder(OrderAnnotation.class)
class RecentlyViewedIT {

    private static final Duration KEEP_FOR = Duration.ofDays(30);

    private RecentlyViewed recentlyViewed;

    @BeforeEach
    void store(RedissonClient redis) {
        recentlyViewed = new RecentlyViewed(redis, KEEP_FOR);
    }

    @Test
    @Order(1)
    void keepsTheFiveLatestBooksNewestFirst() {
        for (int book = 1; book <= 7; book++) {
            recentlyViewed.viewed("ann", "isbn-" + book);
        }

        assertThat(recentlyViewed.of("ann")).containsExactly("isbn-7", "isbn-6", "isbn-5", "isbn-4", "isbn-3");
    }

    @Test
    @Order(2)
    void nextTestFindsNothingTheLastOneViewed(RedissonClient redis) {
        assertThat(recentlyViewed.of("ann")).isEmpty();
        assertThat(redis.getKeys().count()).isZero();
    }

    @Test
    @Order(3)
    void viewingABookAgainMovesItToTheFront() {
        recentlyViewed.viewed("bob", "isbn-1");
        recentlyViewed.viewed("bob", "isbn-2");
        recentlyViewed.viewed("bob", "isbn-1");

        assertThat(recentlyViewed.of("bob")).containsExactly("isbn-1", "isbn-2");
    }

    @Test
    @Order(4)
    void forgetsACustomerAfterTheQuietPeriod() {
        recentlyViewed.viewed("cy", "isbn-1");

        assertThat(recentlyViewed.timeLeft("cy")).isPositive().isLessThanOrEqualTo(KEEP_FOR)
                .isGreaterThan(KEEP_FOR.minusMinutes(1));
        assertThat(recentlyViewed.timeLeft("nobody")).isZero();
    }
}
