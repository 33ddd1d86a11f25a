package dev.cryptotracker.domain.auth;

import dev.cryptotracker.domain.LoginThrottledException;

import java.time.Duration;

/**
 * How many failed logins one email may have in a window before further attempts are refused unchecked: by default
 * {@value #DEFAULT_MAX_FAILURES} in {@link #DEFAULT_WINDOW} (OWASP Authentication Cheat Sheet, NIST SP 800-63B
 * §5.2.2). The window is kept short on purpose: anyone who knows an email can use up its attempts, so a long window
 * would let them lock its owner out for long.
 *
 * @param maxFailures attempts allowed per window, &ge; 1; the next one is refused
 * @param window      how long a window lasts, from its first attempt; 1 s to 1 day
 */
public record ThrottlePolicy(int maxFailures, Duration window) {

    public static final int DEFAULT_MAX_FAILURES = 5;
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(15);

    private static final Duration SHORTEST_WINDOW = Duration.ofSeconds(1);
    private static final Duration LONGEST_WINDOW = Duration.ofDays(1);

    /** @throws IllegalArgumentException when either value is outside its range */
    public ThrottlePolicy {
        if (maxFailures < 1) {
            throw new IllegalArgumentException("maxFailures must be at least 1, was " + maxFailures);
        }
        if (window == null || window.compareTo(SHORTEST_WINDOW) < 0 || window.compareTo(LONGEST_WINDOW) > 0) {
            throw new IllegalArgumentException("throttle window must be between 1 s and 1 day, was " + window);
        }
    }

    /** {@value #DEFAULT_MAX_FAILURES} failures in 15 minutes. */
    public static ThrottlePolicy defaults() {
        return new ThrottlePolicy(DEFAULT_MAX_FAILURES, DEFAULT_WINDOW);
    }

    /**
     * Lets a counted attempt through, or refuses it.
     *
     * @throws LoginThrottledException when the attempt is beyond {@link #maxFailures()} in its window; it carries
     *         the time the window has left
     */
    public void admit(AttemptCount attempt) {
        if (attempt.count() > maxFailures) {
            throw new LoginThrottledException(attempt.windowLeft());
        }
    }
}
