package dev.cryptotracker.domain.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cryptotracker.domain.AlertNotFoundException;
import dev.cryptotracker.domain.UnknownSymbolException;
import dev.cryptotracker.domain.ValidationException;
import dev.cryptotracker.domain.token.Token;
import dev.cryptotracker.domain.token.TokenRepository;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The alert service's own rules: what it validates, at and around each edge, before it asks a repository anything,
 * and that it hands the repository the canonical request and the clock's time and returns the repository's answer
 * unchanged. The ports here only record what they were asked and give a canned answer; what the database does
 * with the request is proven on PostgreSQL by the integration tests.
 */
class AlertServiceTest {

    // Kathmandu is UTC+05:45: a service that read the wall clock in a zone instead of the instant would be off.
    private static final Instant NOW = Instant.parse("2024-02-29T23:59:59.999999Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneId.of("Asia/Kathmandu"));

    private final RecordingAlerts alerts = new RecordingAlerts();
    private final KnownTokens tokens = new KnownTokens(Set.of("BTC", "ETH"));
    private final AlertService service = new AlertService(alerts, tokens, CLOCK);

    @Test
    void createHandsTheRepositoryTheCanonicalAlertAndTheClocksInstantAndReturnsItsAnswer() {
        Alert created = service.create(1, " btc ", AlertType.ABOVE, new BigDecimal("42000.5"));

        assertThat(alerts.calls).containsExactly("create 1 BTC ABOVE 42000.50000000 " + NOW);
        assertThat(created).isSameAs(alerts.lastAnswer);
        assertThat(tokens.asked).containsExactly("BTC");
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1, Long.MIN_VALUE})
    void rejectsAUserIdBelowOneBeforeAskingAnyPort(long userId) {
        assertThatThrownBy(() -> service.create(userId, "BTC", AlertType.ABOVE, BigDecimal.ONE))
                .isInstanceOf(ValidationException.class)
                .hasMessage("user id must be greater than 0, got " + userId);
        assertThatThrownBy(() -> service.createAll(userId, List.of(new NewAlert("BTC", AlertType.ABOVE, BigDecimal.ONE))))
                .isInstanceOf(ValidationException.class)
                .hasMessage("user id must be greater than 0, got " + userId);
        assertThat(alerts.calls).isEmpty();
        assertThat(tokens.asked).isEmpty();
    }

    @Test
    void acceptsUserIdOne() {
        service.create(1, "BTC", AlertType.BELOW, BigDecimal.ONE);
        service.createAll(1, List.of(new NewAlert("ETH", AlertType.ABOVE, BigDecimal.TEN)));

        assertThat(alerts.calls).containsExactly("create 1 BTC BELOW 1.00000000 " + NOW,
                "createAll 1 [ETH ABOVE 10.00000000] " + NOW);
    }

    @Test
    void createRejectsAnUnknownSymbolWithoutCreating() {
        assertThatThrownBy(() -> service.create(1, "doge", AlertType.ABOVE, BigDecimal.ONE))
                .isInstanceOf(UnknownSymbolException.class)
                .hasMessage("no token with symbol DOGE");
        assertThat(alerts.calls).isEmpty();
    }

    @Test
    void createRejectsAMissingTypeAndABadThresholdBeforeAskingAnyPort() {
        assertThatThrownBy(() -> service.create(1, "BTC", null, BigDecimal.ONE))
                .isInstanceOf(ValidationException.class)
                .hasMessage("alert type is required: 'above' or 'below'");
        assertThatThrownBy(() -> service.create(1, "BTC", AlertType.ABOVE, BigDecimal.ZERO))
                .isInstanceOf(ValidationException.class)
                .hasMessage("threshold must be greater than 0, got 0");
        assertThatThrownBy(() -> service.create(1, "B-TC", AlertType.ABOVE, BigDecimal.ONE))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("token symbol must be 1 to 16");
        assertThat(alerts.calls).isEmpty();
        assertThat(tokens.asked).isEmpty();
    }

