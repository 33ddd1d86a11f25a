package dev.cryptotracker.it.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cryptotracker.domain.UnknownSymbolException;
import dev.cryptotracker.domain.ValidationException;
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
import java.util.Collections;
import java.util.List;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The alert service's own rules on the real schema: what it refuses leaves no row behind. Only BTC is known. */
@Testkit(Service.POSTGRES)
class AlertServiceIT {

    private static final Instant NOW = Instant.parse("2024-02-29T12:34:56.123456Z");

    private final DSLContext sql;
    private final DatabaseHelper db;
    private final AlertService service;
    private User alice;

    AlertServiceIT(DSLContext sql, DatabaseHelper db) {
        this.sql = sql;
        this.db = db;
        this.service = new AlertService(new JooqAlertRepository(sql), new JooqTokenRepository(sql),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @BeforeEach
    void registerBitcoinAndAlice() {
        new TokenService(new JooqTokenRepository(sql)).add("BTC", "Bitcoin");
        alice = new UserService(new JooqUserRepository(sql)).create("alice@example.com", "Alice", "$2a$12$a");
    }

    @Test
    void createsAnActiveAlertStampedByTheClockWithACanonicalSymbolAndThreshold() {
        Alert alert = service.create(alice.id(), " btc ", AlertType.ABOVE, new BigDecimal("42000.5"));

        assertThat(alert.symbol()).isEqualTo("BTC");
        assertThat(alert.threshold()).hasToString("42000.50000000");
        assertThat(alert.status()).isEqualTo(AlertStatus.ACTIVE);
        assertThat(alert.createdAt()).isEqualTo(NOW);
        assertThat(alert.triggeredAt()).isNull();
        assertThat(service.findById(alert.id())).isEqualTo(alert);
        assertThat(db.rowCount("alerts")).isEqualTo(1);
    }

    @Test
    void rejectsAMalformedSymbol() {
        assertThatThrownBy(() -> service.create(alice.id(), "BT-C", AlertType.ABOVE, BigDecimal.ONE))
                .isInstanceOf(ValidationException.class)
                .hasMessage("token symbol must be 1 to 16 ASCII letters or digits, got 'BT-C'");
        assertThatThrownBy(() -> service.create(alice.id(), null, AlertType.ABOVE, BigDecimal.ONE))
                .isInstanceOf(ValidationException.class)
                .hasMessage("token symbol is required");
        assertThat(db.rowCount("alerts")).isZero();
    }

    @Test
    void rejectsAMissingType() {
        assertThatThrownBy(() -> service.create(alice.id(), "BTC", null, BigDecimal.ONE))
                .isInstanceOf(ValidationException.class)
                .hasMessage("alert type is required: 'above' or 'below'");
        assertThat(db.rowCount("alerts")).isZero();
    }

    @Test
    void rejectsANonPositiveUserId() {
        assertThatThrownBy(() -> service.create(0, "BTC", AlertType.ABOVE, BigDecimal.ONE))
                .isInstanceOf(ValidationException.class)
                .hasMessage("user id must be greater than 0, got 0");
        assertThatThrownBy(() -> service.createAll(-1, List.of(new NewAlert("BTC", AlertType.ABOVE, BigDecimal.ONE))))
                .isInstanceOf(ValidationException.class)
                .hasMessage("user id must be greater than 0, got -1");
        assertThat(db.rowCount("alerts")).isZero();
    }

    @Test
    void createAllStoresNothingWhenOneSymbolIsUnknown() {
        List<NewAlert> requests = List.of(
                new NewAlert("BTC", AlertType.ABOVE, new BigDecimal("1")),
                new NewAlert("ETH", AlertType.BELOW, new BigDecimal("2")));

        assertThatThrownBy(() -> service.createAll(alice.id(), requests))
                .isInstanceOf(UnknownSymbolException.class)
                .hasMessage("no token with symbol ETH");
        assertThat(db.rowCount("alerts")).isZero();
    }

    @Test
    void createAllRejectsEmptyNullAndOversizedBatches() {
        assertThatThrownBy(() -> service.createAll(alice.id(), List.of()))
                .isInstanceOf(ValidationException.class)
                .hasMessage("at least one alert is required");
        assertThatThrownBy(() -> service.createAll(alice.id(), null))
                .isInstanceOf(ValidationException.class)
                .hasMessage("at least one alert is required");
        assertThatThrownBy(() -> service.createAll(alice.id(), Collections.singletonList(null)))
                .isInstanceOf(ValidationException.class)
                .hasMessage("alert request must not be null");
        List<NewAlert> tooMany = Collections.nCopies(AlertService.MAX_ALERTS_PER_BATCH + 1,
                new NewAlert("BTC", AlertType.ABOVE, BigDecimal.ONE));
        assertThatThrownBy(() -> service.createAll(alice.id(), tooMany))
                .isInstanceOf(ValidationException.class)
                .hasMessage("at most 100 alerts per request, got 101");
        assertThat(db.rowCount("alerts")).isZero();
    }

    @Test
    void evaluateRejectsAMissingOrNonPositivePrice() {
        Alert below = service.create(alice.id(), "BTC", AlertType.BELOW, new BigDecimal("50"));

        assertThatThrownBy(() -> service.evaluate("BTC", null))
                .isInstanceOf(ValidationException.class)
                .hasMessage("price is required");
        assertThatThrownBy(() -> service.evaluate("BTC", new BigDecimal("-1")))
                .isInstanceOf(ValidationException.class)
                .hasMessage("price must be greater than 0, got -1");
        assertThatThrownBy(() -> service.evaluate("", BigDecimal.ONE))
                .isInstanceOf(ValidationException.class)
                .hasMessage("token symbol must be 1 to 16 ASCII letters or digits, got ''");
        // A price of -1 would meet the "below 50" alert had it reached the database.
        assertThat(service.findById(below.id()).status()).isEqualTo(AlertStatus.ACTIVE);
    }

    @Test
    void evaluateTriggersMatchingAlertsOnceAtTheClocksTime() {
        Alert above = service.create(alice.id(), "BTC", AlertType.ABOVE, new BigDecimal("100"));
        Alert below = service.create(alice.id(), "BTC", AlertType.BELOW, new BigDecimal("50"));

        List<Alert> triggered = service.evaluate("btc", new BigDecimal("100"));

        assertThat(triggered).extracting(Alert::id).containsExactly(above.id());
        assertThat(triggered.get(0).triggeredAt()).isEqualTo(NOW);
        assertThat(service.evaluate("BTC", new BigDecimal("100"))).isEmpty();
        assertThat(service.findById(above.id()).status()).isEqualTo(AlertStatus.TRIGGERED);
        assertThat(service.findById(below.id()).status()).isEqualTo(AlertStatus.ACTIVE);
    }
}
