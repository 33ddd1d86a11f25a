package dev.cryptotracker.it.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cryptotracker.domain.AlertNotFoundException;
import dev.cryptotracker.domain.UnknownSymbolException;
import dev.cryptotracker.domain.UserNotFoundException;
import dev.cryptotracker.domain.alert.Alert;
import dev.cryptotracker.domain.alert.AlertService;
import dev.cryptotracker.domain.alert.AlertStatus;
import dev.cryptotracker.domain.alert.AlertType;
import dev.cryptotracker.domain.alert.NewAlert;
import dev.cryptotracker.domain.token.TokenService;
import dev.cryptotracker.domain.user.User;
import dev.cryptotracker.domain.user.UserService;
import dev.cryptotracker.persistence.JooqAlertRepository;
import dev.cryptotracker.persistence.JooqTokenRepository;
import dev.cryptotracker.persistence.JooqUserRepository;
import dev.cryptotracker.testkit.DatabaseHelper;
import dev.cryptotracker.testkit.Service;
import dev.cryptotracker.testkit.Testkit;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Alert creation, lookup, listing and owner-scoped deletion on the real schema. */
@Testkit(Service.POSTGRES)
class AlertRepositoryIT {

    private static final Instant NOW = Instant.parse("2024-02-29T12:34:56.123456Z");

    private final DSLContext sql;
    private final DatabaseHelper db;
    private final JooqAlertRepository repository;
    private final TokenService tokens;
    private final AlertService alerts;
    private User alice;
    private User bob;

