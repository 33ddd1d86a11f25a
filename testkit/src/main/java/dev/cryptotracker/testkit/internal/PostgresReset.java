package dev.cryptotracker.testkit.internal;

import dev.cryptotracker.testkit.SqlFixtureException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A slot's own connection to its database, outside the pool, for the reset and for fixtures: it never waits for a
 * pool's connection and never shows up in the pool's leak reports. Simple query protocol: a script of many
 * statements goes as one message, runs as one transaction, and an error's position counts from its start. Used
 * by one thread at a time (its slot's holder).
 *
 * <p>As a superuser the connection's {@code session_replication_role} is {@code replica} from the start, so that the
 * reset deletes with triggers and foreign keys off without changing the setting on every call (each change makes
 * PostgreSQL plan the session's statements again); fixtures run with it back at {@code origin}, so that they fire
 * triggers like any other write.
 */
final class PostgresReset implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PostgresReset.class);
    private static final String REPLICA_IF_SUPERUSER = "SELECT set_config('session_replication_role', 'replica', false) "
            + "WHERE current_setting('is_superuser') = 'on'";

    private final String jdbcUrl;
    private final Properties properties = new Properties();
    private final String database;
    private Connection connection;
    /** Whether the connection runs with {@code session_replication_role = replica} (a superuser's). */
    private boolean replica;

    PostgresReset(String jdbcUrl, String username, String password, String applicationName) {
        this.jdbcUrl = jdbcUrl;
        this.database = JdbcUrls.database(jdbcUrl);
        properties.setProperty("user", username);
        properties.setProperty("password", password == null ? "" : password);
        properties.setProperty("preferQueryMode", "simple");
        properties.setProperty("ApplicationName", applicationName);
    }

    /**
     * Ends the transactions left open on the database, then resets it: one round trip. A broken connection (a
     * server restart, a session ended by an administrator) is replaced once.
     *
     * @return the transactions that were left open, now ended
     */
    List<OpenTransaction> afterTest() {
        try {
            return runAfterTest();
        } catch (SQLException e) {
            if (connectionLost(e)) {
                close();
                try {
                    return runAfterTest();
                } catch (SQLException again) {
                    e = again;
                }
            }
            close();
            if ("55P03".equals(e.getSQLState())) {
                throw new IllegalStateException("resetting database " + database + " waited too long for a lock "
                        + "held by a session the testkit could not end (one of another user?); end it, or close the "
                        + "connection that holds it", e);
            }
            throw new IllegalStateException("could not reset database " + database, e);
        }
    }

    /** A broken connection (08...), or a session the server ended (57P01 by an administrator, 57P02 in a crash). */
    private static boolean connectionLost(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02"));
    }

    private List<OpenTransaction> runAfterTest() throws SQLException {
        List<OpenTransaction> open = new ArrayList<>();
        try (Statement statement = connection().createStatement();
             ResultSet rows = statement.executeQuery("SELECT pid, state, since, query FROM testkit_reset.after_test()")) {
            while (rows.next()) {
                Timestamp since = rows.getTimestamp(3);
                open.add(new OpenTransaction(rows.getInt(1), rows.getString(2),
                        since == null ? null : since.toInstant(), rows.getString(4)));
            }
        }
        return open;
    }

    /**
     * Applies fixture scripts in one round trip and one transaction. When PostgreSQL refuses one, says which script
     * and line: from the error's position where PostgreSQL gives one, else by running the statements one by one in
     * a transaction that is rolled back.
     *
     * @throws SqlFixtureException naming the script, line and PostgreSQL's message; nothing was kept
     */
    void applyFixtures(List<SqlScript> scripts) {
        StringBuilder sql = new StringBuilder();
        int[] starts = new int[scripts.size()];
        for (int i = 0; i < scripts.size(); i++) {
            starts[i] = sql.length();
            sql.append(scripts.get(i).text()).append("\n;\n");
        }
        try {
            asOrigin(() -> {
                try (Statement statement = connection().createStatement()) {
                    statement.execute(sql.toString());
                } catch (SQLException e) {
                    throw new SqlFixtureException(Fixtures.locate(e, scripts, starts, this::runAlone) + ": "
                            + e.getMessage(), e);
                }
            });
        } catch (SQLException e) {
            throw new IllegalStateException("could not apply fixtures to database " + database, e);
        }
    }

    /** Runs statements one by one in a transaction that is rolled back; the index of the first that fails, or -1. */
    private int runAlone(List<String> statements) {
        try {
            Connection alone = connection();
            alone.setAutoCommit(false);
            try (Statement statement = alone.createStatement()) {
                for (int i = 0; i < statements.size(); i++) {
                    try {
                        statement.execute(statements.get(i));
                    } catch (SQLException e) {
                        return i;
                    }
                }
                return -1;
            } finally {
                alone.rollback();
                alone.setAutoCommit(true);
            }
        } catch (SQLException e) {
            return -1;
        }
    }

    private Connection connection() throws SQLException {
        if (connection == null || connection.isClosed()) {
            Connection opened = DriverManager.getConnection(jdbcUrl, properties);
            try (Statement statement = opened.createStatement();
                 ResultSet set = statement.executeQuery(REPLICA_IF_SUPERUSER)) {
                replica = set.next();
            } catch (SQLException e) {
                opened.close();
                throw e;
            }
            connection = opened;
        }
        return connection;
    }

    /** Runs fixtures on the connection with {@code session_replication_role} at {@code origin}, then puts it back. */
    private void asOrigin(SqlRunnable work) throws SQLException {
        Connection current = connection();
        if (!replica) {
            work.run();
            return;
        }
        try (Statement statement = current.createStatement()) {
            statement.execute("SET session_replication_role = origin");
        }
        try {
            work.run();
        } finally {
            if (!current.isClosed()) {
                try (Statement statement = current.createStatement()) {
                    statement.execute("SET session_replication_role = replica");
                }
            }
        }
    }

    @FunctionalInterface
    private interface SqlRunnable {
        void run() throws SQLException;
    }

    @Override
    public void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                log.debug("Could not close the reset connection to {}", database, e);
            }
            connection = null;
        }
    }
}
