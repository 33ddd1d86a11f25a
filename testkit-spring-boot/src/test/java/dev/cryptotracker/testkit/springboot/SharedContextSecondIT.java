package dev.cryptotracker.testkit.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cryptotracker.testkit.DatabaseHelper;
import dev.cryptotracker.testkit.springboot.notes.NoteService;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * One of several classes with the same configuration: all of them run in one cached context, whichever runs first,
 * and each of their tests still starts clean.
 */
@NotesTest
class SharedContextSecondIT {

    @Autowired
    ApplicationContext context;
    @Autowired
    NoteService notes;
    @Autowired
    DatabaseHelper db;
    @Autowired
    StringRedisTemplate redis;

    @Test
    void runsInTheContextEveryClassOfItsConfigurationUses() {
        assertThat(SeenContexts.record(context)).isEqualTo(1);
    }

    @RepeatedTest(2)
    void startsCleanInTheSharedContext() {
        assertThat(db.rowCount("notes")).isZero();
        assertThat(redis.keys("*")).isEmpty();

        assertThat(notes.add("Second", "red")).isEqualTo(1);
    }
}
