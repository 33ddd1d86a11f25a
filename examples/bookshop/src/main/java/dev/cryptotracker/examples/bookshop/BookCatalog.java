package dev.cryptotracker.examples.bookshop;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/** The shop's catalog of authors and books, in PostgreSQL. */
public final class BookCatalog {

    private static final String FOREIGN_KEY_VIOLATION = "23503";

    private final DataSource dataSource;

    /**
     * Creates a catalog over a data source.
     *
     * @param dataSource the database the migrations in {@code db/migration} were applied to
     */
    public BookCatalog(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * Adds an author.
     *
     * @param name the author's name
     * @return the new author's id
     */
    public long addAuthor(String name) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO authors (name) VALUES (?) RETURNING id")) {
            insert.setString(1, name);
            try (ResultSet rows = insert.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not add author " + name, e);
        }
    }

    /**
     * Adds a book.
     *
     * @param isbn     the ISBN, not yet in the catalog
     * @param title    the title
     * @param authorId an author's id
     * @param genre    a genre's code
     * @return the book as stored
     * @throws IllegalArgumentException when the genre or the author does not exist
     */
    public Book addBook(String isbn, String title, long authorId, String genre) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO books (isbn, title, author_id, genre) VALUES (?, ?, ?, ?) RETURNING id")) {
            insert.setString(1, isbn);
            insert.setString(2, title);
            insert.setLong(3, authorId);
            insert.setString(4, genre);
            try (ResultSet rows = insert.executeQuery()) {
                rows.next();
                return new Book(rows.getLong(1), isbn, title, authorId, genre);
            }
        } catch (SQLException e) {
            if (FOREIGN_KEY_VIOLATION.equals(e.getSQLState())) {
                throw new IllegalArgumentException("no genre '" + genre + "' or no author " + authorId
                        + " for book " + isbn, e);
            }
            throw new IllegalStateException("could not add book " + isbn, e);
        }
    }

    /**
     * Lists the books of one genre.
     *
     * @param genre a genre's code
     * @return the genre's books, by title
     */
    public List<Book> byGenre(String genre) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT id, isbn, title, author_id, genre FROM books WHERE genre = ? ORDER BY title")) {
            query.setString(1, genre);
            try (ResultSet rows = query.executeQuery()) {
                List<Book> books = new ArrayList<>();
                while (rows.next()) {
                    books.add(new Book(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getLong(4),
                            rows.getString(5)));
                }
                return books;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not list the books of genre " + genre, e);
        }
    }

    /**
     * Lists the genres the shop sells.
     *
     * @return the genres' codes, sorted
     */
    public List<String> genres() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("SELECT code FROM genres ORDER BY code");
             ResultSet rows = query.executeQuery()) {
            List<String> codes = new ArrayList<>();
            while (rows.next()) {
                codes.add(rows.getString(1));
            }
            return codes;
        } catch (SQLException e) {
            throw new IllegalStateException("could not list the genres", e);
        }
    }
}
