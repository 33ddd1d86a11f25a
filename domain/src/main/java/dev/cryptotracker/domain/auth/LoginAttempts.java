package dev.cryptotracker.domain.auth;

import java.time.Duration;

/**
 * Port for counting login attempts per email. Every method throws
 * {@link dev.cryptotracker.domain.SessionStoreUnavailableException} when the store cannot be reached in time.
 */
public interface LoginAttempts {

    /**
     * Counts one attempt for the subject. The window opens with the first attempt counted and is not extended by
     * later ones; the count, and the expiry that ends the window, are updated in one atomic step, so concurrent
     * attempts are each counted exactly once.
     *
     * @param subject what the attempts are counted under, see {@link LoginThrottle#subjectOf(String)}
     * @param window  how long a window lasts
     * @return the count in the current window, this attempt included, and the time the window has left
     */
    AttemptCount count(String subject, Duration window);

    /** Forgets the subject's attempts; forgetting none does nothing. */
    void reset(String subject);
}
