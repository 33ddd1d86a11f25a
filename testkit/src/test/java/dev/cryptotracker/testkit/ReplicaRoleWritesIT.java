package dev.cryptotracker.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A test that loads data with foreign keys and triggers off ({@code SET session_replication_role = replica}, the
 * usual way to seed tables in any order) still has what it wrote emptied, and reference tables it changed restored.
 * Where the testkit's user is no superuser (the external provider), PostgreSQL refuses the setting instead.
 */
@Testkit(Service.POSTGRES)
@TestMethodOrder(OrderAnnotation.class)
class ReplicaRoleWritesIT {

    @Test
    @Order(1)
    void aTestWritesWithTriggersAndForeignKeysOff(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            if (!superuser(statement)) {
                assertThatThrownBy(() -> statement.execute("SET session_replication_role = replica"))
                        .hasMessageContaining("session_replication_role");
                return;
            }
            statement.execute("SET session_replication_role = replica");
            try {
                // The pet's owner comes later: with foreign keys off, the order does not matter.
                statement.execute("INSERT INTO pets (owner_id, species, name) VALUES (1, 'cat', 'Tom')");
                statement.execute("INSERT INTO owners (name) VALUES ('Ann')");
                statement.execute("INSERT INTO species (code, label) VALUES ('owl', 'Owl')");
                statement.execute("DELETE FROM audit.event_kinds WHERE code = 'created'");
            } finally {
                statement.execute("RESET session_replication_role");
            }
        }
    }

    @Test
    @Order(2)
    void theNextFindsTheTablesEmptyAndTheReferenceRowsAsMigrated(DatabaseHelper db) {
        assertThat(db.rowCount("pets")).isZero();
        assertThat(db.rowCount("owners")).isZero();
        assertThat(db.rowCount("species")).isEqualTo(2);
        assertThat(db.rowCount("audit.event_kinds")).isEqualTo(2);
    }

    private static boolean superuser(Statement statement) throws SQLException {
        try (var result = statement.executeQuery("SELECT current_setting('is_superuser') = 'on'")) {
            result.next();
            return result.getBoolean(1);
        }
    }
}
