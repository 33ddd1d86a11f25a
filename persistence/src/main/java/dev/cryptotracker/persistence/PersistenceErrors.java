package dev.cryptotracker.persistence;

import dev.cryptotracker.domain.PersistenceUnavailableException;
import dev.cryptotracker.domain.ValidationException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.function.Function;
import org.jooq.exception.DataAccessException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Turns jOOQ's {@link DataAccessException} into the domain's exceptions by SQLSTATE and constraint name. Messages
 * name the constraint or column, never a value, so no secret can leak through them.
 */
final class PersistenceErrors {

    static final String UNIQUE_VIOLATION = "23505";
    static final String FOREIGN_KEY_VIOLATION = "23503";
    static final String CHECK_VIOLATION = "23514";
    static final String NOT_NULL_VIOLATION = "23502";
    /** The server cancelled the statement: statement_timeout, or a cancel request. */
    static final String QUERY_CANCELED = "57014";
    /** A lock could not be had in time (lock_timeout, NOWAIT). */
    static final String LOCK_NOT_AVAILABLE = "55P03";

    private PersistenceErrors() {
    }

    /**
     * Translates a failure of {@code operation}.
     *
     * @param byConstraint maps a violated constraint's name to the domain's exception, or returns {@code null} to
     *                     fall back to the generic mapping
     * @return the exception to throw: a domain exception, or {@code e} itself for a failure the domain has no name
     *         for (a bug, not bad input)
     */
    static RuntimeException translate(String operation, DataAccessException e,
                                      Function<String, RuntimeException> byConstraint) {
        if (isUnavailable(e)) {
            return new PersistenceUnavailableException(
                    "PostgreSQL is unavailable while trying to " + operation + ": " + rootMessage(e), e);
        }
        PSQLException psql = e.getCause(PSQLException.class);
        String state = psql != null ? psql.getSQLState() : e.sqlState();
        String constraint = constraintOf(psql);
        if (state == null) {
            return e;
        }
        if (state.equals(QUERY_CANCELED) || state.equals(LOCK_NOT_AVAILABLE)) {
            return new PersistenceUnavailableException("PostgreSQL did not answer in the configured time while trying to "
                    + operation + " (SQLSTATE " + state + ")", e);
        }
        if (state.startsWith("23") && constraint != null) {
            RuntimeException mapped = byConstraint.apply(constraint);
            if (mapped != null) {
                return mapped;
            }
        }
        return switch (state) {
            case CHECK_VIOLATION -> new ValidationException(
                    "cannot " + operation + ": the value breaks the rule " + constraint);
            case NOT_NULL_VIOLATION -> new ValidationException(
                    "cannot " + operation + ": " + columnOf(psql) + " is required");
            default -> state.startsWith("22")
                    // Data exceptions (value too long 22001, U+0000 22021, numeric overflow 22003): bad input.
                    ? new ValidationException("cannot " + operation + ": a value is not accepted by the database"
                            + " (SQLSTATE " + state + (columnOf(psql) != null ? ", column " + columnOf(psql) : "") + ")")
                    : e;
        };
    }

    /**
     * No connection could be had in time (Hikari's {@link SQLTransientConnectionException}), or the connection failed
     * (SQLSTATE class 08, or the server shutting down, 57P01-57P03).
     */
    static boolean isUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                        || state.equals("57P03")) {
                    return true;
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static String constraintOf(PSQLException psql) {
        ServerErrorMessage message = psql != null ? psql.getServerErrorMessage() : null;
        return message != null ? message.getConstraint() : null;
    }

    private static String columnOf(PSQLException psql) {
        ServerErrorMessage message = psql != null ? psql.getServerErrorMessage() : null;
        return message != null ? message.getColumn() : null;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        // Some failures (a socket closed under the driver, say) carry no message: name the exception instead.
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }
}
