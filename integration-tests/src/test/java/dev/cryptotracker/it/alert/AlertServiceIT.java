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
import dev.cryptotracker.domain.auth.MutableClock;
import dev.cryptotracker.domain.token.TokenService;
import dev.cryptotracker.domain.user.User;
import dev.cryptotracker.domain.user.UserService;
import dev.cryptotracker.it.ConnectionCounter;
import dev.cryptotracker.persistence.JooqAlertRepository;
import dev.cryptotracker.persistence.JooqTokenRepository;
import dev.cryptotracker.persistence.JooqUserRepository;
import dev.cryptotracker.testkit.DatabaseHelper;
import dev.cryptotracker.testkit.Service;
import dev.cryptotracker.testkit.Testkit;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The alert service's own rules on the real schema, at and around each edge: what it refuses is refused before any
 * SQL and leaves no row behind; what it accepts is stored in canonical form at the clock's instant. Only BTC is
 * known.
 */
@Testkit(Service.POSTGRES)
class AlertServiceIT {

    private static final Instant NOW = Instant.parse("2024-02-29T12:34:56.123456Z");

    private final DSLContext sql;
    private final DatabaseHelper db;
    private final MutableClock clock = new MutableClock(NOW);
    private final AlertService service;
    // The same service over a data source that counts its connections: a refusal that took none came before any SQL.
    private final ConnectionCounter connections;
    private final AlertService counted;
    private User alice;

