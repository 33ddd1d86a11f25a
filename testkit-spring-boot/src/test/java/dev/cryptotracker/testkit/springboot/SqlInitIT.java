package dev.cryptotracker.testkit.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cryptotracker.testkit.DatabaseHelper;
import dev.cryptotracker.testkit.springboot.notes.NoteService;
import dev.cryptotracker.testkit.springboot.notes.NotesApplication;
import org.junit.jupiter.api.RepeatedTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the README says of Spring Boot's SQL initialisation ({@code spring.sql.init.mode=always}): it runs when the
 * context starts, before the first test's reset, so the table its schema.sql creates is dropped and the rows its
 * data.sql inserts are emptied — for the first test as for every other.
 */
@SpringBootTest(classes = NotesApplication.class, properties = {
        "spring.sql.init.mode=always",
        "spring.sql.init.schema-locations=classpath:sqlinit/schema.sql",
        "spring.sql.init.data-locations=classpath:sqlinit/data.sql"})
@AutoConfigureTestkit
class SqlInitIT {

    @Autowired
    NoteService notes;
    @Autowired
    DatabaseHelper db;
    @Autowired
    JdbcClient jdbc;

    @RepeatedTest(2)
    void whatTheContextWroteAtItsStartIsGoneForEveryTest() {
        assertThat(jdbc.sql("SELECT count(*) FROM sql_init_trace.runs").query(Long.class).single())
                .as("the scripts ran, once, when the context started").isEqualTo(1L);
        assertThat(db.tableExists("made_at_context_start")).isFalse();
        assertThat(notes.count()).isZero();
        assertThat(db.rowCount("colours")).as("the migrated reference rows").isEqualTo(3);
    }
}
