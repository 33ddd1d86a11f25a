package dev.cryptotracker.domain.alert;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A price alert of one user on one token.
 *
 * @param id          database id, &gt; 0
 * @param userId      owner
 * @param symbol      watched token's symbol
 * @param type        which side of the threshold triggers
 * @param threshold   exact threshold, scale 8
 * @param status      active or triggered
 * @param triggeredAt when it was triggered; {@code null} while active
 * @param createdAt   creation time
 * @param updatedAt   last change, kept by the database
 */
public record Alert(
        long id,
        long userId,
        String symbol,
        AlertType type,
        BigDecimal threshold,
        AlertStatus status,
        Instant triggeredAt,
        Instant createdAt,
        Instant updatedAt) {
}
