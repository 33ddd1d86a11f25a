package dev.cryptotracker.testkit;

/**
 * A test left a transaction open: a connection taken and never closed, inside a transaction (holding its locks), or
 * still running a statement. The testkit has already ended those sessions and reset the database, so the next test
 * starts clean and in normal time; this exception fails the test that left them. The message names each session's
 * state, since when, and its last statement.
 */
public class OpenTransactionException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message which sessions were left open and what to do about it
     */
    public OpenTransactionException(String message) {
        super(message);
    }
}
