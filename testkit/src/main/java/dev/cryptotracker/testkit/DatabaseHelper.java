package dev.cryptotracker.testkit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Small database helper for tests: count rows, truncate tables, check that a table exists.
 *
 * <p>Every table name is looked up in the catalog first (as {@code table} in the configured schemas, or as
 * {@code schema.table}) and only the catalog's own, quoted name ever reaches SQL. A name that matches no table,
 * such as {@code users; DROP TABLE alerts}, gets an {@link IllegalArgumentException} and touches nothing.
 */
public final class DatabaseHelper {

    private static final String FIND_TABLE = """
            SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname)
              FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE c.relkind IN ('r', 'p') AND c.relname = ? AND n.nspname = ANY (?)
             ORDER BY array_position(?, n.nspname::text)
             LIMIT 1
            """;

    private final DataSource dataSource;
    private final List<String> schemas;

    /**
     * Creates a helper over a data source.
     *
     * @param dataSource where the tables live
     * @param schemas    the schemas an unqualified name is looked up in, in order
     */
    public DatabaseHelper(DataSource dataSource, List<String> schemas) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        if (schemas == null || schemas.isEmpty()) {
            throw new IllegalArgumentException("at least one schema is needed to look tables up in");
        }
        this.schemas = List.copyOf(schemas);
    }

    /**
     * Counts the rows of a table.
     *
     * @param table a table name, optionally schema-qualified
     * @return the number of rows
     * @throws IllegalArgumentException when no such table exists
     */
    public long rowCount(String table) {
        try (Connection connection = dataSource.getConnection()) {
            String name = resolve(connection, table);
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + name)) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not count the rows of table '" + table + "'", e);
        }
    }

    /**
     * Empties tables with {@code TRUNCATE ... RESTART IDENTITY CASCADE}: tables that reference them are emptied
     * too. All names are checked before anything is truncated.
     *
     * @param tables table names, optionally schema-qualified
     * @throws IllegalArgumentException when a name matches no table; then nothing is truncated
     */
    public void truncate(String... tables) {
        if (tables == null || tables.length == 0) {
            throw new IllegalArgumentException("name at least one table to truncate");
        }
        try (Connection connection = dataSource.getConnection()) {
            Set<String> names = new LinkedHashSet<>();
            for (String table : tables) {
                names.add(resolve(connection, table));
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("TRUNCATE " + String.join(", ", names) + " RESTART IDENTITY CASCADE");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not truncate " + List.of(tables), e);
        }
    }

    /**
     * Tells whether a table exists. Any string is safe to pass: it is only ever compared with the catalog.
     *
     * @param table a table name, optionally schema-qualified
     * @return {@code true} when the table exists
     */
    public boolean tableExists(String table) {
        try (Connection connection = dataSource.getConnection()) {
            return find(connection, table).isPresent();
        } catch (SQLException e) {
            throw new IllegalStateException("could not look table '" + table + "' up", e);
        }
    }

    private String resolve(Connection connection, String table) throws SQLException {
        return find(connection, table).orElseThrow(() -> new IllegalArgumentException(
                "unknown table '" + table + "': no such table in schemas " + schemas
                        + " (names are matched exactly against the catalog, never run as SQL)"));
    }

    private Optional<String> find(Connection connection, String table) throws SQLException {
        if (table == null || table.isBlank()) {
            return Optional.empty();
        }
        List<String> searched = new ArrayList<>(schemas);
        String relation = table;
        int dot = table.indexOf('.');
        if (dot > 0 && dot < table.length() - 1) {
            searched = List.of(table.substring(0, dot));
            relation = table.substring(dot + 1);
        }
        try (PreparedStatement query = connection.prepareStatement(FIND_TABLE)) {
            var schemaArray = connection.createArrayOf("text", searched.toArray());
            query.setString(1, relation);
            query.setArray(2, schemaArray);
            query.setArray(3, schemaArray);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
            }
        }
    }
}
