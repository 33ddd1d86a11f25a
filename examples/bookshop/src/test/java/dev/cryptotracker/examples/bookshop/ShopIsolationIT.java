package dev.cryptotracker.examples.bookshop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cryptotracker.testkit.ConnectionDetails;
import dev.cryptotracker.testkit.DatabaseHelper;
import dev.cryptotracker.testkit.Testkit;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.redisson.api.RedissonClient;

/** The first test writes to PostgreSQL (through the pool and its own connection) and Redis; the second finds none of it. */
@Testkit
@TestMethodOrder(OrderAnnotation.class)
class ShopIsolationIT {

    @Test
    @Order(1)
    void firstTestWritesBooksAndRecentlyViewed(DataSource dataSource, ConnectionDetails details, RedissonClient redis)
            throws Exception {
        BookCatalog catalog = new BookCatalog(dataSource);
        Book hobbit = catalog.addBook("978-0-261-10295-6", "The Hobbit", catalog.addAuthor("J. R. R. Tolkien"),
                "fiction");
        try (Connection own = DriverManager.getConnection(details.jdbcUrl(), details.username(), details.password());
             Statement statement = own.createStatement()) {
            statement.execute("INSERT INTO authors (name) VALUES ('written outside the pool')");
        }
        new RecentlyViewed(redis, Duration.ofDays(1)).viewed("ann", hobbit.isbn());

        assertThat(catalog.byGenre("fiction")).containsExactly(hobbit);
        assertThat(redis.getKeys().count()).isEqualTo(1);
    }

    @Test
    @Order(2)
    void secondTestFindsNoneOfItAndIdsFromOne(DataSource dataSource, DatabaseHelper db, RedissonClient redis) {
        assertThat(db.rowCount("books")).isZero();
        assertThat(db.rowCount("authors")).isZero();
        assertThat(redis.getKeys().count()).isZero();
        assertThat(new RecentlyViewed(redis, Duration.ofDays(1)).of("ann")).isEmpty();

        assertThat(new BookCatalog(dataSource).addAuthor("Ursula K. Le Guin")).isEqualTo(1);
    }
}
