package dev.cryptotracker.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/**
 * A test that leaves a transaction open — a connection taken from the pool and never closed, holding a lock that
 * the reset needs — fails, by name, with what it left open; the testkit ends that session, so the tests after it
 * start clean and in normal time, without waiting for the lock.
 */
class LeakedTransactionIT {

    @Test
    void aLeakedTransactionFailsTheTestThatLeakedItAndOnlyThatTest() {
        Events tests = EngineTestKit.engine("junit-jupiter").selectors(selectClass(LeakyTests.class)).execute()
                .testEvents();

        assertThat(tests.succeeded().stream().map(LeakedTransactionIT::name))
                .containsExactly("writesToTheLockedTableLikeAnyTest", "startsCleanToo");
        Event leaked = tests.failed().stream().findFirst().orElseThrow(() -> new AssertionError("nothing failed"));
        assertThat(name(leaked)).isEqualTo("leavesATransactionOpen");
        assertThat(tests.failed().count()).isEqualTo(1);
        Throwable failure = leaked.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
        assertThat(failure).isInstanceOf(OpenTransactionException.class)
                .hasMessageStartingWith("test " + LeakyTests.class.getName() + "#leavesATransactionOpen() left a "
                        + "transaction open on database ")
                .hasMessageContaining(", idle in transaction since ")
                .hasMessageContaining("last statement: LOCK TABLE owners IN ACCESS EXCLUSIVE MODE")
                .hasMessageContaining("The testkit ended that session and reset the database");
        Instant leakStarted = timestamp(tests.started(), "leavesATransactionOpen");
        Instant nextFinished = timestamp(tests.finished(), "writesToTheLockedTableLikeAnyTest");
        assertThat(Duration.between(leakStarted, nextFinished))
                .as("the leak and the next test together waited for no lock (the reset's lock timeout is 2 s)")
                .isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void withoutJunitClosingTheLeaseReportsTheOpenTransactionAndTheSlotIsCleanAgain() throws Exception {
        TestkitServers servers = TestkitServers.shared(TestkitConfig.fromEnvironment());
        try {
            TestkitLease lease = servers.lease(Service.POSTGRES);
            Connection leaked = lease.dataSource().getConnection();
            leaked.setAutoCommit(false);
            try (Statement statement = leaked.createStatement()) {
                statement.execute("INSERT INTO owners (name) VALUES ('uncommitted')");
            }

            assertThatThrownBy(lease::close).isInstanceOf(OpenTransactionException.class)
                    .hasMessageStartingWith("a lease left a transaction open")
                    .hasMessageContaining("last statement: INSERT INTO owners (name) VALUES ('uncommitted')");
            assertThat(leaked.isValid(2)).as("the leaked session was ended").isFalse();
            try (TestkitLease next = servers.lease(Service.POSTGRES)) {
                assertThat(next.databaseHelper().rowCount("owners")).isZero();
            }
        } finally {
            servers.close();
        }
    }

    private static Instant timestamp(Events events, String test) {
        return events.stream().filter(event -> name(event).equals(test)).findFirst().orElseThrow().getTimestamp();
    }

    /** The test's method name, without its parameter types. */
    private static String name(Event event) {
        String displayName = event.getTestDescriptor().getDisplayName();
        return displayName.substring(0, displayName.indexOf('('));
    }

    /** Run only through {@link EngineTestKit} above; Failsafe does not pick nested classes up. */
    @Testkit(Service.POSTGRES)
    @TestMethodOrder(OrderAnnotation.class)
    static class LeakyTests {

        /** Held so that nothing closes the connection but the testkit's ending of its session. */
        private static final List<Connection> LEAKED = new ArrayList<>();

        @Test
        @Order(1)
        void leavesATransactionOpen(DataSource dataSource) throws Exception {
            Connection connection = dataSource.getConnection();
            LEAKED.add(connection);
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("INSERT INTO owners (name) VALUES ('Ann')");
                statement.execute("LOCK TABLE owners IN ACCESS EXCLUSIVE MODE");
            }
        }

        @Test
        @Order(2)
        void writesToTheLockedTableLikeAnyTest(DataSource dataSource, DatabaseHelper db) throws Exception {
            assertThat(db.rowCount("owners")).isZero();
            try (Connection connection = dataSource.getConnection();
                 Statement statement = connection.createStatement()) {
                statement.execute("INSERT INTO owners (name) VALUES ('Bob')");
            }
        }

        @Test
        @Order(3)
        void startsCleanToo(DatabaseHelper db) {
            assertThat(db.rowCount("owners")).isZero();
        }
    }
}
