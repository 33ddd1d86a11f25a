package dev.cryptotracker.domain;

/** The session store (Redis) could not be reached or did not answer in the configured time. */
public class SessionStoreUnavailableException extends CryptoTrackerException {

    public SessionStoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
