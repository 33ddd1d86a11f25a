package dev.cryptotracker.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LogsTest {

    private static final String NONE = "(no errors or warnings since the server became ready)";

    @Test
    void tailKeepsTheLastLines() {
        assertThat(Logs.tail("one\ntwo\nthree\nfour", 2)).isEqualTo("three\nfour");
        assertThat(Logs.tail("one\ntwo", 5)).isEqualTo("one\ntwo");
        assertThat(Logs.tail("one\ntwo", 0)).isEmpty();
    }

    @Test
    void tailOfNoLogIsEmpty() {
        assertThat(Logs.tail(null, 3)).isEmpty();
        assertThat(Logs.tail("", 3)).isEmpty();
    }

    @Test
    void relevantSaysSoWhenThereIsNothingWorthReading() {
        assertThat(Logs.relevant(null, 5)).isEqualTo(NONE);
        assertThat(Logs.relevant("", 5)).isEqualTo(NONE);
        assertThat(Logs.relevant("LOG:  checkpoint starting: time\nLOG:  checkpoint complete", 5)).isEqualTo(NONE);
    }

    @Test
    void relevantKeepsErrorsWarningsAndTheirStatementsSinceTheServerBecameReady() {
        String log = """
                ERROR:  from initdb, before the server was ready
                LOG:  database system is ready to accept connections
                LOG:  checkpoint starting: time
                ERROR:  relation "pets" does not exist at character 15
                STATEMENT:  SELECT * FROM pets
                DETAIL:  Key (id)=(1) already exists.
                HINT:  No function matches the given name.
                CONTEXT:  PL/pgSQL function f() line 3
                WARNING:  there is no transaction in progress
                FATAL:  terminating connection due to administrator command
                PANIC:  could not write to file
                LOG:  received fast shutdown request
                LOG:  server process (PID 42) was killed by signal 9: Killed
                LOG:  background worker exited with exit code 1
                LOG:  out of memory
                LOG:  all server processes terminated; reinitializing
                LOG:  a crash happened
                1:M 01 Jan 2024 00:00:00.000 # WARNING overcommit_memory is set to 0
                LOG:  shutting down
                LOG:  connection received: host=[local]
                """;

        assertThat(Logs.relevant(log, 50)).isEqualTo("""
                ERROR:  relation "pets" does not exist at character 15
                STATEMENT:  SELECT * FROM pets
                DETAIL:  Key (id)=(1) already exists.
                HINT:  No function matches the given name.
                CONTEXT:  PL/pgSQL function f() line 3
                WARNING:  there is no transaction in progress
                FATAL:  terminating connection due to administrator command
                PANIC:  could not write to file
                LOG:  received fast shutdown request
                LOG:  server process (PID 42) was killed by signal 9: Killed
                LOG:  background worker exited with exit code 1
                LOG:  out of memory
                LOG:  all server processes terminated; reinitializing
                LOG:  a crash happened
                1:M 01 Jan 2024 00:00:00.000 # WARNING overcommit_memory is set to 0""");
    }

    @Test
    void relevantStartsAfterTheLastTimeTheServerBecameReady() {
        String log = """
                * Ready to accept connections tcp
                ERROR:  before the restart
                * Ready to accept connections tcp
                ERROR:  after the restart
                """;

        assertThat(Logs.relevant(log, 5)).isEqualTo("ERROR:  after the restart");
    }

    @Test
    void relevantReadsTheWholeLogWhenTheServerNeverSaidItWasReady() {
        assertThat(Logs.relevant("ERROR:  first\nLOG:  noise\nERROR:  second", 5))
                .isEqualTo("ERROR:  first\nERROR:  second");
    }

    @Test
    void relevantShowsTheLatestLinesAndCountsTheOnesLeftOut() {
        String log = IntStream.rangeClosed(1, 5).mapToObj(i -> "ERROR:  number " + i)
                .collect(Collectors.joining("\n"));

        assertThat(Logs.relevant(log, 2)).isEqualTo("(3 earlier lines left out)\nERROR:  number 4\nERROR:  number 5");
        assertThat(Logs.relevant(log, 5)).doesNotContain("left out").startsWith("ERROR:  number 1");
    }

    @Test
    void relevantNeverShowsAPassword() {
        String log = "STATEMENT:  ALTER ROLE app PASSWORD 's3cret;x' VALID UNTIL 'infinity'\n"
                + "STATEMENT:  CREATE USER b WITH password   'hunter2'";

        assertThat(Logs.relevant(log, 5))
                .isEqualTo("STATEMENT:  ALTER ROLE app PASSWORD '***' VALID UNTIL 'infinity'\n"
                        + "STATEMENT:  CREATE USER b WITH password   '***'")
                .doesNotContain("s3cret", "hunter2");
    }

    @Test
    void relevantShortensVeryLongLines() {
        String longLine = "ERROR:  " + "x".repeat(500);
        String exact = "ERROR:  " + "y".repeat(392);

        assertThat(Logs.relevant(longLine, 1)).isEqualTo(longLine.substring(0, 400) + " …");
        assertThat(Logs.relevant(exact, 1)).as("a line of exactly 400 characters is kept whole").isEqualTo(exact);
    }
}
