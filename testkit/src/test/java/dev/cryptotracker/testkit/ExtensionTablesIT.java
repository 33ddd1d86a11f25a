package dev.cryptotracker.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jooq.DSLContext;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A table that belongs to an extension (V5, as PostGIS's spatial_ref_sys) keeps the rows the extension brought,
 * like a reference table, without being configured as one: whatever a test does to it, the next test finds them.
 */
@Testkit(Service.POSTGRES)
@TestMethodOrder(OrderAnnotation.class)
class ExtensionTablesIT {

    @Test
    @Order(1)
    void aTestFindsTheExtensionsRowsAndChangesThem(DSLContext sql) {
        assertThat(names(sql)).containsExactly("one", "two");

        sql.execute("INSERT INTO extension_catalog VALUES (3, 'three')");
        sql.execute("UPDATE extension_catalog SET name = 'changed' WHERE id = 1");
        sql.execute("DELETE FROM extension_catalog WHERE id = 2");
        assertThat(names(sql)).containsExactly("changed", "three");
    }

    @Test
    @Order(2)
    void theNextFindsExactlyTheRowsTheExtensionBrought(DSLContext sql) {
        assertThat(names(sql)).containsExactly("one", "two");
    }

    private static List<String> names(DSLContext sql) {
        return sql.fetch("SELECT name FROM extension_catalog ORDER BY id").getValues(0, String.class);
    }
}
