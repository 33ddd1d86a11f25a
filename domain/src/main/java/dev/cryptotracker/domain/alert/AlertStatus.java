package dev.cryptotracker.domain.alert;

/** Where an alert is in its life: active until a price meets it, then triggered for good. */
public enum AlertStatus {

    ACTIVE("active"),
    TRIGGERED("triggered");

    private final String code;

    AlertStatus(String code) {
        this.code = code;
    }

    /** The value in {@code alerts.status}. */
    public String code() {
        return code;
    }

    /**
     * Reads a stored value.
     *
     * @throws IllegalStateException when the database holds a value the schema should have rejected
     */
    public static AlertStatus fromCode(String code) {
        for (AlertStatus status : values()) {
            if (status.code.equals(code)) {
                return status;
            }
        }
        throw new IllegalStateException("unknown alert status in the database: " + code);
    }
}
