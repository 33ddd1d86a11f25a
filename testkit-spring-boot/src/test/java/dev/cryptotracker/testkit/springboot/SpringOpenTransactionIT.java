package dev.cryptotracker.testkit.springboot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.cryptotracker.testkit.OpenTransactionException;
import dev.cryptotracker.testkit.springboot.notes.NoteService;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * In a Spring test context too, a test that leaves a transaction open (a connection of the application's pool
 * never closed, holding a lock) fails, by name, when it ends; the session is ended and the next test starts clean.
 */
class SpringOpenTransactionIT {

    @Test
    void aTestThatLeavesATransactionOpenFailsByNameAndTheNextStartsClean() {
        Events tests = EngineTestKit.engine("junit-jupiter").selectors(selectClass(Leaky.class)).execute()
                .testEvents();

        assertThat(tests.succeeded().count()).as("the test after the leak").isEqualTo(1);
        assertThat(tests.failed().stream()
                .map(event -> event.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow())
                .toList()).singleElement()
                .isInstanceOf(OpenTransactionException.class)
                .extracting(Throwable::getMessage).asString()
                .startsWith("test " + Leaky.class.getName() + "#leavesATransactionOpen() left a transaction open")
                .contains("last statement: LOCK TABLE notes IN ACCESS EXCLUSIVE MODE");
    }

    /** Run only through {@link EngineTestKit} above; Failsafe does not pick nested classes up. */
    @NotesTest
    @TestMethodOrder(OrderAnnotation.class)
    static class Leaky {

        /** Held so that nothing closes the connection but the testkit's ending of its session. */
        private static final List<Connection> LEAKED = new ArrayList<>();

        @Autowired
        DataSource dataSource;
        @Autowired
        NoteService notes;

        @Test
        @Order(1)
        void leavesATransactionOpen() throws Exception {
            Connection connection = dataSource.getConnection();
            LEAKED.add(connection);
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("LOCK TABLE notes IN ACCESS EXCLUSIVE MODE");
            }
        }

        @Test
        @Order(2)
        void startsCleanAndWritesTheLockedTable() {
            assertThat(notes.count()).isZero();
            notes.add("after the leak", "blue");
        }
    }
}
