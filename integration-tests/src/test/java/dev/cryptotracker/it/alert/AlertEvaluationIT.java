package dev.cryptotracker.it.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.cryptotracker.domain.alert.Alert;
import dev.cryptotracker.domain.alert.AlertService;
import dev.cryptotracker.domain.alert.AlertStatus;
import dev.cryptotracker.domain.alert.AlertType;
import dev.cryptotracker.domain.token.TokenService;
import dev.cryptotracker.domain.user.User;
import dev.cryptotracker.domain.user.UserService;
import dev.cryptotracker.persistence.DataSourceFactory;
import dev.cryptotracker.persistence.DatabaseSettings;
import dev.cryptotracker.persistence.JooqAlertRepository;
import dev.cryptotracker.persistence.JooqTokenRepository;
import dev.cryptotracker.persistence.JooqUserRepository;
import dev.cryptotracker.testkit.ConnectionDetails;
import dev.cryptotracker.testkit.Service;
import dev.cryptotracker.testkit.Testkit;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Evaluation triggers each matching alert exactly once, also when several workers evaluate the same price at once. */
@Testkit(Service.POSTGRES)
class AlertEvaluationIT {

    private static final Instant NOW = Instant.parse("2024-05-01T10:00:00Z");
    private static final int WORKERS = 6;
    private static final int ROUNDS = 5;

    private final DSLContext sql;
    private final AlertService alerts;
    private final HikariDataSource workerPool;
    private User alice;
    private User bob;

    AlertEvaluationIT(DSLContext sql, ConnectionDetails details) {
        this.sql = sql;
        this.alerts = new AlertService(new JooqAlertRepository(sql), new JooqTokenRepository(sql),
                Clock.fixed(NOW, ZoneOffset.UTC));
        // One connection per worker, as separate worker processes would have.
        this.workerPool = DataSourceFactory.create(DatabaseSettings
                .of(details.jdbcUrl(), details.username(), details.password())
                .withPoolName("alert-evaluation-workers")
                .withMaximumPoolSize(WORKERS));
    }

    @BeforeEach
    void createUsersAndTokens() {
        TokenService tokens = new TokenService(new JooqTokenRepository(sql));
        tokens.add("BTC", "Bitcoin");
        tokens.add("ETH", "Ether");
        UserService users = new UserService(new JooqUserRepository(sql));
        alice = users.create("alice@example.com", "Alice", "$2a$12$a");
        bob = users.create("bob@example.com", "Bob", "$2a$12$b");
    }

    @AfterEach
    void closeWorkerPool() {
        workerPool.close();
    }

    @Test
    void evaluateTriggersAboveAtOrOverAndBelowAtOrUnderTheThreshold() {
        Alert aboveMet = alerts.create(alice.id(), "BTC", AlertType.ABOVE, new BigDecimal("100"));
        Alert aboveNotMet = alerts.create(alice.id(), "BTC", AlertType.ABOVE, new BigDecimal("100.00000001"));
        Alert belowMet = alerts.create(bob.id(), "BTC", AlertType.BELOW, new BigDecimal("100"));
        Alert belowNotMet = alerts.create(bob.id(), "BTC", AlertType.BELOW, new BigDecimal("99.99999999"));
        Alert otherSymbol = alerts.create(bob.id(), "ETH", AlertType.ABOVE, new BigDecimal("1"));

        List<Alert> triggered = alerts.evaluate("BTC", new BigDecimal("100"));

        assertThat(triggered).extracting(Alert::id).containsExactly(aboveMet.id(), belowMet.id());
        assertThat(triggered).allSatisfy(alert -> {
            assertThat(alert.status()).isEqualTo(AlertStatus.TRIGGERED);
            assertThat(alert.triggeredAt()).isEqualTo(NOW);
        });
        for (Alert untouched : List.of(aboveNotMet, belowNotMet, otherSymbol)) {
            assertThat(alerts.findById(untouched.id()).status()).isEqualTo(AlertStatus.ACTIVE);
            assertThat(alerts.findById(untouched.id()).triggeredAt()).isNull();
        }
    }

    @Test
    void evaluatingAgainNeverTriggersTwiceNorMovesTriggeredAt() {
        Alert alert = alerts.create(alice.id(), "BTC", AlertType.ABOVE, new BigDecimal("100"));
        alerts.evaluate("BTC", new BigDecimal("150"));
        AlertService later = new AlertService(new JooqAlertRepository(sql), new JooqTokenRepository(sql),
                Clock.fixed(NOW.plusSeconds(3600), ZoneOffset.UTC));

        assertThat(later.evaluate("BTC", new BigDecimal("200"))).isEmpty();
        assertThat(alerts.findById(alert.id()).triggeredAt()).isEqualTo(NOW);
    }

    @Test
    void concurrentEvaluationsTriggerEachMatchingAlertExactlyOnce() throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(WORKERS);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                sql.execute("DELETE FROM alerts");
                Set<Long> matching = new HashSet<>();
                Set<Long> notMatching = new HashSet<>();
                for (int i = 0; i < 20; i++) {
                    matching.add(alerts.create(alice.id(), "BTC", AlertType.ABOVE, new BigDecimal(100 + i)).id());
                    matching.add(alerts.create(bob.id(), "BTC", AlertType.BELOW, new BigDecimal(150 + i)).id());
                    notMatching.add(alerts.create(alice.id(), "BTC", AlertType.ABOVE, new BigDecimal(151 + i)).id());
                    notMatching.add(alerts.create(bob.id(), "ETH", AlertType.ABOVE, BigDecimal.ONE).id());
                }

                CyclicBarrier start = new CyclicBarrier(WORKERS);
                List<Future<List<Alert>>> results = new ArrayList<>();
                for (int worker = 0; worker < WORKERS; worker++) {
                    // Each worker stamps its own time, so triggered_at tells which worker triggered an alert.
                    Clock clock = Clock.fixed(NOW.plusSeconds(worker + 1), ZoneOffset.UTC);
                    DSLContext workerSql = DataSourceFactory.dsl(workerPool);
                    AlertService service = new AlertService(new JooqAlertRepository(workerSql),
                            new JooqTokenRepository(workerSql), clock);
                    results.add(executor.submit(() -> {
                        start.await(10, TimeUnit.SECONDS);
                        return service.evaluate("BTC", new BigDecimal("150"));
                    }));
                }

                Map<Long, Instant> returnedTriggerTimes = new HashMap<>();
                int returned = 0;
                for (Future<List<Alert>> result : results) {
                    for (Alert alert : result.get(30, TimeUnit.SECONDS)) {
                        returned++;
                        returnedTriggerTimes.put(alert.id(), alert.triggeredAt());
                    }
                }

                assertThat(returned).as("alerts returned in round %d", round).isEqualTo(matching.size());
                assertThat(returnedTriggerTimes.keySet()).isEqualTo(matching);
                for (long id : matching) {
                    Alert stored = alerts.findById(id);
                    assertThat(stored.status()).isEqualTo(AlertStatus.TRIGGERED);
                    assertThat(stored.triggeredAt()).isEqualTo(returnedTriggerTimes.get(id));
                }
                for (long id : notMatching) {
                    assertThat(alerts.findById(id).status()).isEqualTo(AlertStatus.ACTIVE);
                }
            }
        } finally {
            executor.shutdownNow();
            assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }
}
