package dev.cryptotracker.examples.bookshop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cryptotracker.testkit.DatabaseHelper;
import dev.cryptotracker.testkit.Testkit;
import javax.sql.DataSource;
import org.junit.jupiter.api.RepeatedTest;
import org.redisson.api.RedissonClient;

/** The README's example. The second repetition fails if the first one's rows or keys survived, or the genres did not. */
@Testkit
class QuickStartIT {

    @RepeatedTest(2)
    void startsEveryTestCleanButKeepsTheGenres(DataSource dataSource, DatabaseHelper db, RedissonClient redis) {
        assertThat(db.rowCount("books")).isZero();
        assertThat(db.rowCount("genres")).isEqualTo(4);
        assertThat(redis.getKeys().count()).isZero();

        BookCatalog catalog = new BookCatalog(dataSource);
        catalog.addBook("978-0-14-044913-6", "Crime and Punishment", catalog.addAuthor("Dostoevsky"), "fiction");
        redis.getBucket("last-added").set("978-0-14-044913-6");
    }
}
