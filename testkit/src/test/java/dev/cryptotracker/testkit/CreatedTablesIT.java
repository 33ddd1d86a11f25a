package dev.cryptotracker.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jooq.DSLContext;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Tables a test creates in the tracked schemas — plain, in another schema, or a new partition of a migrated table —
 * are dropped at the next reset, with their rows: every test starts with the migrated tables and no others.
 */
@Testkit(Service.POSTGRES)
@TestMethodOrder(OrderAnnotation.class)
class CreatedTablesIT {

    @Test
    @Order(1)
    void createsTablesAndFillsThem(DSLContext sql, DatabaseHelper db) {
        sql.execute("CREATE TABLE scratch (id serial PRIMARY KEY, body text)");
        sql.execute("INSERT INTO scratch (body) VALUES ('left behind')");
        sql.execute("CREATE TABLE audit.scratch AS SELECT 1 AS id");
        sql.execute("CREATE TABLE audit.events_2099 PARTITION OF audit.events "
                + "FOR VALUES FROM ('2099-01-01') TO ('2100-01-01')");
        sql.execute("INSERT INTO audit.events (kind, happened) VALUES ('created', '2099-06-01')");

        assertThat(db.tableExists("scratch")).isTrue();
        assertThat(db.rowCount("audit.events")).isEqualTo(1);
    }

    @Test
    @Order(2)
    void nextTestFindsOnlyTheMigratedTables(DSLContext sql, DatabaseHelper db) {
        assertThat(db.tableExists("scratch")).isFalse();
        assertThat(db.tableExists("audit.scratch")).isFalse();
        assertThat(partitions(sql)).containsExactly("events_2025", "events_2026");
        assertThat(db.rowCount("audit.events")).isZero();

        sql.execute("CREATE TABLE scratch (id serial PRIMARY KEY, body text)");
        assertThat(sql.fetchValue("INSERT INTO scratch (body) VALUES ('again') RETURNING id"))
                .as("created anew, not left over").isEqualTo(1);
    }

    @Test
    @Order(3)
    void andSoDoesTheOneAfterIt(DatabaseHelper db) {
        assertThat(db.tableExists("scratch")).isFalse();
        assertThat(db.tableExists("owners")).as("a migrated table").isTrue();
    }

    private static List<String> partitions(DSLContext sql) {
        return sql.fetch("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
                + "WHERE i.inhparent = 'audit.events'::regclass ORDER BY 1").getValues(0, String.class);
    }
}
