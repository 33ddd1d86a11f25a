package dev.cryptotracker.examples.bookshop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cryptotracker.testkit.DatabaseHelper;
import dev.cryptotracker.testkit.Testkit;
import javax.sql.DataSource;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Genres are reference data (testkit.properties): the first test fills the tables that reference them, and the
 * second must still find the rows V1__genres.sql inserted. Without the reference-tables setting, the reset before
 * the first test would already have emptied them.
 */
@Testkit
@TestMethodOrder(OrderAnnotation.class)
class ReferenceDataIT {

    private static final String[] MIGRATED_GENRES = {"fiction", "history", "poetry", "science"};

    @Test
    @Order(1)
    void firstTestFillsTheTablesThatReferenceGenres(DataSource dataSource, DatabaseHelper db) {
        BookCatalog catalog = new BookCatalog(dataSource);
        long author = catalog.addAuthor("Mary Beard");
        catalog.addBook("978-1-84668-380-0", "SPQR", author, "history");
        catalog.addBook("978-0-19-953556-9", "The Origin of Species", author, "science");

        assertThat(catalog.genres()).containsExactly(MIGRATED_GENRES);
        assertThat(db.rowCount("books")).isEqualTo(2);
    }

    @Test
    @Order(2)
    void secondTestStillFindsTheMigratedGenresButNoBooks(DataSource dataSource, DatabaseHelper db) {
        BookCatalog catalog = new BookCatalog(dataSource);

        assertThat(catalog.genres()).containsExactly(MIGRATED_GENRES);
        assertThat(db.rowCount("books")).isZero();
        assertThat(db.rowCount("authors")).isZero();
        assertThat(catalog.addBook("978-1-84668-380-0", "SPQR", catalog.addAuthor("Mary Beard"), "history").id())
                .isEqualTo(1);
    }
}
