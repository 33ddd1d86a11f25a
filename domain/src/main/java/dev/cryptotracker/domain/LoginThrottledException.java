package dev.cryptotracker.domain;

import java.time.Duration;

/**
 * Too many failed logins for one email within the throttle window; the password was not checked. Thrown alike for
 * registered and unknown emails, so it tells nothing about which emails exist. {@link #retryAfter()} says when the
 * window ends.
 */
public class LoginThrottledException extends CryptoTrackerException {

    private final Duration retryAfter;

    /**
     * @param retryAfter how long until attempts for the email are counted afresh, &gt; 0
     * @throws IllegalArgumentException when {@code retryAfter} is missing, zero or negative
     */
    public LoginThrottledException(Duration retryAfter) {
        super("too many failed logins; try again in " + wholeSecondsRoundedUp(retryAfter) + " s");
        this.retryAfter = retryAfter;
    }

    /** How long until the email's window ends and a login is tried again. */
    public Duration retryAfter() {
        return retryAfter;
    }

    private static long wholeSecondsRoundedUp(Duration retryAfter) {
        if (retryAfter == null || retryAfter.isNegative() || retryAfter.isZero()) {
            throw new IllegalArgumentException("retryAfter must be positive, was " + retryAfter);
        }
        long seconds = retryAfter.getSeconds();
        return retryAfter.getNano() > 0 ? seconds + 1 : seconds;
    }
}
