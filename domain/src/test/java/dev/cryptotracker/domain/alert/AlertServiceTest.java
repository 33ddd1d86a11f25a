package dev.cryptotracker.domain.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cryptotracker.domain.AlertNotFoundException;
import dev.cryptotracker.domain.UnknownSymbolException;
import dev.cryptotracker.domain.ValidationException;
import dev.cryptotracker.domain.token.InMemoryTokenRepository;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AlertServiceTest {

    private static final Instant NOW = Instant.parse("2024-02-29T12:34:56.123456Z");

    private final InMemoryAlertRepository alerts = new InMemoryAlertRepository();
    private final InMemoryTokenRepository tokens = new InMemoryTokenRepository();
    private final AlertService service = new AlertService(alerts, tokens, Clock.fixed(NOW, ZoneOffset.UTC));

    @BeforeEach
    void registerBitcoin() {
        tokens.create("BTC", "Bitcoin");
    }

    @Test
    void createsAnActiveAlertStampedByTheClockWithACanonicalSymbolAndThreshold() {
        Alert alert = service.create(7, " btc ", AlertType.ABOVE, new BigDecimal("42000.5"));

        assertThat(alert.symbol()).isEqualTo("BTC");
        assertThat(alert.threshold()).hasToString("42000.50000000");
        assertThat(alert.status()).isEqualTo(AlertStatus.ACTIVE);
        assertThat(alert.createdAt()).isEqualTo(NOW);
        assertThat(alert.triggeredAt()).isNull();
    }

    @Test
    void rejectsAnUnknownSymbolBeforeStoringAnything() {
        assertThatThrownBy(() -> service.create(7, "DOGE", AlertType.ABOVE, BigDecimal.ONE))
                .isInstanceOf(UnknownSymbolException.class)
                .hasMessage("no token with symbol DOGE");
        assertThat(alerts.size()).isZero();
    }

    @Test
    void rejectsAMalformedSymbol() {
        assertThatThrownBy(() -> service.create(7, "BT-C", AlertType.ABOVE, BigDecimal.ONE))
                .isInstanceOf(ValidationException.class)
                .hasMessage("token symbol must be 1 to 16 ASCII letters or digits, got 'BT-C'");
        assertThatThrownBy(() -> service.create(7, null, AlertType.ABOVE, BigDecimal.ONE))
                .isInstanceOf(ValidationException.class)
                .hasMessage("token symbol is required");
        assertThat(alerts.size()).isZero();
    }

    @Test
    void rejectsAMissingType() {
        assertThatThrownBy(() -> service.create(7, "BTC", null, BigDecimal.ONE))
                .isInstanceOf(ValidationException.class)
                .hasMessage("alert type is required: 'above' or 'below'");
        assertThat(alerts.size()).isZero();
    }

    @Test
    void rejectsATypeOtherThanAboveOrBelowGivenAsText() {
        assertThatThrownBy(() -> service.create(7, "BTC", AlertType.parse("sideways"), BigDecimal.ONE))
                .isInstanceOf(ValidationException.class)
                .hasMessage("alert type must be 'above' or 'below', got 'sideways'");
        assertThat(alerts.size()).isZero();
    }

    @Test
    void rejectsThresholdsTheColumnCannotHoldExactly() {
        assertThatThrownBy(() -> service.create(7, "BTC", AlertType.ABOVE, new BigDecimal("1.123456789")))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("at most 8 decimal places");
        assertThatThrownBy(() -> service.create(7, "BTC", AlertType.ABOVE, new BigDecimal("100000000000")))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("threshold must be less than 100000000000");
        assertThatThrownBy(() -> service.create(7, "BTC", AlertType.ABOVE, BigDecimal.ZERO))
                .isInstanceOf(ValidationException.class)
                .hasMessage("threshold must be greater than 0, got 0");
        assertThatThrownBy(() -> service.create(7, "BTC", AlertType.ABOVE, null))
                .isInstanceOf(ValidationException.class)
                .hasMessage("threshold is required");
        assertThat(alerts.size()).isZero();
    }

    @Test
    void rejectsANonPositiveUserId() {
        assertThatThrownBy(() -> service.create(0, "BTC", AlertType.ABOVE, BigDecimal.ONE))
                .isInstanceOf(ValidationException.class)
                .hasMessage("user id must be greater than 0, got 0");
    }

    @Test
    void createAllStoresNothingWhenOneRequestIsInvalid() {
        List<NewAlert> requests = List.of(
                new NewAlert("BTC", AlertType.ABOVE, new BigDecimal("1")),
                new NewAlert("BTC", AlertType.BELOW, new BigDecimal("0.000000001")));

        assertThatThrownBy(() -> service.createAll(7, requests))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("at most 8 decimal places");
        assertThat(alerts.size()).isZero();
    }

    @Test
    void createAllStoresNothingWhenOneSymbolIsUnknown() {
        List<NewAlert> requests = List.of(
                new NewAlert("BTC", AlertType.ABOVE, new BigDecimal("1")),
                new NewAlert("ETH", AlertType.BELOW, new BigDecimal("2")));

        assertThatThrownBy(() -> service.createAll(7, requests))
                .isInstanceOf(UnknownSymbolException.class)
                .hasMessage("no token with symbol ETH");
        assertThat(alerts.size()).isZero();
    }

    @Test
    void createAllRejectsEmptyNullAndOversizedBatches() {
        assertThatThrownBy(() -> service.createAll(7, List.of()))
                .isInstanceOf(ValidationException.class)
                .hasMessage("at least one alert is required");
        assertThatThrownBy(() -> service.createAll(7, null))
                .isInstanceOf(ValidationException.class)
                .hasMessage("at least one alert is required");
        assertThatThrownBy(() -> service.createAll(7, Collections.singletonList(null)))
                .isInstanceOf(ValidationException.class)
                .hasMessage("alert request must not be null");
        List<NewAlert> tooMany = Collections.nCopies(AlertService.MAX_ALERTS_PER_BATCH + 1,
                new NewAlert("BTC", AlertType.ABOVE, BigDecimal.ONE));
        assertThatThrownBy(() -> service.createAll(7, tooMany))
                .isInstanceOf(ValidationException.class)
                .hasMessage("at most 100 alerts per request, got 101");
        assertThat(alerts.size()).isZero();
    }

    @Test
    void findByIdOfAnUnknownAlertThrowsAlertNotFound() {
        assertThatThrownBy(() -> service.findById(404))
                .isInstanceOf(AlertNotFoundException.class)
                .hasMessage("no alert with id 404");
    }

    @Test
    void deleteByAnotherUserLeavesTheAlertInPlace() {
        Alert alert = service.create(7, "BTC", AlertType.ABOVE, BigDecimal.TEN);

        assertThat(service.delete(alert.id(), 8)).isFalse();
        assertThat(service.findById(alert.id())).isEqualTo(alert);
        assertThat(service.delete(alert.id(), 7)).isTrue();
    }

    @Test
    void evaluateRejectsAMissingOrNonPositivePrice() {
        assertThatThrownBy(() -> service.evaluate("BTC", null))
                .isInstanceOf(ValidationException.class)
                .hasMessage("price is required");
        assertThatThrownBy(() -> service.evaluate("BTC", new BigDecimal("-1")))
                .isInstanceOf(ValidationException.class)
                .hasMessage("price must be greater than 0, got -1");
        assertThatThrownBy(() -> service.evaluate("", BigDecimal.ONE))
                .isInstanceOf(ValidationException.class)
                .hasMessage("token symbol must be 1 to 16 ASCII letters or digits, got ''");
    }

    @Test
    void evaluateTriggersMatchingAlertsOnceAtTheClocksTime() {
        Alert above = service.create(7, "BTC", AlertType.ABOVE, new BigDecimal("100"));
        Alert below = service.create(7, "BTC", AlertType.BELOW, new BigDecimal("50"));

        List<Alert> triggered = service.evaluate("btc", new BigDecimal("100"));

        assertThat(triggered).extracting(Alert::id).containsExactly(above.id());
        assertThat(triggered.get(0).triggeredAt()).isEqualTo(NOW);
        assertThat(service.evaluate("BTC", new BigDecimal("100"))).isEmpty();
        assertThat(service.findById(below.id()).status()).isEqualTo(AlertStatus.ACTIVE);
    }
}
