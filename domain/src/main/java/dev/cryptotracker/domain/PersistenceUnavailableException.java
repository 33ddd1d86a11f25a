package dev.cryptotracker.domain;

/** The database could not be reached in the configured time (server down, pool exhausted). */
public class PersistenceUnavailableException extends CryptoTrackerException {

    public PersistenceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
