package dev.cryptotracker.persistence;

import static dev.cryptotracker.persistence.jooq.Tables.ALERTS;

import dev.cryptotracker.domain.UnknownSymbolException;
import dev.cryptotracker.domain.UserNotFoundException;
import dev.cryptotracker.domain.alert.Alert;
import dev.cryptotracker.domain.alert.AlertRepository;
import dev.cryptotracker.domain.alert.AlertStatus;
import dev.cryptotracker.domain.alert.AlertType;
import dev.cryptotracker.domain.alert.NewAlert;
import dev.cryptotracker.persistence.jooq.tables.records.AlertsRecord;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/**
 * Alerts in PostgreSQL. Evaluation is one {@code UPDATE ... WHERE status = 'active' ... RETURNING}: under READ
 * COMMITTED a concurrent update of the same row waits for the first, re-checks the condition on the new row version
 * and skips it, so an alert is triggered, and returned, exactly once.
 */
public final class JooqAlertRepository implements AlertRepository {

    static final String USER_FOREIGN_KEY = "alerts_user_id_fkey";
    static final String SYMBOL_FOREIGN_KEY = "alerts_symbol_fkey";

    private final DSLContext sql;

    public JooqAlertRepository(DSLContext sql) {
        this.sql = Objects.requireNonNull(sql, "sql");
    }

    @Override
    public Alert create(long userId, NewAlert alert, Instant createdAt) {
        try {
            return insert(sql, userId, alert, createdAt);
        } catch (DataAccessException e) {
            throw PersistenceErrors.translate("create an alert", e, constraintErrors(userId, alert, e));
        }
    }

    @Override
    public List<Alert> createAll(long userId, List<NewAlert> alerts, Instant createdAt) {
        try {
            return sql.transactionResult(transaction -> {
                DSLContext tx = transaction.dsl();
                List<Alert> created = new ArrayList<>(alerts.size());
                for (NewAlert alert : alerts) {
                    try {
                        created.add(insert(tx, userId, alert, createdAt));
                    } catch (DataAccessException e) {
                        // Translated here, where the failing alert is known; the transaction rolls back either way.
                        throw PersistenceErrors.translate("create an alert", e, constraintErrors(userId, alert, e));
                    }
                }
                return created;
            });
        } catch (DataAccessException e) {
            throw PersistenceErrors.translate("create alerts", e, constraint -> null);
        }
    }

    @Override
    public Optional<Alert> findById(long alertId) {
        try {
            return sql.selectFrom(ALERTS)
                    .where(ALERTS.ID.eq(alertId))
                    .fetchOptional()
                    .map(JooqAlertRepository::toAlert);
        } catch (DataAccessException e) {
            throw PersistenceErrors.translate("find an alert", e, constraint -> null);
        }
    }

    @Override
    public List<Alert> findByUserId(long userId) {
        try {
            return sql.selectFrom(ALERTS)
                    .where(ALERTS.USER_ID.eq(userId))
                    .orderBy(ALERTS.ID)
                    .fetch(JooqAlertRepository::toAlert);
        } catch (DataAccessException e) {
            throw PersistenceErrors.translate("list a user's alerts", e, constraint -> null);
        }
    }

    @Override
    public boolean deleteByIdAndUserId(long alertId, long userId) {
        try {
            return sql.deleteFrom(ALERTS)
                    .where(ALERTS.ID.eq(alertId))
                    .and(ALERTS.USER_ID.eq(userId))
                    .execute() == 1;
        } catch (DataAccessException e) {
            throw PersistenceErrors.translate("delete an alert", e, constraint -> null);
        }
    }

    @Override
    public List<Alert> triggerMatching(String symbol, BigDecimal price, Instant triggeredAt) {
        try {
            List<Alert> triggered = sql.update(ALERTS)
                    .set(ALERTS.STATUS, AlertStatus.TRIGGERED.code())
                    .set(ALERTS.TRIGGERED_AT, triggeredAt)
                    .where(ALERTS.SYMBOL.eq(symbol))
                    .and(ALERTS.STATUS.eq(AlertStatus.ACTIVE.code()))
                    .and(ALERTS.TYPE.eq(AlertType.ABOVE.code()).and(ALERTS.THRESHOLD.le(price))
                            .or(ALERTS.TYPE.eq(AlertType.BELOW.code()).and(ALERTS.THRESHOLD.ge(price))))
                    .returning()
                    .fetch(JooqAlertRepository::toAlert);
            List<Alert> byId = new ArrayList<>(triggered);
            byId.sort(Comparator.comparingLong(Alert::id));
            return byId;
        } catch (DataAccessException e) {
            throw PersistenceErrors.translate("evaluate alerts", e, constraint -> null);
        }
    }

    private static Alert insert(DSLContext sql, long userId, NewAlert alert, Instant createdAt) {
        return toAlert(sql.insertInto(ALERTS)
                .set(ALERTS.USER_ID, userId)
                .set(ALERTS.SYMBOL, alert.symbol())
                .set(ALERTS.TYPE, alert.type().code())
                .set(ALERTS.THRESHOLD, alert.threshold())
                .set(ALERTS.STATUS, AlertStatus.ACTIVE.code())
                .set(ALERTS.CREATED_AT, createdAt)
                .returning()
                .fetchSingle());
    }

    private static Function<String, RuntimeException> constraintErrors(long userId, NewAlert alert,
                                                                        DataAccessException e) {
        return constraint -> switch (constraint) {
            case USER_FOREIGN_KEY -> new UserNotFoundException(userId, e);
            case SYMBOL_FOREIGN_KEY -> new UnknownSymbolException(alert.symbol(), e);
            default -> null;
        };
    }

    private static Alert toAlert(AlertsRecord row) {
        return new Alert(row.getId(), row.getUserId(), row.getSymbol(), AlertType.fromCode(row.getType()),
                row.getThreshold(), AlertStatus.fromCode(row.getStatus()), row.getTriggeredAt(), row.getCreatedAt(),
                row.getUpdatedAt());
    }
}
