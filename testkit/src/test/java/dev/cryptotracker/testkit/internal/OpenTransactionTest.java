package dev.cryptotracker.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenTransactionTest {

    private static final Instant SINCE = Instant.parse("2024-03-01T10:15:30.250Z");
    private static final Instant NOW = SINCE.plusMillis(1_500);
    /** The server's time as the report shows it: this machine's time zone. */
    private static final String SINCE_LOCAL = DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault()).format(SINCE);

    @Test
    void describesTheSessionItsStateSinceWhenAndItsLastStatement() {
        OpenTransaction open = new OpenTransaction(4711, "idle in transaction", SINCE, "  UPDATE owners\n   SET name = 'x'\t");

        assertThat(open.describe(NOW)).isEqualTo("session 4711, idle in transaction since " + SINCE_LOCAL
                + " (1500 ms), last statement: UPDATE owners SET name = 'x'");
    }

    @Test
    void leavesOutTheTimeWhenTheServerGaveNone() {
        assertThat(new OpenTransaction(7, "active", null, "SELECT 1").describe(NOW))
                .isEqualTo("session 7, active, last statement: SELECT 1");
    }

    @Test
    void saysNoneWhenThereWasNoStatement() {
        assertThat(new OpenTransaction(7, "idle in transaction (aborted)", null, null).describe(NOW))
                .isEqualTo("session 7, idle in transaction (aborted), last statement: (none)");
        assertThat(new OpenTransaction(7, "active", null, " \n ").describe(NOW))
                .isEqualTo("session 7, active, last statement: (none)");
    }

    @Test
    void neverShowsAPasswordTheStatementSet() {
        String described = new OpenTransaction(7, "active", null,
                "ALTER ROLE app WITH PASSWORD 'hunter2'; CREATE ROLE b password  'x y'").describe(NOW);

        assertThat(described).isEqualTo("session 7, active, last statement: ALTER ROLE app WITH PASSWORD '***'; "
                + "CREATE ROLE b password '***'");
    }

    @Test
    void reportsOneTransactionLeftOpenAndWhatToDoAboutIt() {
        String report = OpenTransaction.describe(List.of(new OpenTransaction(7, "active", null, "SELECT 1")),
                "testkit_slot_0", NOW);

        assertThat(report).isEqualTo("left a transaction open on database testkit_slot_0: session 7, active, "
                + "last statement: SELECT 1. The testkit ended that session and reset the database, so the next test "
                + "starts clean. Close every connection a test takes (try-with-resources) and end every transaction "
                + "it begins (commit or rollback)");
    }

    @Test
    void reportsSeveralTransactionsLeftOpenTogether() {
        String report = OpenTransaction.describe(List.of(new OpenTransaction(7, "active", null, "SELECT 1"),
                new OpenTransaction(8, "idle in transaction", null, "SELECT 2")), "app", NOW);

        assertThat(report).startsWith("left 2 transactions open on database app: session 7, active, last "
                        + "statement: SELECT 1; session 8, idle in transaction, last statement: SELECT 2. The testkit "
                        + "ended those sessions and reset the database");
    }
}
