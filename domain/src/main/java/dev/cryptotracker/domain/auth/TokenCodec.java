package dev.cryptotracker.domain.auth;

import java.time.Duration;

/** Port for signing and checking session tokens. */
public interface TokenCodec {

    /** Signs a new token, with a fresh random {@code sub_token}, for the user. */
    IssuedToken issue(long userId);

    /**
     * Checks a token's form, algorithm, signature and claims.
     *
     * @throws dev.cryptotracker.domain.InvalidTokenException when any of them is wrong
     */
    VerifiedToken verify(String token);

    /** How long an issued token is valid. */
    Duration lifetime();
}
