package dev.cryptotracker.it.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cryptotracker.domain.ValidationException;
import dev.cryptotracker.domain.alert.Alert;
import dev.cryptotracker.domain.alert.AlertService;
import dev.cryptotracker.domain.alert.AlertType;
import dev.cryptotracker.domain.alert.NewAlert;
import dev.cryptotracker.domain.alert.Threshold;
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
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.util.PSQLException;

/** Thresholds, types and times survive PostgreSQL exactly, and what would not is refused before any SQL. */
@Testkit(Service.POSTGRES)
class AlertThresholdIT {

    private static final Instant NOW = Instant.parse("2024-02-29T23:59:59.999999Z");

    private final DSLContext sql;
    private final DatabaseHelper db;
    private final JooqAlertRepository repository;
    private final AlertService alerts;
    private User alice;

    AlertThresholdIT(DSLContext sql, DatabaseHelper db) {
        this.sql = sql;
        this.db = db;
        this.repository = new JooqAlertRepository(sql);
        this.alerts = new AlertService(repository, new JooqTokenRepository(sql), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @BeforeEach
    void createUserAndToken() {
        new TokenService(new JooqTokenRepository(sql)).add("BTC", "Bitcoin");
        alice = new UserService(new JooqUserRepository(sql)).create("alice@example.com", "Alice", "$2a$12$x");
    }

    @ParameterizedTest
    @ValueSource(strings = {"99999999999.99999999", "0.00000001", "12345.67890123"})
    void numericThresholdRoundTripsExactly(String value) {
        Alert created = alerts.create(alice.id(), "BTC", AlertType.ABOVE, new BigDecimal(value));

        BigDecimal stored = alerts.findById(created.id()).threshold();

        assertThat(stored).isEqualTo(new BigDecimal(value));
        assertThat(stored.toPlainString()).isEqualTo(value);
        assertThat(sql.fetchValue("SELECT threshold::text FROM alerts WHERE id = ?", created.id())).isEqualTo(value);
    }

    @Test
    void timestampsKeepTheirInstant() {
        Alert created = alerts.create(alice.id(), "BTC", AlertType.BELOW, new BigDecimal("10"));
        Instant triggeredAt = Instant.parse("2024-03-01T00:00:00.000001Z");
        repository.triggerMatching("BTC", new BigDecimal("5"), triggeredAt);

        Alert stored = alerts.findById(created.id());

        assertThat(stored.createdAt()).isEqualTo(NOW);
        assertThat(stored.triggeredAt()).isEqualTo(triggeredAt);
        // Compared inside PostgreSQL too, so no JVM or session time zone can hide a shift.
        assertThat(sql.fetchValue("SELECT created_at = timestamptz '2024-02-29 23:59:59.999999+00' "
                + "AND triggered_at = timestamptz '2024-03-01 02:00:00.000001+02' FROM alerts WHERE id = ?",
                created.id())).isEqualTo(true);
    }

    @Test
    void thresholdWithNineDecimalsIsRejectedAndNeverStored() {
        assertThatThrownBy(() -> alerts.create(alice.id(), "BTC", AlertType.ABOVE, new BigDecimal("1.123456789")))
                .isInstanceOf(ValidationException.class)
                .hasMessage("threshold must have at most 8 decimal places, got 9: 1.123456789");

        assertThat(db.rowCount("alerts")).isZero();
        // Why: PostgreSQL itself would have rounded it silently.
        assertThat(sql.fetchValue("SELECT (1.123456789::numeric(19, 8))::text")).isEqualTo("1.12345679");
    }

    @Test
    void thresholdOfTenToTheEleventhOrMoreIsRejectedAndNeverStored() {
        assertThatThrownBy(() -> alerts.create(alice.id(), "BTC", AlertType.ABOVE, new BigDecimal("100000000000")))
                .isInstanceOf(ValidationException.class)
                .hasMessage("threshold must be less than 100000000000, got 100000000000");
        assertThatThrownBy(() -> alerts.create(alice.id(), "BTC", AlertType.ABOVE, new BigDecimal("1E+20")))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("threshold must be less than 100000000000");
        assertThat(db.rowCount("alerts")).isZero();
    }

    @Test
    void zeroNegativeAndNullThresholdsAreRejectedAndNeverStored() {
        assertThatThrownBy(() -> alerts.create(alice.id(), "BTC", AlertType.ABOVE, BigDecimal.ZERO))
                .isInstanceOf(ValidationException.class)
                .hasMessage("threshold must be greater than 0, got 0");
        assertThatThrownBy(() -> alerts.create(alice.id(), "BTC", AlertType.ABOVE, new BigDecimal("-0.5")))
                .isInstanceOf(ValidationException.class)
                .hasMessage("threshold must be greater than 0, got -0.5");
        assertThatThrownBy(() -> alerts.create(alice.id(), "BTC", AlertType.ABOVE, null))
                .isInstanceOf(ValidationException.class)
                .hasMessage("threshold is required");
        assertThat(db.rowCount("alerts")).isZero();
    }

    @Test
    void nanAndInfinityAreRejectedByTheFactoriesAndByTheSchema() {
        assertThatThrownBy(() -> Threshold.parse("NaN"))
                .isInstanceOf(ValidationException.class)
                .hasMessage("threshold must be a decimal number, got 'NaN'");
        assertThatThrownBy(() -> Threshold.parse("Infinity"))
                .isInstanceOf(ValidationException.class)
                .hasMessage("threshold must be a decimal number, got 'Infinity'");
        assertThatThrownBy(() -> Threshold.of(Double.NaN))
                .isInstanceOf(ValidationException.class)
                .hasMessage("threshold must be a finite number, got NaN");
        assertThatThrownBy(() -> Threshold.of(Double.POSITIVE_INFINITY))
                .isInstanceOf(ValidationException.class)
                .hasMessage("threshold must be a finite number, got Infinity");

        // NUMERIC has a NaN that sorts above every number; the CHECK keeps it out all the same.
        assertThatThrownBy(() -> sql.execute("INSERT INTO alerts (user_id, symbol, type, threshold) "
                + "VALUES (?, 'BTC', 'above', 'NaN')", alice.id()))
                .isInstanceOf(DataAccessException.class)
                .satisfies(e -> assertSqlState(e, "23514", "alerts_threshold_check"));
        assertThatThrownBy(() -> sql.execute("INSERT INTO alerts (user_id, symbol, type, threshold) "
                + "VALUES (?, 'BTC', 'above', 'Infinity')", alice.id()))
                .isInstanceOf(DataAccessException.class)
                .satisfies(e -> assertThat(((DataAccessException) e).sqlState()).isEqualTo("22003"));
        assertThat(db.rowCount("alerts")).isZero();
    }

    @Test
    void thresholdFromTheDoublePointOneIsStoredAsExactlyPointOne() {
        Alert created = alerts.create(alice.id(), "BTC", AlertType.ABOVE, Threshold.of(0.1).value());

        assertThat(alerts.findById(created.id()).threshold()).isEqualTo(new BigDecimal("0.10000000"));
        assertThat(sql.fetchValue("SELECT threshold::text FROM alerts WHERE id = ?", created.id()))
                .isEqualTo("0.10000000");
        assertThat(sql.fetchValue("SELECT threshold = 0.1 FROM alerts WHERE id = ?", created.id())).isEqualTo(true);
    }

    @Test
    void typeOtherThanAboveOrBelowIsAValidationErrorAndTheSchemaChecksItToo() {
        assertThatThrownBy(() -> alerts.create(alice.id(), "BTC", AlertType.parse("sideways"), BigDecimal.ONE))
                .isInstanceOf(ValidationException.class)
                .hasMessage("alert type must be 'above' or 'below', got 'sideways'");

        assertThatThrownBy(() -> sql.execute("INSERT INTO alerts (user_id, symbol, type, threshold) "
                + "VALUES (?, 'BTC', 'sell', 1)", alice.id()))
                .isInstanceOf(DataAccessException.class)
                .satisfies(e -> assertSqlState(e, "23514", "alerts_type_check"));
        assertThat(db.rowCount("alerts")).isZero();
    }

    @Test
    void schemaRejectsANonPositiveThresholdThatBypassesTheDomainAsAValidationError() {
        NewAlert unchecked = new NewAlert("BTC", AlertType.ABOVE, new BigDecimal("-1"));

        assertThatThrownBy(() -> repository.create(alice.id(), unchecked, NOW))
                .isInstanceOf(ValidationException.class)
                .hasMessage("cannot create an alert: the value breaks the rule alerts_threshold_check");
        assertThat(db.rowCount("alerts")).isZero();
    }

    private static void assertSqlState(Throwable e, String sqlState, String constraint) {
        PSQLException psql = ((DataAccessException) e).getCause(PSQLException.class);
        assertThat(e).hasCauseInstanceOf(PSQLException.class);
        assertThat(psql.getSQLState()).isEqualTo(sqlState);
        assertThat(psql.getServerErrorMessage().getConstraint()).isEqualTo(constraint);
    }
}
