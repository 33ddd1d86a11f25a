/** A small bookshop: a catalog in PostgreSQL and each customer's recently viewed books in Redis. */
package dev.cryptotracker.examples.bookshop;
