package dev.cryptotracker.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cryptotracker.testkit.SqlFixtureException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

class FixturesTest {

    private static final SqlScript FIRST = new SqlScript("fixtures/first.sql", "SELECT 1;\nSELECT 2;\n");
    private static final SqlScript SECOND = new SqlScript("fixtures/second.sql",
            "-- second\nINSERT INTO owners (name)\n  VALUES ('Ann');\nINSERT INTO pets VALUES (1);\n");
    /** As sent: the scripts one after the other, each followed by a line break. */
    private static final int[] STARTS = {0, FIRST.text().length() + 1};

    private static PSQLException syntaxErrorAt(int position) {
        return new PSQLException(new ServerErrorMessage(
                "SERROR\0C42601\0Msyntax error at or near \"x\"\0P" + position + "\0"));
    }

    private static int neverRun(List<String> statements) {
        throw new AssertionError("statements were run alone although PostgreSQL gave a position");
    }

    @Test
    void loadsScriptsFromTheClasspathWhateverPrefixTheyAreNamedWith() {
        List<SqlScript> scripts = Fixtures.load(List.of("fixtures/owners.sql", "/fixtures/owners.sql",
                "//fixtures/owners.sql", "classpath:fixtures/owners.sql", "classpath:/fixtures/pets.sql"));

        assertThat(scripts).extracting(SqlScript::name).containsExactly("fixtures/owners.sql",
                "fixtures/owners.sql", "fixtures/owners.sql", "fixtures/owners.sql", "fixtures/pets.sql");
        assertThat(scripts.get(0).text()).isEqualTo("""
                -- Two owners every test of SqlFixtureIT starts with.
                INSERT INTO owners (name) VALUES ('Ann'), ('Bob');
                """);
    }

    @Test
    void loadsThroughTheTestkitsClassLoaderWhenTheThreadHasNone() {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(null);
        try {
            assertThat(Fixtures.load(List.of("fixtures/pets.sql"))).extracting(SqlScript::name)
                    .containsExactly("fixtures/pets.sql");
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Test
    void namesAScriptThatIsNotOnTheClasspathAndWhereToPutIt() {
        assertThatThrownBy(() -> Fixtures.load(List.of("fixtures/owners.sql", "classpath:/fixtures/missing.sql")))
                .isInstanceOf(SqlFixtureException.class)
                .hasMessage("fixture script fixtures/missing.sql is not on the classpath (put it under "
                        + "src/test/resources/fixtures/missing.sql)")
                .hasNoCause();
    }

    @Test
    void nothingToLoadGivesNoScripts() {
        assertThat(Fixtures.load(List.of())).isEmpty();
    }

    @Test
    void locatesAServerPositionInTheScriptItFallsIn() {
        int inSecond = STARTS[1] + SECOND.text().indexOf("VALUES ('Ann')");

        assertThat(Fixtures.locate(syntaxErrorAt(inSecond + 1), List.of(FIRST, SECOND), STARTS,
                FixturesTest::neverRun)).isEqualTo("fixture script fixtures/second.sql, line 3, column 3");
        assertThat(Fixtures.locate(syntaxErrorAt(FIRST.text().indexOf("2") + 1), List.of(FIRST, SECOND), STARTS,
                FixturesTest::neverRun)).isEqualTo("fixture script fixtures/first.sql, line 2, column 8");
    }

    @Test
    void aPositionAtTheFirstCharacterOfAScriptBelongsToThatScript() {
        assertThat(Fixtures.locate(syntaxErrorAt(STARTS[1] + 1), List.of(FIRST, SECOND), STARTS,
                FixturesTest::neverRun)).isEqualTo("fixture script fixtures/second.sql, line 1, column 1");
        assertThat(Fixtures.locate(syntaxErrorAt(1), List.of(FIRST, SECOND), STARTS,
                FixturesTest::neverRun)).isEqualTo("fixture script fixtures/first.sql, line 1, column 1");
    }

    @Test
    void aPositionInTheLineBreakBetweenScriptsStaysAtTheEndOfTheEarlierScript() {
        assertThat(Fixtures.locate(syntaxErrorAt(STARTS[1]), List.of(FIRST, SECOND), STARTS,
                FixturesTest::neverRun)).isEqualTo("fixture script fixtures/first.sql, line 3, column 1");
        assertThat(Fixtures.locate(syntaxErrorAt(100), List.of(FIRST), new int[] {0}, FixturesTest::neverRun))
                .as("a position past the end of what was sent").isEqualTo("fixture script fixtures/first.sql, line 3, column 1");
    }

    @Test
    void withoutAPositionRunsTheStatementsAloneAndNamesTheFirstThatFails() {
        List<List<String>> runs = new ArrayList<>();

        String where = Fixtures.locate(new SQLException("duplicate key"), List.of(FIRST, SECOND), STARTS,
                statements -> {
                    runs.add(statements);
                    return 2;
                });

        assertThat(runs).containsExactly(List.of("SELECT 1", "SELECT 2",
                "INSERT INTO owners (name)\n  VALUES ('Ann')", "INSERT INTO pets VALUES (1)"));
        assertThat(where).isEqualTo("fixture script fixtures/second.sql, line 2 "
                + "(INSERT INTO owners (name) VALUES ('Ann'))");
    }

    @Test
    void aServerErrorWithoutPositionAlsoRunsTheStatementsAlone() {
        PSQLException violation = new PSQLException(new ServerErrorMessage(
                "SERROR\0C23505\0Mduplicate key value violates unique constraint\0"));

        assertThat(Fixtures.locate(violation, List.of(FIRST, SECOND), STARTS, statements -> 3))
                .isEqualTo("fixture script fixtures/second.sql, line 4 (INSERT INTO pets VALUES (1))");
        assertThat(Fixtures.locate(violation, List.of(FIRST, SECOND), STARTS, statements -> 0))
                .isEqualTo("fixture script fixtures/first.sql, line 1 (SELECT 1)");
    }

    @Test
    void namesEveryScriptWhenNoStatementFailsAlone() {
        assertThat(Fixtures.locate(new SQLException("deferred constraint"), List.of(FIRST, SECOND), STARTS,
                statements -> -1)).isEqualTo("fixture scripts [fixtures/first.sql, fixtures/second.sql]");
    }

    @Test
    void shortensALongFailingStatementTo120Characters() {
        String values = "x".repeat(200);
        SqlScript script = new SqlScript("fixtures/long.sql", "INSERT INTO notes VALUES ('" + values + "');");
        String exact = "SELECT '" + "y".repeat(111) + "'";
        SqlScript fits = new SqlScript("fixtures/fits.sql", exact);

        assertThat(Fixtures.locate(new SQLException("too long"), List.of(script), new int[] {0}, statements -> 0))
                .isEqualTo("fixture script fixtures/long.sql, line 1 ("
                        + ("INSERT INTO notes VALUES ('" + values).substring(0, 120) + " …)");
        assertThat(exact).hasSize(120);
        assertThat(Fixtures.locate(new SQLException("fits"), List.of(fits), new int[] {0}, statements -> 0))
                .isEqualTo("fixture script fixtures/fits.sql, line 1 (" + exact + ")");
    }
}