    @Test
    void createAllAcceptsExactlyTheMaximumBatchInTheOrderGiven() {
        List<NewAlert> requests = new ArrayList<>();
        for (int i = 1; i <= AlertService.MAX_ALERTS_PER_BATCH; i++) {
            requests.add(new NewAlert(i % 2 == 0 ? "btc" : "eth", AlertType.ABOVE, BigDecimal.valueOf(i)));
        }

        List<Alert> created = service.createAll(7, requests);

        assertThat(created).isSameAs(alerts.lastAnswerList);
        assertThat(alerts.lastBatch).hasSize(100);
        assertThat(alerts.lastBatch.get(0)).isEqualTo(new NewAlert("ETH", AlertType.ABOVE, new BigDecimal("1.00000000")));
        assertThat(alerts.lastBatch.get(99)).isEqualTo(new NewAlert("BTC", AlertType.ABOVE, new BigDecimal("100.00000000")));
        // Each symbol is looked up once, however often it occurs.
        assertThat(tokens.asked).containsExactly("ETH", "BTC");
    }

    @Test
    void createAllRejectsOneOverTheMaximumEmptyAndNullBatchesAndNullRequests() {
        List<NewAlert> tooMany = Collections.nCopies(AlertService.MAX_ALERTS_PER_BATCH + 1,
                new NewAlert("BTC", AlertType.ABOVE, BigDecimal.ONE));

        assertThatThrownBy(() -> service.createAll(1, tooMany))
                .isInstanceOf(ValidationException.class)
                .hasMessage("at most 100 alerts per request, got 101");
        assertThatThrownBy(() -> service.createAll(1, List.of()))
                .isInstanceOf(ValidationException.class)
                .hasMessage("at least one alert is required");
        assertThatThrownBy(() -> service.createAll(1, null))
                .isInstanceOf(ValidationException.class)
                .hasMessage("at least one alert is required");
        assertThatThrownBy(() -> service.createAll(1, Collections.singletonList(null)))
                .isInstanceOf(ValidationException.class)
                .hasMessage("alert request must not be null");
        assertThat(alerts.calls).isEmpty();
        assertThat(tokens.asked).isEmpty();
    }

    @Test
    void createAllOfOneAlertIsAccepted() {
        service.createAll(1, List.of(new NewAlert("BTC", AlertType.BELOW, new BigDecimal("0.00000001"))));

        assertThat(alerts.calls).containsExactly("createAll 1 [BTC BELOW 0.00000001] " + NOW);
    }

    @Test
    void createAllWithAnUnknownSymbolCreatesNothing() {
        List<NewAlert> requests = List.of(new NewAlert("BTC", AlertType.ABOVE, BigDecimal.ONE),
                new NewAlert("XRP", AlertType.ABOVE, BigDecimal.ONE));

        assertThatThrownBy(() -> service.createAll(1, requests))
                .isInstanceOf(UnknownSymbolException.class)
                .hasMessage("no token with symbol XRP");
        assertThat(alerts.calls).isEmpty();
    }

    @Test
    void findByIdReturnsTheRepositorysAlertOrSaysItIsNotFound() {
        alerts.found = Optional.of(alert(5));

        assertThat(service.findById(5)).isSameAs(alerts.found.get());

        alerts.found = Optional.empty();
        assertThatThrownBy(() -> service.findById(6))
                .isInstanceOf(AlertNotFoundException.class)
                .hasMessage("no alert with id 6");
    }

    @Test
    void listByUserReturnsTheRepositorysList() {
        alerts.listed = List.of(alert(1), alert(2));

        assertThat(service.listByUser(3)).isSameAs(alerts.listed);
        assertThat(alerts.calls).containsExactly("findByUserId 3");
    }

    @Test
    void deleteReturnsWhetherTheRepositoryDeleted() {
        alerts.deletes = true;
        assertThat(service.delete(4, 2)).isTrue();
        alerts.deletes = false;
        assertThat(service.delete(4, 3)).isFalse();
        assertThat(alerts.calls).containsExactly("delete 4 of 2", "delete 4 of 3");
    }

