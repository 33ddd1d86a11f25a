package dev.cryptotracker.domain.auth;

import java.util.regex.Pattern;

/**
 * Names one session: a user id and the random {@code sub_token} of the token that opened it. Both are checked here,
 * so a Redis key built from a session key can never contain {@code / * ? [} or anything else a caller smuggled in.
 *
 * @param userId   the user's id, &gt; 0
 * @param subToken base64url, {@value #MIN_SUB_TOKEN_LENGTH} to {@value #MAX_SUB_TOKEN_LENGTH} characters
 */
public record SessionKey(long userId, String subToken) {

    /** 128 bits in base64url without padding. */
    public static final int MIN_SUB_TOKEN_LENGTH = 22;

    /** 512 bits in base64url without padding. */
    public static final int MAX_SUB_TOKEN_LENGTH = 86;

    private static final Pattern SUB_TOKEN = Pattern.compile(
            "[A-Za-z0-9_-]{" + MIN_SUB_TOKEN_LENGTH + "," + MAX_SUB_TOKEN_LENGTH + "}");

    /** @throws IllegalArgumentException when the id is not positive or the sub token is not well-formed */
    public SessionKey {
        if (userId <= 0) {
            throw new IllegalArgumentException("user id must be positive, was " + userId);
        }
        if (!isWellFormedSubToken(subToken)) {
            throw new IllegalArgumentException("sub token must be " + MIN_SUB_TOKEN_LENGTH + " to "
                    + MAX_SUB_TOKEN_LENGTH + " base64url characters");
        }
    }

    /** Whether a value can be a sub token: base64url characters only, and of a bounded length. */
    public static boolean isWellFormedSubToken(String subToken) {
        return subToken != null && SUB_TOKEN.matcher(subToken).matches();
    }

    /** The Redis key {@code /users/{id}/session/{sub_token}}. */
    public String redisKey() {
        return "/users/" + userId + "/session/" + subToken;
    }
}
