package dev.cryptotracker.domain.alert;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A list-backed repository for unit tests of the service's validation; the real one is proven in *IT. */
final class InMemoryAlertRepository implements AlertRepository {

    private final List<Alert> alerts = new ArrayList<>();
    private long nextId = 1;

    @Override
    public Alert create(long userId, NewAlert alert, Instant createdAt) {
        Alert created = new Alert(nextId++, userId, alert.symbol(), alert.type(), alert.threshold(),
                AlertStatus.ACTIVE, null, createdAt, createdAt);
        alerts.add(created);
        return created;
    }

    @Override
    public List<Alert> createAll(long userId, List<NewAlert> newAlerts, Instant createdAt) {
        List<Alert> created = new ArrayList<>();
        for (NewAlert alert : newAlerts) {
            created.add(create(userId, alert, createdAt));
        }
        return created;
    }

    @Override
    public Optional<Alert> findById(long alertId) {
        return alerts.stream().filter(a -> a.id() == alertId).findFirst();
    }

    @Override
    public List<Alert> findByUserId(long userId) {
        return alerts.stream().filter(a -> a.userId() == userId).toList();
    }

    @Override
    public boolean deleteByIdAndUserId(long alertId, long userId) {
        return alerts.removeIf(a -> a.id() == alertId && a.userId() == userId);
    }

    @Override
    public List<Alert> triggerMatching(String symbol, BigDecimal price, Instant triggeredAt) {
        List<Alert> triggered = new ArrayList<>();
        for (int i = 0; i < alerts.size(); i++) {
            Alert a = alerts.get(i);
            if (a.symbol().equals(symbol) && a.status() == AlertStatus.ACTIVE && a.type().isMetBy(price, a.threshold())) {
                Alert t = new Alert(a.id(), a.userId(), a.symbol(), a.type(), a.threshold(), AlertStatus.TRIGGERED,
                        triggeredAt, a.createdAt(), triggeredAt);
                alerts.set(i, t);
                triggered.add(t);
            }
        }
        return triggered;
    }

    int size() {
        return alerts.size();
    }
}
