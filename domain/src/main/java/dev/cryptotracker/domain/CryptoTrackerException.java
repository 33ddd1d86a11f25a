package dev.cryptotracker.domain;

/**
 * Root of every failure the domain reports. Subclasses are named after the failure; messages never carry a
 * password, hash, token or secret.
 */
public abstract class CryptoTrackerException extends RuntimeException {

    protected CryptoTrackerException(String message) {
        super(message);
    }

    protected CryptoTrackerException(String message, Throwable cause) {
        super(message, cause);
    }
}
