package dev.cryptotracker.testkit.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cryptotracker.testkit.DatabaseHelper;
import dev.cryptotracker.testkit.springboot.notes.NoteService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Every repetition finds only what its own {@code @BeforeEach} wrote: the reset runs before it, and removes what
 * the repetition before wrote, through the application's own pool and Redis client.
 */
@NotesTest
class SpringResetIT {

    @Autowired
    NoteService notes;
    @Autowired
    DatabaseHelper db;
    @Autowired
    StringRedisTemplate redis;

    long firstId;

    @BeforeEach
    void addOneNote() {
        firstId = notes.add("from @BeforeEach", "blue");
    }

    @RepeatedTest(3)
    void everyTestStartsWithOnlyWhatItsBeforeEachWroteAndTheReferenceRows() {
        assertThat(firstId).isEqualTo(1);
        assertThat(notes.count()).isEqualTo(1);
        assertThat(db.rowCount("colours")).isEqualTo(3);
        assertThat(redis.keys("*")).containsExactly("last-note:blue");

        notes.add("left behind", "red");
        notes.add("left behind too", "green");
        redis.opsForValue().set("stray", "value");
    }
}
