package dev.cryptotracker.domain.auth;

import java.time.Duration;

/**
 * Port for open sessions. A user's sessions can be found and closed together without scanning the store. Every
 * method throws
 * {@link dev.cryptotracker.domain.SessionStoreUnavailableException} when the store cannot be reached in time; none
 * of them ever answers "open" without having asked the store.
 */
public interface SessionStore {

    /**
     * Opens a session holding the token's signature. Its value and time to live are written together, and in the
     * same atomic step the session joins the user's index of sessions, which lives at least as long as the
     * user's longest session.
     */
    void open(SessionKey key, String signature, Duration timeToLive);

    /** Whether the session is open and holds exactly this signature (compared in constant time). */
    boolean holds(SessionKey key, String signature);

    /** Ends the session; ending one that is not open does nothing. */
    void close(SessionKey key);

    /**
     * Ends every open session of the user, in one atomic step.
     *
     * @return how many open sessions were ended
     */
    int closeAll(long userId);

    /**
     * Ends every open session of the kept session's user except that one, in one atomic step.
     *
     * @return how many open sessions were ended
     */
    int closeAllExcept(SessionKey kept);
}
