package dev.cryptotracker.domain.auth;

import java.time.Duration;

/**
 * Port for open sessions. Every method throws
 * {@link dev.cryptotracker.domain.SessionStoreUnavailableException} when the store cannot be reached in time; none
 * of them ever answers "open" without having asked the store.
 */
public interface SessionStore {

    /** Opens a session holding the token's signature; value and time to live are written in one command. */
    void open(SessionKey key, String signature, Duration timeToLive);

    /** Whether the session is open and holds exactly this signature (compared in constant time). */
    boolean holds(SessionKey key, String signature);

    /** Ends the session; ending one that is not open does nothing. */
    void close(SessionKey key);
}