    AlertRepositoryIT(DSLContext sql, DatabaseHelper db) {
        this.sql = sql;
        this.db = db;
        this.repository = new JooqAlertRepository(sql);
        JooqTokenRepository tokenRepository = new JooqTokenRepository(sql);
        this.tokens = new TokenService(tokenRepository);
        this.alerts = new AlertService(repository, tokenRepository, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @BeforeEach
    void createUsersAndTokens() {
        tokens.add("BTC", "Bitcoin");
        tokens.add("ETH", "Ether");
        UserService users = new UserService(new JooqUserRepository(sql));
        alice = users.create("alice@example.com", "Alice", "$2a$12$hash-of-alice");
        bob = users.create("bob@example.com", "Bob", "$2a$12$hash-of-bob");
    }

    @Test
    void createReturnsAPositiveIdAnActiveStatusAndTheCreationTime() {
        Alert alert = alerts.create(alice.id(), "BTC", AlertType.ABOVE, new BigDecimal("65000.5"));

        assertThat(alert.id()).isPositive();
        assertThat(alert.userId()).isEqualTo(alice.id());
        assertThat(alert.symbol()).isEqualTo("BTC");
        assertThat(alert.type()).isEqualTo(AlertType.ABOVE);
        assertThat(alert.threshold()).isEqualTo(new BigDecimal("65000.50000000"));
        assertThat(alert.status()).isEqualTo(AlertStatus.ACTIVE);
        assertThat(alert.triggeredAt()).isNull();
        assertThat(alert.createdAt()).isEqualTo(NOW);
        assertThat(alert.updatedAt()).isNotNull();
        assertThat(alerts.findById(alert.id())).isEqualTo(alert);
    }

    @Test
    void threeCreatesForOneUserStoreThreeRows() {
        Alert first = alerts.create(alice.id(), "BTC", AlertType.ABOVE, new BigDecimal("70000"));
        Alert second = alerts.create(alice.id(), "BTC", AlertType.BELOW, new BigDecimal("50000"));
        Alert third = alerts.create(alice.id(), "ETH", AlertType.ABOVE, new BigDecimal("4000"));

        assertThat(db.rowCount("alerts")).isEqualTo(3);
        assertThat(alerts.listByUser(alice.id())).containsExactly(first, second, third);
        assertThat(alerts.listByUser(bob.id())).isEmpty();
    }

    @Test
    void findOfAnUnknownIdThrowsAlertNotFound() {
        assertThatThrownBy(() -> alerts.findById(4242))
                .isInstanceOf(AlertNotFoundException.class)
                .hasMessage("no alert with id 4242");
    }

    @Test
    void deleteByOtherUserLeavesAlertInPlace() {
        Alert alert = alerts.create(alice.id(), "BTC", AlertType.ABOVE, new BigDecimal("70000"));

        boolean deleted = alerts.delete(alert.id(), bob.id());

        assertThat(deleted).isFalse();
        assertThat(db.rowCount("alerts")).isEqualTo(1);
        assertThat(alerts.findById(alert.id())).isEqualTo(alert);
    }

    @Test
    void deleteByOwnerRemovesOnlyThatAlert() {
        Alert kept = alerts.create(alice.id(), "BTC", AlertType.ABOVE, new BigDecimal("70000"));
        Alert removed = alerts.create(alice.id(), "ETH", AlertType.BELOW, new BigDecimal("1000"));

        assertThat(alerts.delete(removed.id(), alice.id())).isTrue();
        assertThat(alerts.delete(removed.id(), alice.id())).isFalse();

        assertThat(alerts.listByUser(alice.id())).containsExactly(kept);
    }

    @Test
    void everyAlertRepositoryQueryRunsAgainstTheSchema() {
        Alert single = repository.create(alice.id(), new NewAlert("BTC", AlertType.ABOVE, new BigDecimal("100.00000000")), NOW);
        List<Alert> batch = repository.createAll(bob.id(), List.of(
                new NewAlert("ETH", AlertType.BELOW, new BigDecimal("10.00000000")),
                new NewAlert("BTC", AlertType.BELOW, new BigDecimal("20.00000000"))), NOW);

        assertThat(repository.findById(single.id())).contains(single);
        assertThat(repository.findById(999)).isEmpty();
        assertThat(repository.findByUserId(bob.id())).containsExactlyElementsOf(batch);
        assertThat(repository.triggerMatching("BTC", new BigDecimal("150"), NOW.plusSeconds(1)))
                .extracting(Alert::id).containsExactly(single.id());
        assertThat(repository.deleteByIdAndUserId(batch.get(0).id(), bob.id())).isTrue();
        assertThat(db.rowCount("alerts")).isEqualTo(2);
    }

    @Test
    void alertForAnUnknownSymbolIsRejectedAndNothingIsStored() {
        assertThatThrownBy(() -> alerts.create(alice.id(), "DOGE", AlertType.ABOVE, BigDecimal.ONE))
                .isInstanceOf(UnknownSymbolException.class)
                .hasMessage("no token with symbol DOGE");
        // Past the service's check, the foreign key says the same.
        assertThatThrownBy(() -> repository.create(alice.id(), new NewAlert("DOGE", AlertType.ABOVE, BigDecimal.ONE), NOW))
                .isInstanceOf(UnknownSymbolException.class)
                .hasMessage("no token with symbol DOGE");
        assertThat(db.rowCount("alerts")).isZero();
    }

    @Test
    void alertForAnUnknownUserIsRejectedByTheForeignKeyAndNothingIsStored() {
        assertThatThrownBy(() -> alerts.create(9999, "BTC", AlertType.ABOVE, BigDecimal.ONE))
                .isInstanceOf(UserNotFoundException.class)
                .hasMessage("no user with id 9999");
        assertThat(db.rowCount("alerts")).isZero();
    }

    @Test
    void deletingAUserDeletesTheirAlerts() {
        alerts.create(alice.id(), "BTC", AlertType.ABOVE, BigDecimal.ONE);
        alerts.create(bob.id(), "BTC", AlertType.ABOVE, BigDecimal.ONE);

        sql.execute("DELETE FROM users WHERE id = ?", alice.id());

        assertThat(db.rowCount("alerts")).isEqualTo(1);
        assertThat(alerts.listByUser(alice.id())).isEmpty();
    }

    @Test
    void updatedAtIsKeptCurrentByTheTrigger() {
        Alert alert = alerts.create(alice.id(), "BTC", AlertType.ABOVE, BigDecimal.ONE);

        // Whatever an UPDATE sets, the trigger stamps the transaction's time.
        sql.execute("UPDATE alerts SET updated_at = '2000-01-01T00:00:00Z' WHERE id = ?", alert.id());

        Instant updatedAt = alerts.findById(alert.id()).updatedAt();
        Instant databaseNow = sql.fetchValue(DSL.select(DSL.field("now()", SQLDataType.INSTANT)));
        assertThat(updatedAt).isAfter(Instant.parse("2000-01-01T00:00:00Z")).isBeforeOrEqualTo(databaseNow);
    }
}
