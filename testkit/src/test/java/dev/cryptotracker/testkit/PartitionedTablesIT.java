package dev.cryptotracker.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.jooq.DSLContext;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Partitioned tables and tables of a second schema are reset like any other: rows written through the parent or
 * straight into a partition are gone in the next test, and the parent's identity starts again at 1.
 */
@Testkit(Service.POSTGRES)
@TestMethodOrder(OrderAnnotation.class)
class PartitionedTablesIT {

    @Test
    @Order(1)
    void writesThroughTheParentAndStraightIntoAPartition(DSLContext sql, DatabaseHelper db) {
        sql.execute("INSERT INTO audit.events (kind, happened) VALUES ('created', '2025-03-01'), "
                + "('deleted', '2026-03-01')");
        // Straight into a partition, with an id of its own: partitions share the parent's identity only from 17 on.
        sql.execute("INSERT INTO audit.events_2026 (id, kind, happened) OVERRIDING SYSTEM VALUE "
                + "VALUES (100, 'created', '2026-04-01')");

        assertThat(db.rowCount("audit.events")).isEqualTo(3);
        assertThat(db.rowCount("audit.events_2026")).isEqualTo(2);
    }

    @Test
    @Order(2)
    void nextTestFindsParentAndPartitionsEmptyAndIdsFromOne(DSLContext sql, DatabaseHelper db) {
        assertThat(db.rowCount("audit.events")).isZero();
        assertThat(db.rowCount("audit.events_2025")).isZero();
        assertThat(db.rowCount("audit.events_2026")).isZero();

        assertThat(sql.fetchValue("INSERT INTO audit.events (kind, happened) VALUES ('created', '2026-01-02') "
                + "RETURNING id")).isEqualTo(1L);
    }

    @Test
    @Order(3)
    void aWriteOnlyToAPartitionIsFoundToo(DSLContext sql, DatabaseHelper db) {
        assertThat(db.rowCount("audit.events")).isZero();
        sql.execute("INSERT INTO audit.events_2025 (id, kind, happened) OVERRIDING SYSTEM VALUE "
                + "VALUES (101, 'deleted', '2025-12-31')");
    }

    @Test
    @Order(4)
    void andIsGoneInTheNextTest(DatabaseHelper db) {
        assertThat(db.rowCount("audit.events_2025")).isZero();
    }
}
