package dev.cryptotracker.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.jooq.DSLContext;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Sequences that belong to no table (V4): one a column default draws from, one called by hand as JPA's sequence
 * generators do, one the migration moved on. Each test finds them where the migrations left them, whether the test
 * before wrote a table or only called the sequences.
 */
@Testkit(Service.POSTGRES)
@TestMethodOrder(OrderAnnotation.class)
class UnownedSequencesIT {

    @Test
    @Order(1)
    void aTestWritesATableAndCallsEverySequence(DSLContext sql) {
        assertThat(value(sql, "INSERT INTO invoices (total) VALUES (9.5) RETURNING number"))
                .isEqualTo(1000L);
        assertThat(value(sql, "SELECT nextval('audit.order_ids')")).isEqualTo(1L);
        assertThat(value(sql, "SELECT nextval('audit.order_ids')")).isEqualTo(51L);
        assertThat(value(sql, "SELECT nextval('ticket_numbers')")).isEqualTo(42L);
    }

    @Test
    @Order(2)
    void theNextFindsThemWhereTheMigrationsLeftThemAndCallsThemWithoutWritingATable(DSLContext sql) {
        assertThat(value(sql, "SELECT count(*) FROM invoices")).isZero();
        assertThat(value(sql, "SELECT nextval('invoice_numbers')")).isEqualTo(1000L);
        assertThat(value(sql, "SELECT nextval('audit.order_ids')")).isEqualTo(1L);
        assertThat(value(sql, "SELECT nextval('ticket_numbers')")).isEqualTo(42L);
    }

    @Test
    @Order(3)
    void soDoesTheOneAfterATestThatWroteNoTable(DSLContext sql) {
        assertThat(value(sql, "INSERT INTO invoices (total) VALUES (1) RETURNING number"))
                .isEqualTo(1000L);
        assertThat(value(sql, "SELECT nextval('audit.order_ids')")).isEqualTo(1L);
        assertThat(value(sql, "SELECT nextval('ticket_numbers')")).isEqualTo(42L);
    }

    private static long value(DSLContext sql, String query) {
        return ((Number) sql.fetchValue(query)).longValue();
    }
}
