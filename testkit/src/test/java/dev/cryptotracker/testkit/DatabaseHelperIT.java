package dev.cryptotracker.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@Testkit(Service.POSTGRES)
class DatabaseHelperIT {

    private DatabaseHelper db;

    @BeforeEach
    void ownersWithPets(DSLContext sql, DatabaseHelper helper) {
        db = helper;
        sql.execute("INSERT INTO owners (name) VALUES ('Ann'), ('Bob')");
        sql.execute("INSERT INTO pets (owner_id, species, name) VALUES (1, 'cat', 'Tom'), (2, 'dog', 'Rex'),"
                + " (2, 'cat', 'Kit')");
    }

    @Test
    void countsRows() {
        assertThat(db.rowCount("owners")).isEqualTo(2);
        assertThat(db.rowCount("pets")).isEqualTo(3);
        assertThat(db.rowCount("public.pets")).as("schema-qualified").isEqualTo(3);
    }

    @Test
    void truncateCascadesToReferencingTablesAndRestartsIds(DSLContext sql) {
        db.truncate("owners");

        assertThat(db.rowCount("owners")).isZero();
        assertThat(db.rowCount("pets")).as("rows referencing the truncated table").isZero();
        assertThat(db.rowCount("species")).as("tables the truncated one references").isEqualTo(2);
        assertThat(sql.fetchValue("INSERT INTO owners (name) VALUES ('Cy') RETURNING id", Long.class)).isEqualTo(1L);
    }

    @Test
    void tellsWhetherATableExists() {
        assertThat(db.tableExists("owners")).isTrue();
        assertThat(db.tableExists("public.owners")).isTrue();
        assertThat(db.tableExists("nope")).isFalse();
        assertThat(db.tableExists("other_schema.owners")).isFalse();
        assertThat(db.tableExists("owners; DROP TABLE pets")).isFalse();
        assertThat(db.tableExists("")).isFalse();
        assertThat(db.tableExists(null)).isFalse();
    }

    @Test
    void rejectsAnInjectedTableNameAndTouchesNothing() {
        assertThatThrownBy(() -> db.rowCount("pets; DROP TABLE owners"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown table 'pets; DROP TABLE owners'");
        assertThatThrownBy(() -> db.truncate("owners", "pets\"; DROP TABLE species; --"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown table");

        assertThat(db.rowCount("owners")).as("nothing truncated when one name is bad").isEqualTo(2);
        assertThat(db.rowCount("pets")).isEqualTo(3);
        assertThat(db.tableExists("species")).isTrue();
        assertThat(db.rowCount("species")).isEqualTo(2);
    }

    @Test
    void rejectsEmptyTruncate() {
        assertThatThrownBy(() -> db.truncate()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one table");
    }
}
