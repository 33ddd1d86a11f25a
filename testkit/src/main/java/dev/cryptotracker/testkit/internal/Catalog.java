package dev.cryptotracker.testkit.internal;

import dev.cryptotracker.testkit.TestkitConfig;
import dev.cryptotracker.testkit.TestkitConfigurationException;
import dev.cryptotracker.testkit.TestkitSetting;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tables the migrations built in the configured schemas, read once to check every configured name against
 * them: a schema or reference table that is misspelt, or was renamed, fails the start and names what exists,
 * instead of being ignored while the real table is emptied before every test.
 */
final class Catalog {

    private static final String TABLES = """
            SELECT n.nspname, c.relname
              FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE c.relkind IN ('r', 'p') AND n.nspname = ANY (?) AND NOT c.relispartition
             ORDER BY array_position(?, n.nspname::text), c.relname
            """;

    /**
     * Tables of other schemas than the configured ones, but for PostgreSQL's own, the testkit's and an extension's:
     * what the migrations built where the reset does not look. Their number by schema, by name.
     */
    private static final String UNTRACKED = """
            SELECT n.nspname, count(*)
              FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
               AND n.nspname <> ALL (?) AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'testkit_reset')
               AND n.nspname NOT LIKE 'pg\\_%'
               AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                                                           AND d.deptype = 'e')
             GROUP BY n.nspname ORDER BY n.nspname
            """;

    /** Table names by schema, in the configured order of the schemas. */
    private final Map<String, List<String>> tables;

    private Catalog(Map<String, List<String>> tables) {
        this.tables = tables;
    }

    static Catalog read(Connection connection, List<String> schemas) throws SQLException {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        schemas.forEach(schema -> tables.put(schema, new ArrayList<>()));
        try (PreparedStatement query = connection.prepareStatement(TABLES)) {
            var array = connection.createArrayOf("text", schemas.toArray());
            query.setArray(1, array);
            query.setArray(2, array);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    tables.get(rows.getString(1)).add(rows.getString(2));
                }
            }
        }
        return new Catalog(tables);
    }

    /**
     * Schemas outside the configured ones that hold tables the migrations made, with how many each: the reset
     * neither empties nor restores them.
     */
    static Map<String, Integer> untrackedSchemas(Connection connection, List<String> schemas) throws SQLException {
        Map<String, Integer> untracked = new LinkedHashMap<>();
        try (PreparedStatement query = connection.prepareStatement(UNTRACKED)) {
            query.setArray(1, connection.createArrayOf("text", schemas.toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    untracked.put(rows.getString(1), rows.getInt(2));
                }
            }
        }
        return untracked;
    }

    /**
     * Checks the configured schemas and reference tables.
     *
     * @return the reference tables, each qualified with the schema it was found in ({@code schema.table}, quoted)
     * @throws TestkitConfigurationException naming every unknown name, where it was configured, and what exists
     */
    List<String> requireNames(TestkitConfig config) {
        List<String> problems = new ArrayList<>();
        for (String schema : config.schemas()) {
            if (tables.get(schema).isEmpty()) {
                problems.add("testkit.schemas names '" + schema + "' (" + config.origin(TestkitSetting.SCHEMAS)
                        + "), but no migration created a table in it; schemas with tables: " + schemasWithTables());
            }
        }
        List<String> qualified = new ArrayList<>();
        for (String table : config.referenceTables()) {
            Optional<String> found = find(table);
            if (found.isPresent()) {
                qualified.add(found.get());
            } else {
                problems.add("testkit.reference-tables names '" + table + "' ("
                        + config.origin(TestkitSetting.REFERENCE_TABLES) + "), but there is no such table in "
                        + (table.contains(".") ? "schema " + table.substring(0, table.indexOf('.'))
                        : "schemas " + config.schemas()) + " once the migrations ran; tables there: " + listing());
            }
        }
        if (!problems.isEmpty()) {
            throw new TestkitConfigurationException(String.join("\n", problems));
        }
        return qualified;
    }

    /** A table by {@code table} (first configured schema that has it) or {@code schema.table}, quoted. */
    private Optional<String> find(String name) {
        int dot = name.indexOf('.');
        if (dot > 0) {
            String schema = name.substring(0, dot);
            String table = name.substring(dot + 1);
            return tables.getOrDefault(schema, List.of()).contains(table)
                    ? Optional.of(quote(schema) + "." + quote(table)) : Optional.empty();
        }
        return tables.entrySet().stream().filter(entry -> entry.getValue().contains(name)).findFirst()
                .map(entry -> quote(entry.getKey()) + "." + quote(name));
    }

    private String schemasWithTables() {
        return String.join(", ", tables.entrySet().stream().filter(entry -> !entry.getValue().isEmpty())
                .map(Map.Entry::getKey).toList());
    }

    private String listing() {
        List<String> names = new ArrayList<>();
        tables.forEach((schema, inSchema) -> inSchema.stream()
                .filter(table -> !table.equals(TemplateDatabase.FLYWAY_TABLE))
                .forEach(table -> names.add(tables.size() == 1 ? table : schema + "." + table)));
        return names.isEmpty() ? "(none)" : String.join(", ", names);
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
