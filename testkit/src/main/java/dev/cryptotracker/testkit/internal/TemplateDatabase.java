package dev.cryptotracker.testkit.internal;

import dev.cryptotracker.testkit.TemplateBuild;
import dev.cryptotracker.testkit.TestkitConfig;
import dev.cryptotracker.testkit.TestkitSetting;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The provider's database, migrated once and then used only as a template: the reset is installed into it after
 * the migrations, and every slot gets its own clone ({@code CREATE DATABASE ... TEMPLATE}). Nothing stays
 * connected to it, so that cloning never waits.
 */
final class TemplateDatabase {

    static final String FLYWAY_TABLE = "flyway_schema_history";
    /** How many tables a test may write for the reset to find them without looking at every table. */
    static final int RING_SIZE = 128;

    private static final Logger log = LoggerFactory.getLogger(TemplateDatabase.class);

    private final PostgresServer server;
    private final TestkitConfig config;

    TemplateDatabase(PostgresServer server, TestkitConfig config) {
        this.server = server;
        this.config = config;
    }

    /**
     * Applies the migrations, checks the configured schemas and reference tables against what they built, and
     * installs the testkit's reset.
     *
     * @return how many migrations were applied, and how long they and the installation took
     * @throws TestkitConfigurationException when a configured schema or reference table does not exist
     */
    TemplateBuild migrate() {
        long start = System.nanoTime();
        MigrateResult result = Flyway.configure()
                .dataSource(server.jdbcUrl(), server.username(), server.password())
                .locations(config.migrations().toArray(String[]::new))
                .schemas(config.schemas().toArray(String[]::new))
                .table(FLYWAY_TABLE)
                .load()
                .migrate();
        Duration migration = Duration.ofNanos(System.nanoTime() - start);
        log.info("Applied {} migrations from {} to schemas {} in {} ms", result.migrationsExecuted,
                config.migrations(), config.schemas(), migration.toMillis());
        long install = System.nanoTime();
        try (Connection connection = connect(server.jdbcUrl())) {
            Catalog catalog = Catalog.read(connection, config.schemas());
            List<String> referenceTables = catalog.requireNames(config);
            warnOfUntrackedSchemas(Catalog.untrackedSchemas(connection, config.schemas()));
            try (Statement statement = connection.createStatement()) {
                // A reused server (testkit.reuse) keeps the template of its last run, reset included: installed
                // again from scratch, so that it tracks what the migrations of this run built.
                statement.execute("DROP SCHEMA IF EXISTS testkit_reset CASCADE");
                statement.execute(resource("reset.sql").replace("%RING_SIZE%", String.valueOf(RING_SIZE)));
            }
            try (PreparedStatement track = connection.prepareStatement("SELECT testkit_reset.track(?, ?::regclass[], ?)")) {
                track.setArray(1, connection.createArrayOf("text", config.schemas().toArray()));
                track.setArray(2, connection.createArrayOf("text", referenceTables.toArray()));
                track.setString(3, FLYWAY_TABLE);
                try (ResultSet tracked = track.executeQuery()) {
                    tracked.next();
                    Duration installation = Duration.ofNanos(System.nanoTime() - install);
                    log.info("Installed the testkit's reset on {} tables in {} ms", tracked.getInt(1),
                            installation.toMillis());
                    return new TemplateBuild(false, result.migrationsExecuted, migration, installation);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not install the testkit's reset on " + server.jdbcUrl(), e);
        }
    }

    /** Tables the migrations made outside the configured schemas keep whatever tests write to them: said once. */
    private void warnOfUntrackedSchemas(Map<String, Integer> untracked) {
        if (untracked.isEmpty()) {
            return;
        }
        List<String> counted = new ArrayList<>();
        untracked.forEach((schema, tables) -> counted.add(schema + " (" + tables
                + (tables == 1 ? " table)" : " tables)")));
        log.warn("The migrations made tables in schemas that testkit.schemas ({}, {}) does not name: {}. The reset "
                + "neither empties nor restores them, so what a test writes there stays for the next; add the "
                + "schemas to testkit.schemas", String.join(",", config.schemas()),
                config.origin(TestkitSetting.SCHEMAS), String.join(", ", counted));
    }

    /** The JDBC URL of the template itself. */
    String jdbcUrl() {
        return server.jdbcUrl();
    }

    /**
     * Makes a fresh clone of the template for a slot, replacing any clone of that name.
     *
     * @return the clone's JDBC URL
     */
    String cloneFor(int slot) {
        String template = JdbcUrls.database(server.jdbcUrl());
        String clone = cloneName(template, slot);
        if (server.takePristineClone(clone)) {
            return JdbcUrls.withDatabase(server.jdbcUrl(), clone);
        }
        try (Connection admin = connect(JdbcUrls.withDatabase(server.jdbcUrl(), "postgres"));
             Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + clone + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + clone + " TEMPLATE " + template);
        } catch (SQLException e) {
            throw new IllegalStateException("could not clone database " + template + " into " + clone, e);
        }
        return JdbcUrls.withDatabase(server.jdbcUrl(), clone);
    }

    /** The name of a slot's clone of the template. */
    static String cloneName(String template, int slot) {
        return template + "_" + slot;
    }

    /** Drops clones, ending whatever is still connected to them. */
    void dropClones(List<String> databases) {
        if (databases.isEmpty()) {
            return;
        }
        try (Connection admin = connect(JdbcUrls.withDatabase(server.jdbcUrl(), "postgres"));
             Statement statement = admin.createStatement()) {
            for (String database : databases) {
                statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            }
        } catch (SQLException e) {
            log.warn("Could not drop the testkit's cloned databases: {}", e.toString());
        }
    }

    private Connection connect(String jdbcUrl) throws SQLException {
        return DriverManager.getConnection(jdbcUrl, server.username(), server.password());
    }

    static String resource(String name) {
        try (InputStream in = TemplateDatabase.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the testkit's resource " + name + " is missing from its jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
