package dev.cryptotracker.domain;

/**
 * The database could not be reached, or did not answer, in the configured time: server down, pool exhausted, a
 * statement or lock timeout.
 */
public class PersistenceUnavailableException extends CryptoTrackerException {

    public PersistenceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
