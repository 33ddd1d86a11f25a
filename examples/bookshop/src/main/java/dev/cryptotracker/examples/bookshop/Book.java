package dev.cryptotracker.examples.bookshop;

/**
 * A book in the catalog.
 *
 * @param id       the catalog's id
 * @param isbn     the ISBN, unique in the catalog
 * @param title    the title
 * @param authorId the author's id
 * @param genre    the genre's code, one of the genres the migrations created
 */
public record Book(long id, String isbn, String title, long authorId, String genre) {
}
