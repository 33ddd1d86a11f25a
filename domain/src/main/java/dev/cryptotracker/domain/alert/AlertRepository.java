package dev.cryptotracker.domain.alert;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Port for alerts. Implementations map database failures to the domain's exceptions. */
public interface AlertRepository {

    /**
     * Inserts an active alert.
     *
     * @throws dev.cryptotracker.domain.UserNotFoundException when the user does not exist
     * @throws dev.cryptotracker.domain.UnknownSymbolException when no token has the symbol
     */
    Alert create(long userId, NewAlert alert, Instant createdAt);

    /**
     * Inserts several alerts in one transaction: all of them, or none when one fails.
     *
     * @return the alerts in the order given
     */
    List<Alert> createAll(long userId, List<NewAlert> alerts, Instant createdAt);

    Optional<Alert> findById(long alertId);

    /**
     * The user's alerts of every status, oldest first: ordered by id, so that alerts created in one batch keep the
     * order they were given in. Never in table order, which an UPDATE changes.
     */
    List<Alert> findByUserId(long userId);

    /**
     * Deletes the alert if {@code userId} owns it.
     *
     * @return whether a row was deleted; {@code false} for an unknown id or another user's alert
     */
    boolean deleteByIdAndUserId(long alertId, long userId);

    /**
     * Moves every active alert of the symbol that {@code price} meets to triggered, in one statement, so that
     * concurrent callers never trigger the same alert twice.
     *
     * @return the alerts this call triggered, ordered by id
     */
    List<Alert> triggerMatching(String symbol, BigDecimal price, Instant triggeredAt);
}
