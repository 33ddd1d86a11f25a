package dev.cryptotracker.domain;

/**
 * Login failed. Unknown email and wrong password share this type and message so that a caller cannot tell which
 * one it was.
 */
public class InvalidCredentialsException extends CryptoTrackerException {

    public InvalidCredentialsException() {
        super("invalid email or password");
    }
}
