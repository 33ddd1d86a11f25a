package dev.cryptotracker.domain;

/** A user with this email (compared case-insensitively) already exists. */
public class EmailAlreadyExistsException extends CryptoTrackerException {

    public EmailAlreadyExistsException(String email) {
        super("a user with email " + email + " already exists");
    }

    public EmailAlreadyExistsException(String email, Throwable cause) {
        super("a user with email " + email + " already exists", cause);
    }
}
