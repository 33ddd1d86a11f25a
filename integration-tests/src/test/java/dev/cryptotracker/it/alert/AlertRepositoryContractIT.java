package dev.cryptotracker.it.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.cryptotracker.domain.alert.Alert;
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
import java.time.Instant;
import java.util.List;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The full contract of every {@link JooqAlertRepository} query: which rows each one includes and excludes (other
 * users' alerts, other symbols, every status), in which order, also once an UPDATE has moved a row to the end of
 * the heap (PostgreSQL returns heap order when a query has no ORDER BY), and what an empty result looks like.
 */
@Testkit(Service.POSTGRES)
class AlertRepositoryContractIT {

    private static final Instant CREATED = Instant.parse("2024-02-29T12:34:56.123456Z");
    private static final Instant TRIGGERED = Instant.parse("2024-03-01T00:00:00.000001Z");

    private final DSLContext sql;
    private final DatabaseHelper db;
    private final JooqAlertRepository repository;
    private User alice;
    private User bob;

    AlertRepositoryContractIT(DSLContext sql, DatabaseHelper db) {
        this.sql = sql;
        this.db = db;
        this.repository = new JooqAlertRepository(sql);
    }

    @BeforeEach
    void createUsersAndTokens() {
        TokenService tokens = new TokenService(new JooqTokenRepository(sql));
        tokens.add("BTC", "Bitcoin");
        tokens.add("ETH", "Ether");
        UserService users = new UserService(new JooqUserRepository(sql));
        alice = users.create("alice@example.com", "Alice", "$2a$04$a");
        bob = users.create("bob@example.com", "Bob", "$2a$04$b");
    }

    // --- findByUserId ---

    @Test
    void listByUserHoldsEveryStatusOfThatUserAndNoOtherUsersAlertsOldestFirst() {
        Alert first = create(alice, "BTC", AlertType.ABOVE, "100");
        Alert ofBob = create(bob, "BTC", AlertType.ABOVE, "100");
        Alert second = create(alice, "ETH", AlertType.BELOW, "50");
        Alert third = create(alice, "BTC", AlertType.BELOW, "10");
        Alert triggered = repository.triggerMatching("ETH", new BigDecimal("40"), TRIGGERED).get(0);

        assertThat(triggered.id()).isEqualTo(second.id());
        assertThat(repository.findByUserId(alice.id())).containsExactly(first, triggered, third);
        assertThat(repository.findByUserId(bob.id())).containsExactly(ofBob);
    }

    @Test
    void listByUserIsEmptyForAUserWithoutAlertsAndForAnUnknownUser() {
        create(alice, "BTC", AlertType.ABOVE, "1");

        assertThat(repository.findByUserId(bob.id())).isEmpty();
        assertThat(repository.findByUserId(bob.id() + 100)).isEmpty();
        assertThat(repository.findByUserId(0)).isEmpty();
    }

    @Test
    void listByUserKeepsIdOrderAfterAnUpdateMovesTheFirstRowToTheEndOfTheHeap() {
        Alert first = create(alice, "BTC", AlertType.ABOVE, "100");
        Alert second = create(alice, "ETH", AlertType.ABOVE, "100");
        Alert third = create(alice, "BTC", AlertType.BELOW, "1");

        repository.triggerMatching("BTC", new BigDecimal("150"), TRIGGERED);

        // The premise: the updated row now lies last in the table, so only an ORDER BY puts it first.
        assertThat(idsInHeapOrder()).containsExactly(second.id(), third.id(), first.id());
        assertThat(repository.findByUserId(alice.id())).extracting(Alert::id)
                .containsExactly(first.id(), second.id(), third.id());
    }

    // --- findById ---

    @Test
    void findByIdReturnsExactlyThatAlertAmongSeveralOfSeveralUsers() {
        Alert first = create(alice, "BTC", AlertType.ABOVE, "100");
        Alert ofBob = create(bob, "ETH", AlertType.BELOW, "5");
        Alert last = create(alice, "ETH", AlertType.ABOVE, "7");

        assertThat(repository.findById(first.id())).contains(first);
        assertThat(repository.findById(ofBob.id())).contains(ofBob);
        assertThat(repository.findById(last.id())).contains(last);
        assertThat(repository.findById(last.id() + 1)).isEmpty();
        assertThat(repository.findById(0)).isEmpty();
        assertThat(repository.findById(-1)).isEmpty();
        assertThat(repository.findById(Long.MAX_VALUE)).isEmpty();
    }

    @Test
    void findByIdReadsATriggeredAlertWithItsTriggerTime() {
        Alert alert = create(alice, "BTC", AlertType.BELOW, "10");
        repository.triggerMatching("BTC", new BigDecimal("10"), TRIGGERED);

        Alert found = repository.findById(alert.id()).orElseThrow();

        assertThat(found.status()).isEqualTo(AlertStatus.TRIGGERED);
        assertThat(found.triggeredAt()).isEqualTo(TRIGGERED);
        assertThat(found.createdAt()).isEqualTo(CREATED);
    }

    // --- deleteByIdAndUserId ---

    @Test
    void deleteRemovesExactlyTheOwnersOneAlertAndSaysSo() {
        Alert removed = create(alice, "BTC", AlertType.ABOVE, "100");
        Alert kept = create(alice, "BTC", AlertType.ABOVE, "200");
        Alert ofBob = create(bob, "BTC", AlertType.ABOVE, "100");

        assertThat(repository.deleteByIdAndUserId(removed.id(), alice.id())).isTrue();

        assertThat(repository.findByUserId(alice.id())).containsExactly(kept);
        assertThat(repository.findByUserId(bob.id())).containsExactly(ofBob);
        assertThat(repository.deleteByIdAndUserId(removed.id(), alice.id())).as("already gone").isFalse();
        assertThat(repository.deleteByIdAndUserId(ofBob.id(), alice.id())).as("bob's").isFalse();
        assertThat(repository.deleteByIdAndUserId(ofBob.id() + 1, alice.id())).as("unknown id").isFalse();
        assertThat(db.rowCount("alerts")).isEqualTo(2);
    }

    @Test
    void deleteRemovesATriggeredAlertToo() {
        Alert alert = create(alice, "BTC", AlertType.ABOVE, "1");
        repository.triggerMatching("BTC", BigDecimal.ONE, TRIGGERED);

        assertThat(repository.deleteByIdAndUserId(alert.id(), alice.id())).isTrue();
        assertThat(db.rowCount("alerts")).isZero();
    }

    // --- createAll ---

    @Test
    void createAllReturnsTheStoredAlertsInTheOrderGivenNotBySymbolOrThreshold() {
        List<Alert> created = repository.createAll(alice.id(), List.of(
                new NewAlert("ETH", AlertType.BELOW, new BigDecimal("3.00000000")),
                new NewAlert("BTC", AlertType.ABOVE, new BigDecimal("1.00000000")),
                new NewAlert("ETH", AlertType.ABOVE, new BigDecimal("2.00000000"))), CREATED);

        assertThat(created).extracting(Alert::symbol, a -> a.threshold().toPlainString())
                .containsExactly(tuple("ETH", "3.00000000"),
                        tuple("BTC", "1.00000000"),
                        tuple("ETH", "2.00000000"));
        assertThat(created).allSatisfy(alert -> {
            assertThat(alert.userId()).isEqualTo(alice.id());
            assertThat(alert.status()).isEqualTo(AlertStatus.ACTIVE);
            assertThat(alert.createdAt()).isEqualTo(CREATED);
            assertThat(alert.triggeredAt()).isNull();
        });
        assertThat(repository.findByUserId(alice.id())).containsExactlyElementsOf(created);
    }

    // --- triggerMatching ---

    @Test
    void triggerMatchingTriggersOnlyActiveAlertsOfThatSymbolThatThePriceMeetsAtTheEdges() {
        Alert earlier = create(alice, "BTC", AlertType.ABOVE, "50");
        Instant earlierTime = TRIGGERED.minusSeconds(60);
        assertThat(repository.triggerMatching("BTC", new BigDecimal("60"), earlierTime)).extracting(Alert::id)
                .containsExactly(earlier.id());
        Alert aboveAtPrice = create(alice, "BTC", AlertType.ABOVE, "100");
        Alert aboveJustOver = create(alice, "BTC", AlertType.ABOVE, "100.00000001");
        Alert belowAtPrice = create(bob, "BTC", AlertType.BELOW, "100");
        Alert belowJustUnder = create(alice, "BTC", AlertType.BELOW, "99.99999999");
        Alert aboveJustUnder = create(bob, "BTC", AlertType.ABOVE, "99.99999999");
        Alert otherSymbol = create(alice, "ETH", AlertType.ABOVE, "1");

        List<Alert> triggered = repository.triggerMatching("BTC", new BigDecimal("100.00000000"), TRIGGERED);

        assertThat(triggered).extracting(Alert::id)
                .containsExactly(aboveAtPrice.id(), belowAtPrice.id(), aboveJustUnder.id());
        assertThat(triggered).allSatisfy(alert -> {
            assertThat(alert.status()).isEqualTo(AlertStatus.TRIGGERED);
            assertThat(alert.triggeredAt()).isEqualTo(TRIGGERED);
            assertThat(alert.createdAt()).isEqualTo(CREATED);
        });
        for (Alert untouched : List.of(aboveJustOver, belowJustUnder, otherSymbol)) {
            assertThat(repository.findById(untouched.id()).orElseThrow().status()).isEqualTo(AlertStatus.ACTIVE);
        }
        Alert stillEarlier = repository.findById(earlier.id()).orElseThrow();
        assertThat(stillEarlier.triggeredAt()).isEqualTo(earlierTime);
    }

    @Test
    void triggerMatchingReturnsNothingWhenNoAlertMatches() {
        create(alice, "BTC", AlertType.ABOVE, "100");

        assertThat(repository.triggerMatching("BTC", new BigDecimal("99.99999999"), TRIGGERED)).isEmpty();
        assertThat(repository.triggerMatching("ETH", new BigDecimal("1000"), TRIGGERED)).isEmpty();
    }

    @Test
    void triggerMatchingReturnsAlertsInIdOrderAfterAnUpdateMovedTheFirstToTheEndOfTheHeap() {
        Alert first = create(alice, "BTC", AlertType.ABOVE, "10");
        Alert second = create(bob, "BTC", AlertType.ABOVE, "10");
        Alert third = create(alice, "BTC", AlertType.BELOW, "1000");
        // Changing an indexed column is never a HOT update: the row gets a new place and new index entries.
        sql.execute("UPDATE alerts SET symbol = 'ETH' WHERE id = ?", first.id());
        sql.execute("UPDATE alerts SET symbol = 'BTC' WHERE id = ?", first.id());
        assertThat(idsInHeapOrder()).containsExactly(second.id(), third.id(), first.id());

        assertThat(repository.triggerMatching("BTC", new BigDecimal("100"), TRIGGERED)).extracting(Alert::id)
                .containsExactly(first.id(), second.id(), third.id());
    }

    private Alert create(User user, String symbol, AlertType type, String threshold) {
        return repository.create(user.id(), new NewAlert(symbol, type, new BigDecimal(threshold).setScale(8)), CREATED);
    }

    private List<Long> idsInHeapOrder() {
        return sql.fetch("SELECT id FROM alerts ORDER BY ctid").getValues(0, Long.class);
    }
}
