package dev.cryptotracker.domain;

/**
 * The rule for short human-readable text such as a user's or a token's name: present, not blank, no control
 * characters (PostgreSQL rejects U+0000 with SQLSTATE 22021) and no longer than its column.
 */
public final class DisplayText {

    private DisplayText() {
    }

    /**
     * Returns {@code value} without leading and trailing white space.
     *
     * @param field     what the value is, for the message ("user name")
     * @param value     the input
     * @param maxLength the column's length in characters (code points)
     * @throws ValidationException when the value breaks the rule
     */
    public static String requireValid(String field, String value, int maxLength) {
        if (value == null) {
            throw new ValidationException(field + " is required");
        }
        String stripped = value.strip();
        if (stripped.isEmpty()) {
            throw new ValidationException(field + " must not be blank");
        }
        if (stripped.codePoints().anyMatch(Character::isISOControl)) {
            throw new ValidationException(field + " must not contain control characters");
        }
        int length = stripped.codePointCount(0, stripped.length());
        if (length > maxLength) {
            throw new ValidationException(field + " must be at most " + maxLength + " characters, got " + length);
        }
        return stripped;
    }
}
