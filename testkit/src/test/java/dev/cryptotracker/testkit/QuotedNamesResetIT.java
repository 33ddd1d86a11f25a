package dev.cryptotracker.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tables whose names need quoting — upper case, a space — in a schema that is not on the search path: the reset
 * names them as PostgreSQL needs, whatever the session's search path, and empties them and restarts their identity
 * like any other table.
 */
class QuotedNamesResetIT {

    @TempDir
    static Path migrations;

    private static TestkitServers servers;

    @BeforeAll
    static void migrate() throws Exception {
        Files.writeString(migrations.resolve("V1__quoted_names.sql"), """
                CREATE TABLE ledger."Entry Lines" (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, note text);
                CREATE TABLE ledger."Accounts" (id bigserial PRIMARY KEY, "Line" bigint
                    REFERENCES ledger."Entry Lines" (id));
                """, StandardCharsets.UTF_8);
        TestkitConfig config = TestkitConfig.fromEnvironment()
                .withMigrations("filesystem:" + migrations)
                .withSchemas("ledger")
                .withReferenceTables()
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
    void tablesWhoseNamesNeedQuotingAreEmptiedAndTheirIdentitiesRestarted() throws SQLException {
        try (TestkitLease lease = servers.lease(Service.POSTGRES);
             Connection connection = lease.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO ledger.\"Entry Lines\" (note) VALUES ('a'), ('b')");
            statement.execute("INSERT INTO ledger.\"Accounts\" (\"Line\") VALUES (2)");
        }
        try (TestkitLease lease = servers.lease(Service.POSTGRES);
             Connection connection = lease.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            assertThat(number(statement, "SELECT count(*) FROM ledger.\"Entry Lines\"")).isZero();
            assertThat(number(statement, "SELECT count(*) FROM ledger.\"Accounts\"")).isZero();
            assertThat(number(statement, "INSERT INTO ledger.\"Entry Lines\" (note) VALUES ('c') RETURNING id"))
                    .as("the identity, restarted").isEqualTo(1);
            assertThat(number(statement, "INSERT INTO ledger.\"Accounts\" (\"Line\") VALUES (1) RETURNING id"))
                    .as("the serial, restarted").isEqualTo(1);
        }
    }

    private static long number(Statement statement, String sql) throws SQLException {
        try (ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }
}
