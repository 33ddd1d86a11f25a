package dev.cryptotracker.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reset on a schema the size of a real service's: 500 tables in three schemas, written by 167 migrations
 * generated here (foreign-key chains, identity and serial keys, partitioned tables, two reference tables). After a
 * test writes to a few tables, to more tables than the reset's ring of recent writes holds, or to reference tables,
 * the next lease finds every table as the migrations left it. Its own servers, with the template cache off: the
 * figures belong to the benchmark, this checks only what the reset leaves.
 */
class LargeSchemaResetIT {

    private static final List<String> SCHEMAS = List.of("sales", "stock", "audit");
    private static final int TABLES = 500;

    @TempDir
    static Path migrations;

    private static TestkitServers servers;
    private static final List<String> writable = new ArrayList<>();

    @BeforeAll
    static void migrateFiveHundredTables() throws Exception {
        writeMigrations();
        TestkitConfig config = TestkitConfig.fromEnvironment()
                .withMigrations("filesystem:" + migrations)
                .withSchemas(SCHEMAS.toArray(String[]::new))
                .withReferenceTables("sales.currencies", "stock.units")
                .with(TestkitSetting.CACHE, "false");
        servers = TestkitServers.start(config, Service.POSTGRES);
    }

    @AfterAll
    static void stop() {
        if (servers != null) {
            servers.close();
        }
    }

    @Test
    void afterWritesToThreeTablesTheNextLeaseFindsEveryTableAsMigrated() throws Exception {
        writeThenExpectMigratedState(writable.subList(0, 3));
    }

    @Test
    void afterWritesToMoreTablesThanTheRingHoldsTheNextLeaseFindsEveryTableAsMigrated() throws Exception {
        writeThenExpectMigratedState(writable.subList(0, 200));
    }

    @Test
    void referenceRowsChangedByATestAreBackForTheNextLease() throws Exception {
        try (TestkitLease lease = servers.lease(Service.POSTGRES);
             Connection connection = lease.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("DELETE FROM sales.currencies WHERE code = 'CHF'");
            statement.execute("UPDATE stock.units SET name = 'gram' WHERE name = 'kilogram'");
            statement.execute("INSERT INTO stock.units (name) VALUES ('litre')");
        }
        try (TestkitLease lease = servers.lease(Service.POSTGRES);
             Connection connection = lease.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            assertThat(text(statement, "SELECT string_agg(code, ',' ORDER BY code) FROM sales.currencies"))
                    .isEqualTo("CHF,EUR,USD");
            assertThat(text(statement, "SELECT string_agg(id || ':' || name, ',' ORDER BY id) FROM stock.units"))
                    .isEqualTo("1:piece,2:kilogram");
            assertThat(text(statement, "INSERT INTO stock.units (name) VALUES ('litre') RETURNING id"))
                    .as("the identity, back where the migrations left it").isEqualTo("3");
        }
    }

    private static void writeThenExpectMigratedState(List<String> written) throws SQLException {
        try (TestkitLease lease = servers.lease(Service.POSTGRES);
             Connection connection = lease.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            for (String table : written) {
                statement.addBatch("INSERT INTO " + table + " (name) VALUES ('x'), ('y')");
            }
            statement.executeBatch();
            assertThat(rowCounts(statement).values().stream().mapToLong(Long::longValue).sum())
                    .as("rows before the reset").isEqualTo(2L * written.size() + 5);
        }
        try (TestkitLease lease = servers.lease(Service.POSTGRES);
             Connection connection = lease.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            Map<String, Long> counts = rowCounts(statement);
            assertThat(counts).as("tables in the three schemas").hasSize(TABLES + 10);
            assertThat(counts).containsEntry("sales.currencies", 3L).containsEntry("stock.units", 2L);
            assertThat(counts.entrySet().stream().filter(entry -> entry.getValue() > 0).map(Map.Entry::getKey))
                    .as("tables holding rows").containsExactlyInAnyOrder("sales.currencies", "stock.units");
            for (String table : List.of(written.get(0), written.get(written.size() - 1))) {
                assertThat(text(statement, "INSERT INTO " + table + " (name) VALUES ('z') RETURNING id"))
                        .as("the next id of " + table).isEqualTo("1");
            }
        }
    }