    @Test
    void evaluateHandsTheCanonicalSymbolPriceAndClockInstantAndReturnsWhatWasTriggered() {
        alerts.triggered = List.of(alert(9));

        assertThat(service.evaluate(" eth ", new BigDecimal("0.00000001"))).isSameAs(alerts.triggered);
        assertThat(alerts.calls).containsExactly("trigger ETH 0.00000001 " + NOW);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0.00000000", "-0.00000001", "-1"})
    void evaluateRejectsAPriceOfZeroOrLess(String price) {
        assertThatThrownBy(() -> service.evaluate("BTC", new BigDecimal(price)))
                .isInstanceOf(ValidationException.class)
                .hasMessage("price must be greater than 0, got " + new BigDecimal(price).toPlainString());
        assertThat(alerts.calls).isEmpty();
    }

    @Test
    void evaluateRejectsAMissingPriceOrSymbol() {
        assertThatThrownBy(() -> service.evaluate("BTC", null))
                .isInstanceOf(ValidationException.class)
                .hasMessage("price is required");
        assertThatThrownBy(() -> service.evaluate(null, BigDecimal.ONE))
                .isInstanceOf(ValidationException.class)
                .hasMessage("token symbol is required");
        assertThat(alerts.calls).isEmpty();
    }

    private static Alert alert(long id) {
        return new Alert(id, 1, "BTC", AlertType.ABOVE, BigDecimal.ONE, AlertStatus.ACTIVE, null, NOW, NOW);
    }

    /** Records each call as a line and answers with what the test put in its fields. */
    private static final class RecordingAlerts implements AlertRepository {

        final List<String> calls = new ArrayList<>();
        Alert lastAnswer;
        List<Alert> lastAnswerList;
        List<NewAlert> lastBatch;
        Optional<Alert> found = Optional.empty();
        List<Alert> listed = List.of();
        List<Alert> triggered = List.of();
        boolean deletes;

        @Override
        public Alert create(long userId, NewAlert alert, Instant createdAt) {
            calls.add("create " + userId + " " + describe(alert) + " " + createdAt);
            lastAnswer = new Alert(99, userId, alert.symbol(), alert.type(), alert.threshold(), AlertStatus.ACTIVE,
                    null, createdAt, createdAt);
            return lastAnswer;
        }

        @Override
        public List<Alert> createAll(long userId, List<NewAlert> alerts, Instant createdAt) {
            lastBatch = alerts;
            if (alerts.size() <= 3) {
                calls.add("createAll " + userId + " " + alerts.stream().map(RecordingAlerts::describe).toList() + " "
                        + createdAt);
            } else {
                calls.add("createAll " + userId + " of " + alerts.size());
            }
            lastAnswerList = List.of();
            return lastAnswerList;
        }

        @Override
        public Optional<Alert> findById(long alertId) {
            calls.add("findById " + alertId);
            return found;
        }

        @Override
        public List<Alert> findByUserId(long userId) {
            calls.add("findByUserId " + userId);
            return listed;
        }

        @Override
        public boolean deleteByIdAndUserId(long alertId, long userId) {
            calls.add("delete " + alertId + " of " + userId);
            return deletes;
        }

        @Override
        public List<Alert> triggerMatching(String symbol, BigDecimal price, Instant triggeredAt) {
            calls.add("trigger " + symbol + " " + price.toPlainString() + " " + triggeredAt);
            return triggered;
        }

        private static String describe(NewAlert alert) {
            return alert.symbol() + " " + alert.type() + " " + alert.threshold().toPlainString();
        }
    }

    /** Knows a fixed set of symbols and records which ones it was asked for. */
    private static final class KnownTokens implements TokenRepository {

        final Set<String> known;
        final List<String> asked = new ArrayList<>();

        KnownTokens(Set<String> known) {
            this.known = known;
        }

        @Override
        public Token create(String symbol, String name) {
            throw new AssertionError("the alert service never creates tokens");
        }

        @Override
        public Optional<Token> findBySymbol(String symbol) {
            asked.add(symbol);
            return known.contains(symbol) ? Optional.of(new Token(1, symbol, symbol, NOW)) : Optional.empty();
        }

        @Override
        public List<Token> findAll() {
            throw new AssertionError("the alert service never lists tokens");
        }
    }
}
