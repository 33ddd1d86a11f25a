package dev.cryptotracker.it.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cryptotracker.domain.EmailAlreadyExistsException;
import dev.cryptotracker.domain.SymbolAlreadyExistsException;
import dev.cryptotracker.domain.UnknownSymbolException;
import dev.cryptotracker.domain.UserNotFoundException;
import dev.cryptotracker.domain.ValidationException;
import dev.cryptotracker.domain.alert.AlertType;
import dev.cryptotracker.domain.alert.NewAlert;
import dev.cryptotracker.domain.user.User;
import dev.cryptotracker.persistence.JooqAlertRepository;
import dev.cryptotracker.persistence.JooqTokenRepository;
import dev.cryptotracker.persistence.JooqUserRepository;
import dev.cryptotracker.testkit.DatabaseHelper;
import dev.cryptotracker.testkit.Service;
import dev.cryptotracker.testkit.Testkit;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The schema's own unique, foreign-key and check constraints, hit directly through the repositories (past the
 * services' checks), arrive as the domain's exceptions, never as jOOQ or JDBC ones.
 */
@Testkit(Service.POSTGRES)
class ConstraintViolationIT {

    private static final Instant NOW = Instant.parse("2024-05-01T10:00:00Z");

    private final DatabaseHelper db;
    private final JooqUserRepository users;
    private final JooqTokenRepository tokens;
    private final JooqAlertRepository alerts;
    private User alice;

    ConstraintViolationIT(DSLContext sql, DatabaseHelper db) {
        this.db = db;
        this.users = new JooqUserRepository(sql);
        this.tokens = new JooqTokenRepository(sql);
        this.alerts = new JooqAlertRepository(sql);
    }

    @BeforeEach
    void createUserAndToken() {
        alice = users.create("alice@example.com", "Alice", "$2a$12$a");
        tokens.create("BTC", "Bitcoin");
    }

    @Test
    void uniqueViolationsArriveAsAlreadyExistsErrors() {
        assertThatThrownBy(() -> users.create("ALICE@example.com", "Alice", "$2a$12$b"))
                .isInstanceOf(EmailAlreadyExistsException.class)
                .hasMessage("a user with email ALICE@example.com already exists");
        assertThatThrownBy(() -> tokens.create("BTC", "Bitcoin"))
                .isInstanceOf(SymbolAlreadyExistsException.class)
                .hasMessage("a token with symbol BTC already exists");
        assertThat(db.rowCount("users")).isEqualTo(1);
        assertThat(db.rowCount("tokens")).isEqualTo(1);
    }

    @Test
    void foreignKeyViolationsArriveAsNotFoundErrors() {
        assertThatThrownBy(() -> alerts.create(alice.id() + 100, new NewAlert("BTC", AlertType.ABOVE, BigDecimal.ONE), NOW))
                .isInstanceOf(UserNotFoundException.class)
                .hasMessage("no user with id " + (alice.id() + 100));
        assertThatThrownBy(() -> alerts.create(alice.id(), new NewAlert("XRP", AlertType.ABOVE, BigDecimal.ONE), NOW))
                .isInstanceOf(UnknownSymbolException.class)
                .hasMessage("no token with symbol XRP");
        assertThat(db.rowCount("alerts")).isZero();
    }

    @Test
    void checkViolationsArriveAsValidationErrors() {
        assertThatThrownBy(() -> alerts.create(alice.id(), new NewAlert("BTC", AlertType.ABOVE, BigDecimal.ZERO), NOW))
                .isInstanceOf(ValidationException.class)
                .hasMessage("cannot create an alert: the value breaks the rule alerts_threshold_check");
        assertThatThrownBy(() -> users.create("bob@example.com", "   ", "$2a$12$b"))
                .isInstanceOf(ValidationException.class)
                .hasMessage("cannot create a user: the value breaks the rule users_name_not_blank_check");
        assertThatThrownBy(() -> tokens.create("ETH", ""))
                .isInstanceOf(ValidationException.class)
                .hasMessage("cannot create a token: the value breaks the rule tokens_name_not_blank_check");
        assertThat(db.rowCount("alerts")).isZero();
        assertThat(db.rowCount("users")).isEqualTo(1);
        assertThat(db.rowCount("tokens")).isEqualTo(1);
    }

    @Test
    void numericOverflowArrivesAsAValidationError() {
        NewAlert tooLarge = new NewAlert("BTC", AlertType.ABOVE, new BigDecimal("100000000000"));

        assertThatThrownBy(() -> alerts.create(alice.id(), tooLarge, NOW))
                .isInstanceOf(ValidationException.class)
                .hasMessage("cannot create an alert: a value is not accepted by the database (SQLSTATE 22003)");
        assertThat(db.rowCount("alerts")).isZero();
    }

    @Test
    void racingSignupsWithOneEmailLeaveOneRowAndReportTheRest() throws Exception {
        int racers = 6;
        ExecutorService executor = Executors.newFixedThreadPool(racers);
        try {
            CyclicBarrier start = new CyclicBarrier(racers);
            List<Future<User>> attempts = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                String email = i % 2 == 0 ? "race@example.com" : "RACE@example.com";
                attempts.add(executor.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return users.create(email, "Racer", "$2a$12$r");
                }));
            }
            int created = 0;
            int rejected = 0;
            for (Future<User> attempt : attempts) {
                try {
                    attempt.get(30, TimeUnit.SECONDS);
                    created++;
                } catch (ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(EmailAlreadyExistsException.class)
                            .hasMessageEndingWith(" already exists");
                    rejected++;
                }
            }
            assertThat(created).isOne();
            assertThat(rejected).isEqualTo(racers - 1);
            assertThat(db.rowCount("users")).isEqualTo(2);
        } finally {
            executor.shutdownNow();
            assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }
}
