package dev.cryptotracker.testkit;

/**
 * A configuration mistake that no retry can fix: a setting out of range, a table name that matches nothing, a
 * provider that cannot run here. The message names the setting, the value, where it was read from and what to do.
 * The JUnit extension reports it as JUnit's {@code ExtensionConfigurationException}.
 */
public class TestkitConfigurationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is wrong and how to fix it; never a password
     */
    public TestkitConfigurationException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what is wrong and how to fix it; never a password
     * @param cause   the failure behind it
     */
    public TestkitConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
