package dev.cryptotracker.domain.auth;

import dev.cryptotracker.domain.ValidationException;

import java.util.regex.Pattern;

/** Checks an email and a display name before any SQL runs. */
public final class SignupRules {

    /**
     * RFC 5321 limits a forward path to 256 octets including the angle brackets, so 254 for the address; the
     * {@code users.email} column is {@code varchar(254)}. Lengths are counted in code points, as PostgreSQL does.
     */
    public static final int MAX_EMAIL_LENGTH = 254;

    /** The {@code users.name} column is {@code varchar(100)}. */
    public static final int MAX_NAME_LENGTH = 100;

    // Deliberately loose: one @, something before it, a dotted domain after it, and no whitespace or control
    // characters anywhere. Deliverability is the mail server's business, not ours.
    private static final Pattern EMAIL = Pattern.compile(
            "[^@\\s\\p{Cntrl}]+@[^@\\s\\p{Cntrl}.]+(\\.[^@\\s\\p{Cntrl}.]+)+");

    private SignupRules() {
    }

    /** @throws ValidationException when the email is missing, too long, contains U+0000 or is not an address */
    public static void requireValidEmail(String email) {
        if (email == null || email.isBlank()) {
            throw new ValidationException("email is required");
        }
        int length = email.codePointCount(0, email.length());
        if (length > MAX_EMAIL_LENGTH) {
            throw new ValidationException(
                    "email must be at most " + MAX_EMAIL_LENGTH + " characters, was " + length);
        }
        if (email.indexOf('\u0000') >= 0) {
            throw new ValidationException("email must not contain U+0000");
        }
        if (!EMAIL.matcher(email).matches()) {
            throw new ValidationException("email is not a valid address: " + email);
        }
    }

    /** Whether {@link #requireValidEmail(String)} would accept the email. */
    public static boolean isValidEmail(String email) {
        try {
            requireValidEmail(email);
            return true;
        } catch (ValidationException e) {
            return false;
        }
    }

    /** @throws ValidationException when the name is missing, blank, too long or contains U+0000 */
    public static void requireValidName(String name) {
        if (name == null || name.isBlank()) {
            throw new ValidationException("name is required");
        }
        int length = name.codePointCount(0, name.length());
        if (length > MAX_NAME_LENGTH) {
            throw new ValidationException(
                    "name must be at most " + MAX_NAME_LENGTH + " characters, was " + length);
        }
        if (name.indexOf('\u0000') >= 0) {
            throw new ValidationException("name must not contain U+0000");
        }
    }
}
