package dev.cryptotracker.domain.alert;

import dev.cryptotracker.domain.ValidationException;
import java.math.BigDecimal;

/**
 * A price threshold that fits {@code NUMERIC(19,8)} exactly: greater than 0, less than 10^11, at most 8 decimal
 * places. PostgreSQL would silently round a 9th decimal, so it is rejected here instead. {@link #value()} always has
 * scale 8.
 *
 * <p>Built from a {@code BigDecimal} or a string; {@link #of(double)} exists for callers that only have a double and
 * takes its shortest decimal form ({@code 0.1} becomes {@code 0.10000000}, never {@code 0.1000000000000000055…}).
 *
 * @param value the threshold, scale 8
 */
public record Threshold(BigDecimal value) {

    /** Decimal places of {@code alerts.threshold}. */
    public static final int SCALE = 8;
    /** The smallest value that no longer fits 11 integer digits: 10^11. */
    public static final BigDecimal UPPER_BOUND_EXCLUSIVE = BigDecimal.TEN.pow(11);

    /** @throws ValidationException when the value is null, not positive, too large or too precise */
    public Threshold {
        if (value == null) {
            throw new ValidationException("threshold is required");
        }
        if (value.signum() <= 0) {
            throw new ValidationException("threshold must be greater than 0, got " + value.toPlainString());
        }
        if (value.compareTo(UPPER_BOUND_EXCLUSIVE) >= 0) {
            throw new ValidationException(
                    "threshold must be less than " + UPPER_BOUND_EXCLUSIVE.toPlainString() + ", got " + describe(value));
        }
        int decimals = value.stripTrailingZeros().scale();
        if (decimals > SCALE) {
            throw new ValidationException("threshold must have at most " + SCALE + " decimal places, got " + decimals
                    + ": " + value.toPlainString());
        }
        value = value.setScale(SCALE);
    }

    /** @throws ValidationException when the value is null, not positive, too large or too precise */
    public static Threshold of(BigDecimal value) {
        return new Threshold(value);
    }

    /**
     * Takes the shortest decimal that reads back as {@code value} ({@link BigDecimal#valueOf(double)}).
     *
     * @throws ValidationException for NaN, infinities and values the decimal rules reject
     */
    public static Threshold of(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new ValidationException("threshold must be a finite number, got " + value);
        }
        return new Threshold(BigDecimal.valueOf(value));
    }

    /**
     * Parses a plain or scientific decimal ({@code "42000.5"}, {@code "1e3"}).
     *
     * @throws ValidationException for null, blank, {@code NaN}, {@code Infinity} or anything else that is not a
     *         decimal, and for values the decimal rules reject
     */
    public static Threshold parse(String text) {
        if (text == null || text.isBlank()) {
            throw new ValidationException("threshold is required");
        }
        String stripped = text.strip();
        BigDecimal value;
        try {
            value = new BigDecimal(stripped);
        } catch (NumberFormatException e) {
            throw new ValidationException("threshold must be a decimal number, got '"
                    + (stripped.length() > 40 ? stripped.substring(0, 40) + "..." : stripped) + "'");
        }
        return new Threshold(value);
    }

    private static String describe(BigDecimal value) {
        // toPlainString of 1E+999999999 would be a billion characters long.
        return value.precision() - value.scale() > 30 ? value.toString() : value.toPlainString();
    }
}
