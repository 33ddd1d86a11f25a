package dev.cryptotracker.domain.auth;

import dev.cryptotracker.domain.ValidationException;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Optional;

/**
 * What a password is and what it must be.
 *
 * <p><b>Normalisation.</b> A password is taken in Unicode normalisation form NFKC (NIST SP 800-63B §5.1.1.2) before
 * its length is checked, before it is hashed and before it is verified, so that the same text typed on different
 * keyboards or systems is the same password: {@code é} as U+00E9 or as {@code e} + U+0301, full-width
 * {@code ｐａｓｓ} and {@code pass}, the ligature {@code ﬁ} and {@code fi}, a no-break space and a space. Nothing
 * else is changed: no trimming, no case folding, no removal of control characters — leading, trailing and inner
 * white space, letter case and U+0000 all count.
 *
 * <p><b>Length.</b> At least {@value #MIN_CHARACTERS} characters (code points) and at most {@value #MAX_UTF8_BYTES}
 * UTF-8 bytes, both counted on the normalised text; the byte limit is bcrypt's, which reads no further. Longer
 * passwords are rejected, never truncated: a truncated password would let every password sharing its first 72 bytes
 * log in.
 */
public final class PasswordPolicy {

    /** Minimum length, counted in Unicode code points of the normalised password. */
    public static final int MIN_CHARACTERS = 8;

    /** Maximum length, counted in UTF-8 bytes of the normalised password: bcrypt's input limit. */
    public static final int MAX_UTF8_BYTES = 72;

    /**
     * Longest input, in UTF-16 units, that is normalised at all. NFKC composes at most four code points into one
     * (the longest canonical decomposition), each at most two UTF-16 units, so no input over 8 × 72 = 576 units can
     * come out at 72 bytes or less; anything over this limit is refused without the work of normalising it.
     */
    public static final int MAX_INPUT_LENGTH = 1024;

    private PasswordPolicy() {
    }

    /** The password in NFKC, and otherwise exactly as given; {@code null} stays {@code null}. */
    public static String normalise(String password) {
        return password == null ? null : Normalizer.normalize(password, Normalizer.Form.NFKC);
    }

    /**
     * Checks a new password and returns the form to hash.
     *
     * @return the password in NFKC
     * @throws ValidationException when the password is null, too short or too long; the message names the rule,
     *         never the password
     */
    public static String requireValid(String password) {
        if (password == null) {
            throw new ValidationException("password is required");
        }
        String normalised = normaliseForVerification(password).orElseThrow(
                () -> new ValidationException("password must be at most " + MAX_UTF8_BYTES + " bytes in UTF-8"));
        if (normalised.codePointCount(0, normalised.length()) < MIN_CHARACTERS) {
            throw new ValidationException("password must be at least " + MIN_CHARACTERS + " characters");
        }
        return normalised;
    }

    /**
     * The form of a password to verify at login: NFKC, or empty when the password is missing or longer than any
     * stored password can be, so that it is refused without bcrypt. The minimum length is not checked: a password
     * stored under an older rule must still be verifiable.
     */
    public static Optional<String> normaliseForVerification(String password) {
        if (password == null || password.length() > MAX_INPUT_LENGTH) {
            return Optional.empty();
        }
        String normalised = normalise(password);
        return fitsBcrypt(normalised) ? Optional.of(normalised) : Optional.empty();
    }

    /**
     * Whether the password, as given, is at most {@value #MAX_UTF8_BYTES} UTF-8 bytes. Cheap for huge input: a
     * string of more than 72 UTF-16 units is always more than 72 bytes, so it is never encoded.
     */
    public static boolean fitsBcrypt(String password) {
        return password.length() <= MAX_UTF8_BYTES
                && password.getBytes(StandardCharsets.UTF_8).length <= MAX_UTF8_BYTES;
    }
}
