package dev.cryptotracker.domain;

/** Input that breaks a rule of the domain; raised before any SQL, hashing or Redis command. */
public class ValidationException extends CryptoTrackerException {

    public ValidationException(String message) {
        super(message);
    }
}
