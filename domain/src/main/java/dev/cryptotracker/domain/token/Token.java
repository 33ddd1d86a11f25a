package dev.cryptotracker.domain.token;

import java.time.Instant;

/**
 * A token alerts may watch.
 *
 * @param id        database id, &gt; 0
 * @param symbol    upper-case ticker symbol, unique ({@code BTC})
 * @param name      display name ({@code Bitcoin})
 * @param createdAt creation time
 */
public record Token(long id, String symbol, String name, Instant createdAt) {
}
