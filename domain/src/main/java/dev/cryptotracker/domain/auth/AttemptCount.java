package dev.cryptotracker.domain.auth;

import java.time.Duration;

/**
 * How many login attempts were counted for one email in its current window, this one included, and how long the
 * window has left.
 *
 * @param count      attempts in the window, &ge; 1
 * @param windowLeft time until the window ends and the count starts again, &gt; 0
 */
public record AttemptCount(long count, Duration windowLeft) {

    /** @throws IllegalArgumentException when the count is below 1 or the time left is not positive */
    public AttemptCount {
        if (count < 1) {
            throw new IllegalArgumentException("attempt count must be at least 1, was " + count);
        }
        if (windowLeft == null || windowLeft.isNegative() || windowLeft.isZero()) {
            throw new IllegalArgumentException("time left in the window must be positive, was " + windowLeft);
        }
    }
}
