package dev.cryptotracker.domain.alert;

import dev.cryptotracker.domain.ValidationException;
import java.math.BigDecimal;
import java.util.Locale;

/** Which side of the threshold triggers an alert. Stored as {@link #code()}. */
public enum AlertType {

    /** Triggers when the price is at or above the threshold. */
    ABOVE("above"),
    /** Triggers when the price is at or below the threshold. */
    BELOW("below");

    private final String code;

    AlertType(String code) {
        this.code = code;
    }

    /** The value in {@code alerts.type}. */
    public String code() {
        return code;
    }

    /** Whether {@code price} meets {@code threshold} on this side; equal counts as met. */
    public boolean isMetBy(BigDecimal price, BigDecimal threshold) {
        int comparison = price.compareTo(threshold);
        return this == ABOVE ? comparison >= 0 : comparison <= 0;
    }

    /**
     * Parses user input ({@code "above"}, {@code "BELOW"}).
     *
     * @throws ValidationException for anything but above or below
     */
    public static AlertType parse(String value) {
        if (value == null) {
            throw new ValidationException("alert type is required: 'above' or 'below'");
        }
        String normalized = value.strip().toLowerCase(Locale.ROOT);
        for (AlertType type : values()) {
            if (type.code.equals(normalized)) {
                return type;
            }
        }
        throw new ValidationException("alert type must be 'above' or 'below', got '" + value + "'");
    }

    /**
     * Reads a stored value.
     *
     * @throws IllegalStateException when the database holds a value the schema should have rejected
     */
    public static AlertType fromCode(String code) {
        for (AlertType type : values()) {
            if (type.code.equals(code)) {
                return type;
            }
        }
        throw new IllegalStateException("unknown alert type in the database: " + code);
    }
}
