package dev.cryptotracker.domain.user;

import dev.cryptotracker.domain.ValidationException;
import java.util.regex.Pattern;

/**
 * The shape an email must have before it reaches SQL: {@code local@domain.tld}, no white space or control
 * characters, at most {@value #MAX_LENGTH} characters (the column's length). Deliverability is not checked.
 */
public final class EmailAddress {

    /** Length of {@code users.email}, the longest address SMTP can carry. */
    public static final int MAX_LENGTH = 254;

    private static final int MAX_LOCAL_PART_LENGTH = 64;
    private static final Pattern DOMAIN_LABEL = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

    private EmailAddress() {
    }

    /**
     * Returns the email without leading and trailing white space, in the case it was given.
     *
     * @throws ValidationException when the email is null, blank, too long or malformed
     */
    public static String requireValid(String email) {
        if (email == null) {
            throw new ValidationException("email is required");
        }
        String stripped = email.strip();
        if (stripped.isEmpty()) {
            throw new ValidationException("email must not be blank");
        }
        if (stripped.length() > MAX_LENGTH) {
            throw new ValidationException(
                    "email must be at most " + MAX_LENGTH + " characters, got " + stripped.length());
        }
        if (stripped.codePoints().anyMatch(c -> Character.isISOControl(c) || Character.isWhitespace(c)
                || Character.isSpaceChar(c))) {
            throw new ValidationException("email must not contain white space or control characters");
        }
        int at = stripped.indexOf('@');
        if (at <= 0 || at != stripped.lastIndexOf('@') || at == stripped.length() - 1) {
            throw malformed(stripped);
        }
        String local = stripped.substring(0, at);
        String domain = stripped.substring(at + 1);
        if (local.length() > MAX_LOCAL_PART_LENGTH || local.startsWith(".") || local.endsWith(".")
                || local.contains("..")) {
            throw malformed(stripped);
        }
        String[] labels = domain.split("\\.", -1);
        if (labels.length < 2) {
            throw malformed(stripped);
        }
        for (String label : labels) {
            if (!DOMAIN_LABEL.matcher(label).matches()) {
                throw malformed(stripped);
            }
        }
        return stripped;
    }

    private static ValidationException malformed(String email) {
        return new ValidationException("email must look like name@example.com, got '" + email + "'");
    }
}
