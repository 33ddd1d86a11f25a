package dev.cryptotracker.domain;

/** A session token that is malformed, forged, expired or whose session has ended. The token itself is never in the message. */
public class InvalidTokenException extends CryptoTrackerException {

    public InvalidTokenException(String reason) {
        super("invalid token: " + reason);
    }

    public InvalidTokenException(String reason, Throwable cause) {
        super("invalid token: " + reason, cause);
    }
}
