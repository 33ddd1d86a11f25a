package dev.cryptotracker.examples.bookshop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cryptotracker.testkit.DatabaseHelper;
import dev.cryptotracker.testkit.Service;
import dev.cryptotracker.testkit.Testkit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** The catalog on PostgreSQL only: this class asks for no Redis. */
@Testkit(Service.POSTGRES)
class BookCatalogIT {

    private BookCatalog catalog;
    private long tolkien;

    @BeforeEach
    void catalogWithOneAuthor(DataSource dataSource) {
        catalog = new BookCatalog(dataSource);
        tolkien = catalog.addAuthor("J. R. R. Tolkien");
    }

    @Test
    void addsABookUnderAGenreTheMigrationsCreated(DatabaseHelper db) {
        Book hobbit = catalog.addBook("978-0-261-10295-6", "The Hobbit", tolkien, "fiction");

        assertThat(hobbit.genre()).isEqualTo("fiction");
        assertThat(catalog.byGenre("fiction")).containsExactly(hobbit);
        assertThat(db.rowCount("books")).isEqualTo(1);
    }

    @Test
    void listsTheBooksOfOneGenreByTitle() {
        Book rings = catalog.addBook("978-0-261-10320-5", "The Lord of the Rings", tolkien, "fiction");
        Book hobbit = catalog.addBook("978-0-261-10295-6", "The Hobbit", tolkien, "fiction");
        catalog.addBook("978-0-00-754467-7", "Poems", tolkien, "poetry");

        assertThat(catalog.byGenre("fiction")).containsExactly(hobbit, rings);
    }

    @Test
    void rejectsABookInAGenreTheShopDoesNotSell(DatabaseHelper db) {
        assertThatThrownBy(() -> catalog.addBook("978-0-261-10295-6", "The Hobbit", tolkien, "cookery"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no genre 'cookery'");
        assertThat(db.rowCount("books")).isZero();
    }

    /** Same ISBN (unique) and same ids every time: only passes when each repetition starts from empty tables. */
    @RepeatedTest(3)
    void everyRepetitionFindsNoBooksAndIdsStartingFromOne(DatabaseHelper db) {
        assertThat(db.rowCount("books")).isZero();
        assertThat(db.rowCount("authors")).as("the author added before this test").isEqualTo(1);
        assertThat(tolkien).as("author id restarted").isEqualTo(1);

        Book hobbit = catalog.addBook("978-0-261-10295-6", "The Hobbit", tolkien, "fiction");

        assertThat(hobbit.id()).as("book id restarted").isEqualTo(1);
    }
}
