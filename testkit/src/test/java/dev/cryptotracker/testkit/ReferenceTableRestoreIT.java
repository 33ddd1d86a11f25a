package dev.cryptotracker.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jooq.DSLContext;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Whatever a test does to a reference table — insert, update, delete, truncate, in a partition or through its
 * parent, in another schema — the next test sees exactly the migrated rows again, and the table's identity
 * continues from where the migrations left it. On the external provider (not a superuser) the reset truncates with
 * CASCADE, which also reaches reference tables through foreign keys; they are restored too.
 */
@Testkit(Service.POSTGRES)
@TestMethodOrder(OrderAnnotation.class)
class ReferenceTableRestoreIT {

    private static final List<String> SPECIES = List.of("cat:Cat", "dog:Dog");
    private static final List<String> KINDS = List.of("created:Created", "deleted:Deleted");
    private static final List<String> TIERS = List.of("eu:1:9.99", "eu:2:19.99", "us:1:10.99");

    @Test
    @Order(1)
    void insertsUpdatesAndDeletesReferenceRows(DSLContext sql) {
        sql.execute("INSERT INTO species (code, label) VALUES ('hamster', 'Hamster')");
        sql.execute("UPDATE species SET label = 'Kitty' WHERE code = 'cat'");
        sql.execute("DELETE FROM species WHERE code = 'dog'");
        sql.execute("INSERT INTO migration_runs DEFAULT VALUES");
        sql.execute("INSERT INTO audit.event_kinds VALUES ('renamed', 'Renamed')");
        sql.execute("UPDATE audit.price_tiers SET price = 0 WHERE region = 'eu'");
        sql.execute("INSERT INTO audit.price_tiers_us VALUES ('us', 2, 20.99)");

        assertThat(species(sql)).containsExactly("cat:Kitty", "hamster:Hamster");
        assertThat(sql.fetchValue("SELECT count(*) FROM migration_runs")).isEqualTo(2L);
    }

    @Test
    @Order(2)
    void nextTestSeesExactlyTheMigratedRowsAndIdentitiesContinueFromTheMigrations(DSLContext sql) {
        assertThat(species(sql)).containsExactlyElementsOf(SPECIES);
        assertThat(kinds(sql)).containsExactlyElementsOf(KINDS);
        assertThat(tiers(sql)).containsExactlyElementsOf(TIERS);
        assertThat(sql.fetchValue("SELECT count(*) FROM migration_runs")).isEqualTo(1L);
        assertThat(sql.fetchValue("INSERT INTO migration_runs DEFAULT VALUES RETURNING id"))
                .as("the identity continues from the migrations, not from the last test").isEqualTo(2);
    }

    @Test
    @Order(3)
    void truncatesReferenceTablesAndWhatReferencesThem(DSLContext sql) {
        sql.execute("INSERT INTO owners (name) VALUES ('Ann')");
        sql.execute("INSERT INTO pets (owner_id, species, name) VALUES (1, 'cat', 'Tom')");
        sql.execute("TRUNCATE species, audit.event_kinds CASCADE");
        sql.execute("TRUNCATE audit.price_tiers_eu");

        assertThat(species(sql)).isEmpty();
        assertThat(sql.fetchValue("SELECT count(*) FROM pets")).isEqualTo(0L);
    }

    @Test
    @Order(4)
    void nextTestSeesThemRestored(DSLContext sql, DatabaseHelper db) {
        assertThat(species(sql)).containsExactlyElementsOf(SPECIES);
        assertThat(kinds(sql)).containsExactlyElementsOf(KINDS);
        assertThat(tiers(sql)).containsExactlyElementsOf(TIERS);
        assertThat(db.rowCount("pets")).isZero();
        assertThat(db.rowCount("owners")).isZero();
        sql.execute("INSERT INTO audit.events (kind, happened) VALUES ('created', '2026-05-01')");
    }

    @Test
    @Order(5)
    void referenceRowsThatTestDataPointedAtAreStillThere(DSLContext sql, DatabaseHelper db) {
        assertThat(db.rowCount("audit.events")).isZero();
        assertThat(kinds(sql)).containsExactlyElementsOf(KINDS);
    }

    private static List<String> species(DSLContext sql) {
        return sql.fetch("SELECT code || ':' || label FROM species ORDER BY code").getValues(0, String.class);
    }

    private static List<String> kinds(DSLContext sql) {
        return sql.fetch("SELECT code || ':' || label FROM audit.event_kinds ORDER BY code").getValues(0, String.class);
    }

    private static List<String> tiers(DSLContext sql) {
        return sql.fetch("SELECT region || ':' || tier || ':' || price FROM audit.price_tiers ORDER BY region, tier")
                .getValues(0, String.class);
    }
}
