package dev.cryptotracker.it.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cryptotracker.domain.UnknownSymbolException;
import dev.cryptotracker.domain.UserNotFoundException;
import dev.cryptotracker.domain.ValidationException;
import dev.cryptotracker.domain.alert.Alert;
import dev.cryptotracker.domain.alert.AlertService;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Creating several alerts is one transaction: all rows or none. */
@Testkit(Service.POSTGRES)
class AlertBatchIT {

    private static final Instant NOW = Instant.parse("2024-05-01T10:00:00Z");

    private final DSLContext sql;
    private final DatabaseHelper db;
    private final JooqAlertRepository repository;
    private final AlertService alerts;
    private User alice;

    AlertBatchIT(DSLContext sql, DatabaseHelper db) {
        this.sql = sql;
        this.db = db;
        this.repository = new JooqAlertRepository(sql);
        this.alerts = new AlertService(repository, new JooqTokenRepository(sql), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @BeforeEach
    void createUserAndTokens() {
        TokenService tokens = new TokenService(new JooqTokenRepository(sql));
        tokens.add("BTC", "Bitcoin");
        tokens.add("ETH", "Ether");
        alice = new UserService(new JooqUserRepository(sql)).create("alice@example.com", "Alice", "$2a$12$a");
    }

    @Test
    void createAllStoresEveryAlertInOneGo() {
        List<Alert> created = alerts.createAll(alice.id(), List.of(
                new NewAlert("BTC", AlertType.ABOVE, new BigDecimal("70000")),
                new NewAlert("eth", AlertType.BELOW, new BigDecimal("1500.5"))));

        assertThat(created).extracting(Alert::symbol).containsExactly("BTC", "ETH");
        assertThat(created).extracting(Alert::createdAt).containsOnly(NOW);
        assertThat(db.rowCount("alerts")).isEqualTo(2);
        assertThat(alerts.listByUser(alice.id())).containsExactlyElementsOf(created);
    }

    @Test
    void batchFailingHalfWayLeavesNothingBehind() {
        // The third insert hits the foreign key after two rows were written inside the transaction.
        List<NewAlert> batch = List.of(
                new NewAlert("BTC", AlertType.ABOVE, new BigDecimal("1.00000000")),
                new NewAlert("ETH", AlertType.ABOVE, new BigDecimal("2.00000000")),
                new NewAlert("DOGE", AlertType.ABOVE, new BigDecimal("3.00000000")));

        assertThatThrownBy(() -> repository.createAll(alice.id(), batch, NOW))
                .isInstanceOf(UnknownSymbolException.class)
                .hasMessage("no token with symbol DOGE");

        assertThat(db.rowCount("alerts")).isZero();
        // All three inserts really ran before the rollback: they used up ids 1 to 3 (sequences are not transactional).
        Alert next = alerts.create(alice.id(), "BTC", AlertType.ABOVE, BigDecimal.ONE);
        assertThat(next.id()).isEqualTo(4);
    }

    @Test
    void batchFailingOnACheckHalfWayLeavesNothingBehind() {
        List<NewAlert> batch = List.of(
                new NewAlert("BTC", AlertType.ABOVE, new BigDecimal("1.00000000")),
                new NewAlert("ETH", AlertType.ABOVE, new BigDecimal("-2.00000000")));

        assertThatThrownBy(() -> repository.createAll(alice.id(), batch, NOW))
                .isInstanceOf(ValidationException.class)
                .hasMessage("cannot create an alert: the value breaks the rule alerts_threshold_check");

        assertThat(db.rowCount("alerts")).isZero();
    }

    @Test
    void batchForAnUnknownUserLeavesNothingBehind() {
        assertThatThrownBy(() -> alerts.createAll(4711, List.of(
                new NewAlert("BTC", AlertType.ABOVE, BigDecimal.ONE),
                new NewAlert("ETH", AlertType.ABOVE, BigDecimal.TEN))))
                .isInstanceOf(UserNotFoundException.class)
                .hasMessage("no user with id 4711");

        assertThat(db.rowCount("alerts")).isZero();
    }

    @Test
    void batchWithOneInvalidRequestIsRejectedBeforeAnySql() {
        assertThatThrownBy(() -> alerts.createAll(alice.id(), List.of(
                new NewAlert("BTC", AlertType.ABOVE, BigDecimal.ONE),
                new NewAlert("ETH", AlertType.ABOVE, new BigDecimal("0.000000001")))))
                .isInstanceOf(ValidationException.class)
                .hasMessage("threshold must have at most 8 decimal places, got 9: 0.000000001");

        assertThat(db.rowCount("alerts")).isZero();
        assertThat(alerts.create(alice.id(), "BTC", AlertType.ABOVE, BigDecimal.ONE).id()).isEqualTo(1);
    }
}
