package dev.cryptotracker.testkit.springboot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cryptotracker.testkit.DatabaseHelper;
import dev.cryptotracker.testkit.springboot.notes.NotesApplication;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestContextManager;

/** Migrations run once per JVM, by the testkit; Spring Boot's Flyway only checks that it agrees. */
@NotesTest
class SpringFlywayIT {

    @Autowired
    Flyway flyway;
    @Autowired
    FlywayMigrationStrategy strategy;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DatabaseHelper db;

    @Test
    void springBootsFlywayValidatesTheMigratedCloneInsteadOfMigratingAgain() {
        assertThat(strategy).isInstanceOf(ValidatingFlywayMigrationStrategy.class);
        assertThat(flyway.info().pending()).isEmpty();
        assertThat(jdbc.sql("SELECT version FROM flyway_schema_history WHERE version IS NOT NULL ORDER BY "
                + "installed_rank").query(String.class).list()).containsExactly("1", "2");
    }

    @Test
    void contextWhoseFlywayAsksForOtherMigrationsFailsNamingBothConfigurations() {
        TestContextManager extra = new TestContextManager(ExtraMigrations.class);

        assertThatThrownBy(() -> extra.getTestContext().getApplicationContext())
                .hasStackTraceContaining("Spring Boot's Flyway (locations [")
                .hasStackTraceContaining("classpath:db/extra")
                .hasStackTraceContaining("does not match the database that the testkit migrated "
                        + "(testkit.migrations=[classpath:db/migration]")
                .hasStackTraceContaining("not applied")
                .hasStackTraceContaining("give spring.flyway.locations and testkit.migrations the same locations");
        assertThat(db.tableExists("labels")).isFalse();
    }

    @SpringBootTest(classes = NotesApplication.class,
            properties = "spring.flyway.locations=classpath:db/migration,classpath:db/extra")
    @AutoConfigureTestkit
    static class ExtraMigrations {
    }
}
