package dev.cryptotracker.testkit;

/**
 * A fixture script could not be applied: it does not exist, or PostgreSQL refused a statement of it. The message
 * names the script, the line (and column, where PostgreSQL says), and PostgreSQL's error with its detail. Nothing of
 * the fixtures was kept.
 */
public class SqlFixtureException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message which script, where, and why
     * @param cause   PostgreSQL's error, if there was one
     */
    public SqlFixtureException(String message, Throwable cause) {
        super(message, cause);
    }
}
