package dev.cryptotracker.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.util.List;
import org.jooq.DSLContext;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * {@link SqlFixture}: the data a test starts from, applied after the reset, class scripts first; gone in the next
 * test; a script that fails names itself, the line and PostgreSQL's error, and leaves nothing behind.
 */
@Testkit(Service.POSTGRES)
@SqlFixture("fixtures/owners.sql")
@TestMethodOrder(OrderAnnotation.class)
class SqlFixtureIT {

    @Test
    @Order(1)
    @SqlFixture("fixtures/pets.sql")
    void startsFromTheClassAndTheMethodFixtures(DatabaseHelper db, DSLContext sql) {
        assertThat(db.rowCount("owners")).isEqualTo(2);
        assertThat(sql.fetch("SELECT name FROM pets ORDER BY id").getValues(0, String.class))
                .containsExactly("Tom; the first", "Rex");
        assertThat(db.rowCount("notes")).isEqualTo(1);
        sql.execute("INSERT INTO owners (name) VALUES ('Cy')");
    }

    @Test
    @Order(2)
    void nextTestStartsFromTheClassFixtureAloneWithIdsFromOne(DatabaseHelper db, DSLContext sql) {
        assertThat(sql.fetch("SELECT id || ':' || name FROM owners ORDER BY id").getValues(0, String.class))
                .containsExactly("1:Ann", "2:Bob");
        assertThat(db.rowCount("pets")).isZero();
        assertThat(db.rowCount("notes")).isZero();
    }

    @Test
    @Order(3)
    void aScriptWithASyntaxErrorNamesItsLineAndColumnAndKeepsNothing(DatabaseHelper db) {
        assertThat(failureOf("syntaxError"))
                .isInstanceOf(SqlFixtureException.class)
                .hasMessageStartingWith("fixture script fixtures/broken-syntax.sql, line 3, column 61: ERROR: syntax "
                        + "error at or near \"'Tom'\"");
        assertThat(db.rowCount("owners")).as("only the class fixture's owners").isEqualTo(2);
    }

    @Test
    @Order(4)
    void aScriptThatBreaksAConstraintNamesTheStatementsLineAndKeepsNothing(DatabaseHelper db) {
        assertThat(failureOf("brokenReference"))
                .isInstanceOf(SqlFixtureException.class)
                .hasMessageStartingWith("fixture script fixtures/broken-reference.sql, line 3 (INSERT INTO pets "
                        + "(owner_id, species, name) VALUES (99, 'cat', 'Nobody''s')): ERROR: insert or update on "
                        + "table \"pets\" violates foreign key constraint");
        assertThat(db.rowCount("owners")).isEqualTo(2);
    }

    @Test
    @Order(5)
    void aScriptThatIsNotThereIsNamed() {
        assertThat(failureOf("missing")).isInstanceOf(SqlFixtureException.class)
                .hasMessage("fixture script fixtures/nope.sql is not on the classpath (put it under "
                        + "src/test/resources/fixtures/nope.sql)");
    }

    @Test
    @Order(6)
    void withoutJunitALeaseAppliesFixturesToo() {
        TestkitServers servers = TestkitServers.shared(TestkitConfig.fromEnvironment());
        try (TestkitLease lease = servers.lease(Service.POSTGRES)) {
            lease.applyFixtures("classpath:fixtures/owners.sql", "/fixtures/pets.sql");

            assertThat(lease.databaseHelper().rowCount("pets")).isEqualTo(2);
            assertThatThrownBy(() -> lease.applyFixtures("fixtures/broken-syntax.sql"))
                    .isInstanceOf(SqlFixtureException.class).hasMessageContaining("line 3, column 61");
            assertThat(lease.databaseHelper().rowCount("owners")).as("the failed script left nothing")
                    .isEqualTo(2);
        } finally {
            servers.close();
        }
    }

    private static Throwable failureOf(String method) {
        List<Throwable> failures = EngineTestKit.engine("junit-jupiter")
                .selectors(selectMethod(BrokenFixtures.class, method)).execute().testEvents().failed().stream()
                .map(event -> event.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow())
                .toList();
        assertThat(failures).as("failures of %s", method).hasSize(1);
        return failures.get(0);
    }

    /** Run only through {@link EngineTestKit} above; Failsafe does not pick nested classes up. */
    @Testkit(Service.POSTGRES)
    static class BrokenFixtures {

        @Test
        @SqlFixture("fixtures/broken-syntax.sql")
        void syntaxError() {
        }

        @Test
        @SqlFixture("fixtures/broken-reference.sql")
        void brokenReference() {
        }

        @Test
        @SqlFixture("fixtures/nope.sql")
        void missing() {
        }
    }
}