    AlertServiceIT(DSLContext sql, DataSource dataSource, DatabaseHelper db) {
        this.sql = sql;
        this.db = db;
        this.service = new AlertService(new JooqAlertRepository(sql), new JooqTokenRepository(sql), clock);
        this.connections = new ConnectionCounter(dataSource);
        DSLContext countedSql = DSL.using(connections.dataSource(), SQLDialect.POSTGRES);
        this.counted = new AlertService(new JooqAlertRepository(countedSql), new JooqTokenRepository(countedSql),
                clock);
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
        assertThat(storedRows()).containsExactly(alice.id() + " BTC above 42000.50000000 active " + NOW);
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
    void createRejectsAnUnknownSymbolNamingItsCanonicalFormAndStoresNothing() {
        assertThatThrownBy(() -> service.create(alice.id(), " doge ", AlertType.ABOVE, BigDecimal.ONE))
                .isInstanceOf(UnknownSymbolException.class)
                .hasMessage("no token with symbol DOGE");
        assertThat(db.rowCount("alerts")).isZero();
        // No insert was even tried (the foreign key would have refused it too): it would have used up id 1.
        assertThat(service.create(alice.id(), "BTC", AlertType.ABOVE, BigDecimal.ONE).id()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1, Long.MIN_VALUE})
    void rejectsAUserIdBelowOneBeforeAnySql(long userId) {
        // XRP is unknown too: had the symbol been looked up first, the error would say so.
        List<NewAlert> batch = List.of(new NewAlert("XRP", AlertType.ABOVE, BigDecimal.ONE));

        assertThatThrownBy(() -> counted.create(userId, "XRP", AlertType.ABOVE, BigDecimal.ONE))
                .isInstanceOf(ValidationException.class)
                .hasMessage("user id must be greater than 0, got " + userId);
        assertThatThrownBy(() -> counted.createAll(userId, batch))
                .isInstanceOf(ValidationException.class)
                .hasMessage("user id must be greater than 0, got " + userId);
        assertThat(connections.opened()).isZero();
        assertThat(db.rowCount("alerts")).isZero();
    }

    @Test
    void acceptsUserIdOne() {
        // Identities restart with every test: the first user is user 1.
        assertThat(alice.id()).isEqualTo(1);

        Alert single = service.create(1, "BTC", AlertType.BELOW, BigDecimal.ONE);
        List<Alert> batch = service.createAll(1, List.of(new NewAlert("btc", AlertType.ABOVE, BigDecimal.TEN)));

        assertThat(single.userId()).isEqualTo(1);
        assertThat(batch).extracting(Alert::userId).containsExactly(1L);
        assertThat(storedRows()).containsExactly("1 BTC below 1.00000000 active " + NOW,
                "1 BTC above 10.00000000 active " + NOW);
    }

    @Test
    void createAllStoresNothingWhenOneSymbolIsUnknown() {
        List<NewAlert> requests = List.of(
                new NewAlert("BTC", AlertType.ABOVE, new BigDecimal("1")),
                new NewAlert("eth", AlertType.BELOW, new BigDecimal("2")));

        assertThatThrownBy(() -> service.createAll(alice.id(), requests))
                .isInstanceOf(UnknownSymbolException.class)
                .hasMessage("no token with symbol ETH");
        assertThat(db.rowCount("alerts")).isZero();
        // Every symbol is looked up before any insert: a batch that had started would have used up ids 1 and 2.
        assertThat(service.create(alice.id(), "BTC", AlertType.ABOVE, BigDecimal.ONE).id()).isEqualTo(1);
    }

    @Test
    void createAllStoresABatchOfOneAndOneOfExactlyTheMaximumInTheOrderGiven() {
        List<Alert> one = service.createAll(alice.id(),
                List.of(new NewAlert("btc", AlertType.BELOW, new BigDecimal("0.00000001"))));
        assertThat(one).extracting(Alert::threshold).containsExactly(new BigDecimal("0.00000001"));
        clock.advance(Duration.ofMinutes(1));
        List<NewAlert> requests = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        expected.add(alice.id() + " BTC below 0.00000001 active " + NOW);
        for (int i = AlertService.MAX_ALERTS_PER_BATCH; i >= 1; i--) {
            // Descending thresholds, alternating types and spellings: stored as given, not sorted by anything.
            AlertType type = i % 2 == 0 ? AlertType.ABOVE : AlertType.BELOW;
            requests.add(new NewAlert(i % 3 == 0 ? " btc " : "BTC", type, BigDecimal.valueOf(i)));
            expected.add(alice.id() + " BTC " + type.name().toLowerCase(Locale.ROOT) + " " + i + ".00000000 active "
                    + NOW.plus(Duration.ofMinutes(1)));
        }

        List<Alert> created = service.createAll(alice.id(), requests);

        assertThat(requests).hasSize(100);
        assertThat(created).hasSize(100);
        assertThat(created.get(0).threshold()).hasToString("100.00000000");
        assertThat(created.get(99).threshold()).hasToString("1.00000000");
        assertThat(created).extracting(Alert::symbol).containsOnly("BTC");
        assertThat(storedRows()).containsExactlyElementsOf(expected);
        assertThat(service.listByUser(alice.id()))
                .containsExactlyElementsOf(Stream.concat(one.stream(), created.stream()).toList());
    }

    @Test
    void createAllRejectsEmptyNullAndOversizedBatchesAndNullRequestsBeforeAnySql() {
        assertThatThrownBy(() -> counted.createAll(alice.id(), List.of()))
                .isInstanceOf(ValidationException.class)
                .hasMessage("at least one alert is required");
        assertThatThrownBy(() -> counted.createAll(alice.id(), null))
                .isInstanceOf(ValidationException.class)
                .hasMessage("at least one alert is required");
        assertThatThrownBy(() -> counted.createAll(alice.id(), Collections.singletonList(null)))
                .isInstanceOf(ValidationException.class)
                .hasMessage("alert request must not be null");
        // Every request is checked before any symbol is looked up: the unknown XRP is never asked about.
        assertThatThrownBy(() -> counted.createAll(alice.id(),
                Arrays.asList(new NewAlert("XRP", AlertType.ABOVE, BigDecimal.ONE), null)))
                .isInstanceOf(ValidationException.class)
                .hasMessage("alert request must not be null");
        List<NewAlert> tooMany = Collections.nCopies(AlertService.MAX_ALERTS_PER_BATCH + 1,
                new NewAlert("BTC", AlertType.ABOVE, BigDecimal.ONE));
        assertThatThrownBy(() -> counted.createAll(alice.id(), tooMany))
                .isInstanceOf(ValidationException.class)
                .hasMessage("at most 100 alerts per request, got 101");
        assertThat(connections.opened()).isZero();
        assertThat(db.rowCount("alerts")).isZero();
    }

    @Test
    void evaluateRejectsAMissingPriceOrSymbolBeforeAnySql() {
        Alert below = service.create(alice.id(), "BTC", AlertType.BELOW, new BigDecimal("50"));

        assertThatThrownBy(() -> counted.evaluate("BTC", null))
                .isInstanceOf(ValidationException.class)
                .hasMessage("price is required");
        assertThatThrownBy(() -> counted.evaluate(null, BigDecimal.ONE))
                .isInstanceOf(ValidationException.class)
                .hasMessage("token symbol is required");
        assertThatThrownBy(() -> counted.evaluate("", BigDecimal.ONE))
                .isInstanceOf(ValidationException.class)
                .hasMessage("token symbol must be 1 to 16 ASCII letters or digits, got ''");
        assertThat(connections.opened()).isZero();
        assertThat(service.findById(below.id()).status()).isEqualTo(AlertStatus.ACTIVE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0.00000000", "-0.00000001", "-1"})
    void evaluateRejectsAPriceOfZeroOrLessBeforeAnySql(String price) {
        Alert below = service.create(alice.id(), "BTC", AlertType.BELOW, new BigDecimal("50"));

        assertThatThrownBy(() -> counted.evaluate("BTC", new BigDecimal(price)))
                .isInstanceOf(ValidationException.class)
                .hasMessage("price must be greater than 0, got " + price);
        assertThat(connections.opened()).isZero();
        // Any of these prices would meet the "below 50" alert had it reached the database.
        assertThat(service.findById(below.id()).status()).isEqualTo(AlertStatus.ACTIVE);
        assertThat(storedRows()).containsExactly(alice.id() + " BTC below 50.00000000 active " + NOW);
    }

    @Test
    void evaluateTriggersMatchingAlertsOnceWithTheCanonicalSymbolAtTheClocksInstant() {
        Alert above = service.create(alice.id(), "BTC", AlertType.ABOVE, new BigDecimal("100"));
        Alert below = service.create(alice.id(), "BTC", AlertType.BELOW, new BigDecimal("50"));
        Instant evaluated = NOW.plus(Duration.ofHours(1)).plusNanos(1_000);
        clock.advance(Duration.between(NOW, evaluated));

        List<Alert> triggered = service.evaluate(" btc ", new BigDecimal("100"));

        assertThat(triggered).extracting(Alert::id).containsExactly(above.id());
        assertThat(triggered.get(0).triggeredAt()).isEqualTo(evaluated);
        assertThat(triggered.get(0).createdAt()).isEqualTo(NOW);
        assertThat(storedInstant("triggered_at", above.id())).isEqualTo(evaluated);
        assertThat(service.evaluate("BTC", new BigDecimal("100"))).isEmpty();
        assertThat(service.findById(above.id()).status()).isEqualTo(AlertStatus.TRIGGERED);
        assertThat(service.findById(below.id()).status()).isEqualTo(AlertStatus.ACTIVE);

        // The smallest positive price is a price: it meets the "below 50" alert.
        assertThat(service.evaluate("btc", new BigDecimal("0.00000001"))).extracting(Alert::id)
                .containsExactly(below.id());
        assertThat(storedRows()).containsExactly(alice.id() + " BTC above 100.00000000 triggered " + NOW,
                alice.id() + " BTC below 50.00000000 triggered " + NOW);
    }

    /** Every alert row as "user symbol type threshold status created", in id order, read from the table. */
    private List<String> storedRows() {
        return sql.fetch("SELECT user_id || ' ' || symbol || ' ' || type || ' ' || threshold::text || ' ' || status"
                        + " || ' ' || to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')"
                        + " FROM alerts ORDER BY id")
                .getValues(0, String.class);
    }

    private Instant storedInstant(String column, long id) {
        return Instant.parse(sql.fetchValue("SELECT to_char(" + column
                + " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') FROM alerts WHERE id = ?", id).toString());
    }
}
