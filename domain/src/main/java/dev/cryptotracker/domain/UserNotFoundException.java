package dev.cryptotracker.domain;

/** No user has this id. */
public class UserNotFoundException extends CryptoTrackerException {

    public UserNotFoundException(long userId) {
        super("no user with id " + userId);
    }

    public UserNotFoundException(long userId, Throwable cause) {
        super("no user with id " + userId, cause);
    }
}
