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
        assertFirstValues(sql, "INSERT INTO invoices (total) VALUES (9.5) RETURNING number");
        assertThat(value(sql, "SELECT nextval('audit.order_ids')")).isEqualTo(51L);
    }

    @Test
    @Order(2)
    void theNextFindsThemWhereTheMigrationsLeftThemAndCallsThemWithoutWritingATable(DSLContext sql) {
        assertThat(value(sql, "SELECT count(*) FROM invoices")).isZero();
        assertFirstValues(sql, "SELECT nextval('invoice_numbers')");
    }

    @Test
    @Order(3)
    void soDoesTheOneAfterATestThatWroteNoTable(DSLContext sql) {
        assertFirstValues(sql, "INSERT INTO invoices (total) VALUES (1) RETURNING number");
    }

    /** The first value of each sequence, as the migrations left them; the invoice number drawn by the query given. */
    private static void assertFirstValues(DSLContext sql, String firstInvoiceNumber) {
        assertThat(value(sql, firstInvoiceNumber)).as("the column default's sequence").isEqualTo(1000L);
        assertThat(value(sql, "SELECT nextval('audit.order_ids')")).as("the one called by hand").isEqualTo(1L);
        assertThat(value(sql, "SELECT nextval('ticket_numbers')")).as("the one the migration moved on")
                .isEqualTo(42L);
    }

    private static long value(DSLContext sql, String query) {
        return ((Number) sql.fetchValue(query)).longValue();
    }
}