    /** Every table's row count, partitions included and Flyway's history left out, in one query. */
    private static Map<String, Long> rowCounts(Statement statement) throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        try (ResultSet rows = statement.executeQuery("SELECT table_schema || '.' || table_name, (xpath('/row/c/text()',"
                + " query_to_xml(format('SELECT count(*) AS c FROM ONLY %I.%I', table_schema, table_name), false, "
                + "true, '')))[1]::text::bigint FROM information_schema.tables WHERE table_schema IN "
                + "('sales', 'stock', 'audit') AND table_type = 'BASE TABLE' AND table_name <> 'flyway_schema_history'")) {
            while (rows.next()) {
                counts.put(rows.getString(1), rows.getLong(2));
            }
        }
        return counts;
    }

    private static String text(Statement statement, String sql) throws SQLException {
        try (ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getString(1);
        }
    }

    /**
     * 500 tables: two reference tables, then chains of five tables, each referencing the one before; every fourth
     * with a serial key, every hundredth partitioned by range with two partitions (the partitions are extra tables).
     * Three tables a migration.
     */
    private static void writeMigrations() throws Exception {
        List<StringBuilder> scripts = new ArrayList<>();
        // Flyway creates the configured schemas before the first migration.
        StringBuilder first = new StringBuilder();
        first.append("CREATE TABLE sales.currencies (code text PRIMARY KEY, name text NOT NULL);\n")
                .append("INSERT INTO sales.currencies VALUES ('EUR', 'Euro'), ('USD', 'Dollar'), ('CHF', 'Franc');\n")
                .append("CREATE TABLE stock.units (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
                        + "name text NOT NULL);\n")
                .append("INSERT INTO stock.units (name) VALUES ('piece'), ('kilogram');\n");
        scripts.add(first);
        for (int i = 0; i < TABLES - 2; i++) {
            if (i % 3 == 0) {
                scripts.add(new StringBuilder());
            }
            String schema = SCHEMAS.get(i % 3);
            int number = i / 3;
            String table = String.format(Locale.ROOT, "%s.t%03d", schema, number);
            boolean partitioned = i % 100 == 50;
            boolean parentPartitioned = (i - 3) % 100 == 50;
            String key = partitioned || i % 4 == 3 ? "bigserial" : "bigint GENERATED BY DEFAULT AS IDENTITY";
            String reference = number % 5 == 0 || partitioned || parentPartitioned ? ""
                    : String.format(Locale.ROOT, " REFERENCES %s.t%03d", schema, number - 1);
            StringBuilder script = scripts.get(scripts.size() - 1);
            script.append("CREATE TABLE ").append(table).append(" (id ").append(key)
                    .append(partitioned ? "" : " PRIMARY KEY").append(", parent_id bigint").append(reference)
                    .append(", name text NOT NULL, created_on date NOT NULL DEFAULT current_date");
            if (partitioned) {
                script.append(", PRIMARY KEY (id, created_on)) PARTITION BY RANGE (created_on);\n")
                        .append("CREATE TABLE ").append(table).append("_old PARTITION OF ").append(table)
                        .append(" FOR VALUES FROM ('2000-01-01') TO ('2050-01-01');\n")
                        .append("CREATE TABLE ").append(table).append("_new PARTITION OF ").append(table)
                        .append(" FOR VALUES FROM ('2050-01-01') TO ('2100-01-01');\n");
            } else {
                script.append(");\n");
            }
            writable.add(table);
        }
        for (int v = 0; v < scripts.size(); v++) {
            Files.writeString(migrations.resolve(String.format(Locale.ROOT, "V%03d__generated.sql", v + 1)),
                    scripts.get(v), StandardCharsets.UTF_8);
        }
    }
}
