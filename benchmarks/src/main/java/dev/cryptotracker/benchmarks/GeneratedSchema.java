package dev.cryptotracker.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A schema the size of a real service's, written as Flyway migrations into a directory when the benchmark runs
 * (and pointed at with a {@code filesystem:} location) rather than committed as hundreds of files: the shape is in
 * this class, where a reviewer can read it, and the size is a parameter.
 *
 * <p>The tables are spread over three schemas ({@code sales}, {@code stock}, {@code audit}) in chains of five, each
 * table referencing the one before it in its chain. Most have an identity primary key, every fourth a
 * {@code bigserial} one; one table in a hundred is partitioned by range on a date, with two partitions. Two tables
 * hold reference rows that every test relies on. The first migration creates the reference tables;
 * the others create two or three tables each, and every tenth also adds a column and an index to a table of an
 * earlier one, as a schema's history does. Flyway creates the three schemas (they are its configured schemas).
 */
final class GeneratedSchema {

    static final List<String> SCHEMAS = List.of("sales", "stock", "audit");
    static final List<String> REFERENCE_TABLES = List.of("sales.currencies", "stock.units");
    private static final int CHAIN = 5;

    private final List<String> tables;
    private final int migrations;
    private final Path directory;

    private GeneratedSchema(List<String> tables, int migrations, Path directory) {
        this.tables = tables;
        this.migrations = migrations;
        this.directory = directory;
    }

    /**
     * Writes the migrations of a schema of {@code tableCount} tables, reference tables included, into a new
     * directory.
     *
     * @param tableCount how many tables (partitioned tables count once; their partitions are extra)
     * @param extra      a comment put into the last migration, so that runs can be told apart (or none)
     */
    static GeneratedSchema write(Path under, int tableCount, String extra) throws IOException {
        Path directory = Files.createDirectories(under.resolve("schema-" + tableCount));
        List<String> tables = new ArrayList<>(REFERENCE_TABLES);
        // Flyway creates the schemas it is configured with before the first migration.
        StringBuilder first = new StringBuilder("-- Reference tables of a generated schema.\n");
        first.append("CREATE TABLE sales.currencies (code text PRIMARY KEY, name text NOT NULL);\n")
                .append("INSERT INTO sales.currencies VALUES ('EUR', 'Euro'), ('USD', 'Dollar'), ('CHF', 'Franc');\n")
                .append("CREATE TABLE stock.units (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
                        + "name text NOT NULL);\n")
                .append("INSERT INTO stock.units (name) VALUES ('piece'), ('kilogram');\n");
        List<StringBuilder> scripts = new ArrayList<>();
        scripts.add(first);
        int perMigration = 0;
        for (int i = 0; tables.size() < tableCount; i++) {
            String schema = SCHEMAS.get(i % SCHEMAS.size());
            int number = i / SCHEMAS.size();
            String table = String.format(Locale.ROOT, "%s.t%03d", schema, number);
            // A partitioned table's key includes its partition key, so nothing references it by id alone.
            String parent = number % CHAIN == 0 || partitioned(i - SCHEMAS.size()) ? null
                    : String.format(Locale.ROOT, "%s.t%03d", schema, number - 1);
            if (perMigration == 0) {
                scripts.add(new StringBuilder());
                // Two or three tables a migration, so that 500 tables take a little over 200 migrations.
                perMigration = scripts.size() % 3 == 0 ? 3 : 2;
            }
            StringBuilder script = scripts.get(scripts.size() - 1);
            script.append(create(table, parent, i));
            tables.add(table);
            perMigration--;
            if (perMigration == 0 && scripts.size() % 10 == 0 && tables.size() > 10) {
                String earlier = tables.get(tables.size() / 2);
                script.append("ALTER TABLE ").append(earlier).append(" ADD COLUMN note_").append(scripts.size())
                        .append(" text;\n")
                        .append("CREATE INDEX ON ").append(earlier).append(" (created_on);\n");
            }
        }
        if (extra != null) {
            scripts.get(scripts.size() - 1).append("-- ").append(extra).append('\n');
        }
        for (int v = 0; v < scripts.size(); v++) {
            Files.writeString(directory.resolve(String.format(Locale.ROOT, "V%03d__generated_%03d.sql", v + 1, v + 1)),
                    scripts.get(v), StandardCharsets.UTF_8);
        }
        return new GeneratedSchema(List.copyOf(tables), scripts.size(), directory);
    }

    private static boolean partitioned(int i) {
        return i % 100 == 50;
    }

    private static String create(String table, String parent, int i) {
        boolean partitioned = partitioned(i);
        String id = partitioned || i % 4 == 3 ? "bigserial" : "bigint GENERATED BY DEFAULT AS IDENTITY";
        StringBuilder sql = new StringBuilder("CREATE TABLE ").append(table).append(" (id ").append(id)
                .append(partitioned ? "" : " PRIMARY KEY")
                .append(", parent_id bigint")
                .append(parent == null || partitioned ? "" : " REFERENCES " + parent)
                .append(", name text NOT NULL, amount numeric(12, 2), created_on date NOT NULL DEFAULT current_date");
        if (partitioned) {
            sql.append(", PRIMARY KEY (id, created_on)) PARTITION BY RANGE (created_on);\n");
            sql.append("CREATE TABLE ").append(table).append("_old PARTITION OF ").append(table)
                    .append(" FOR VALUES FROM ('2000-01-01') TO ('2050-01-01');\n");
            sql.append("CREATE TABLE ").append(table).append("_new PARTITION OF ").append(table)
                    .append(" FOR VALUES FROM ('2050-01-01') TO ('2100-01-01');\n");
        } else {
            sql.append(");\n");
        }
        if (parent != null && !partitioned) {
            sql.append("CREATE INDEX ON ").append(table).append(" (parent_id);\n");
        }
        return sql.toString();
    }

    /** Every table, qualified, reference tables first; parents before the tables that reference them. */
    List<String> tables() {
        return tables;
    }

    /** The tables a test may write to and the reset empties: every table but the reference tables. */
    List<String> writable() {
        return tables.subList(REFERENCE_TABLES.size(), tables.size());
    }

    int migrations() {
        return migrations;
    }

    /** The Flyway location of the migrations. */
    String location() {
        return "filesystem:" + directory.toAbsolutePath();
    }

    /** A one-row insert that any of the writable tables accepts (no parent row needed). */
    static String insert(String table) {
        return "INSERT INTO " + table + " (name, amount) VALUES ('x', 1)";
    }
}
