package dev.cryptotracker.domain.auth;

import java.time.Instant;

/**
 * A token whose signature and claims checked out; whether its session is still open is the session store's call.
 * {@link #toString()} leaves out the signature.
 *
 * @param sessionKey the session it names
 * @param signature  the JWT's third part
 * @param expiresAt  the {@code exp} claim
 */
public record VerifiedToken(SessionKey sessionKey, String signature, Instant expiresAt) {

    @Override
    public String toString() {
        return "VerifiedToken[sessionKey=" + sessionKey + ", expiresAt=" + expiresAt + "]";
    }
}
