package dev.cryptotracker.domain.auth;

import java.time.Instant;

/**
 * A freshly signed token. {@link #toString()} leaves out the token and its signature.
 *
 * @param value      the compact JWT to hand to the client
 * @param sessionKey the session it opens
 * @param signature  the JWT's third part, which the session store keeps
 * @param issuedAt   the {@code iat} claim
 * @param expiresAt  the {@code exp} claim
 */
public record IssuedToken(String value, SessionKey sessionKey, String signature, Instant issuedAt, Instant expiresAt) {

    @Override
    public String toString() {
        return "IssuedToken[sessionKey=" + sessionKey + ", issuedAt=" + issuedAt + ", expiresAt=" + expiresAt + "]";
    }
}
