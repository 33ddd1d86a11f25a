package dev.cryptotracker.domain.auth;

import dev.cryptotracker.domain.user.User;

/**
 * A signed-up or logged-in user with the token of their new session. {@link #toString()} leaves out the token.
 *
 * @param user  the user
 * @param token the compact JWT
 */
public record AuthResult(User user, String token) {

    @Override
    public String toString() {
        return "AuthResult[user=" + user + "]";
    }
}
