package dev.cryptotracker.domain.auth;

import dev.cryptotracker.domain.ValidationException;

import java.nio.charset.StandardCharsets;

/**
 * What a password must be: at least {@value #MIN_CHARACTERS} characters (NIST SP 800-63B) and at most
 * {@value #MAX_UTF8_BYTES} UTF-8 bytes, because bcrypt reads no further. Longer passwords are rejected, never
 * truncated: a truncated password would let every password sharing its first 72 bytes log in.
 */
public final class PasswordPolicy {

    /** Minimum length, counted in Unicode code points. */
    public static final int MIN_CHARACTERS = 8;

    /** Maximum length, counted in UTF-8 bytes: bcrypt's input limit. */
    public static final int MAX_UTF8_BYTES = 72;

    private PasswordPolicy() {
    }

    /**
     * Checks a new password.
     *
     * @throws ValidationException when the password is null, too short or too long; the message names the rule,
     *         never the password
     */
    public static void requireValid(String password) {
        if (password == null) {
            throw new ValidationException("password is required");
        }
        if (!fitsBcrypt(password)) {
            throw new ValidationException("password must be at most " + MAX_UTF8_BYTES + " bytes in UTF-8");
        }
        if (password.codePointCount(0, password.length()) < MIN_CHARACTERS) {
            throw new ValidationException("password must be at least " + MIN_CHARACTERS + " characters");
        }
    }

    /**
     * Whether the password is at most {@value #MAX_UTF8_BYTES} UTF-8 bytes. Cheap for huge input: a string of more
     * than 72 UTF-16 units is always more than 72 bytes, so it is never encoded.
     */
    public static boolean fitsBcrypt(String password) {
        return password.length() <= MAX_UTF8_BYTES
                && password.getBytes(StandardCharsets.UTF_8).length <= MAX_UTF8_BYTES;
    }
}
