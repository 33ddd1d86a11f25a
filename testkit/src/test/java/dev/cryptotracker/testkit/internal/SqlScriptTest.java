package dev.cryptotracker.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cryptotracker.testkit.internal.SqlScript.Statement;
import org.junit.jupiter.api.Test;

class SqlScriptTest {

    private static SqlScript script(String text) {
        return new SqlScript("fixtures/test.sql", text);
    }

    @Test
    void splitsOnSemicolonsAndNumbersEachStatementByTheLineItStartsOn() {
        SqlScript script = script("INSERT INTO a VALUES (1);\nINSERT INTO b VALUES (2);\n\n\nDELETE FROM c;\n");

        assertThat(script.statements()).containsExactly(
                new Statement("INSERT INTO a VALUES (1)", 1),
                new Statement("INSERT INTO b VALUES (2)", 2),
                new Statement("DELETE FROM c", 5));
    }

    @Test
    void keepsALastStatementWithoutSemicolon() {
        assertThat(script("SELECT 1;\nSELECT 2").statements()).containsExactly(
                new Statement("SELECT 1", 1), new Statement("SELECT 2", 2));
    }

    @Test
    void doesNotSplitOnSemicolonsInsideStringLiteralsOrQuotedIdentifiers() {
        SqlScript script = script("INSERT INTO \"odd;name\" VALUES ('a;b', 'c');\nSELECT 'x';");

        assertThat(script.statements()).containsExactly(
                new Statement("INSERT INTO \"odd;name\" VALUES ('a;b', 'c')", 1),
                new Statement("SELECT 'x'", 2));
    }

    @Test
    void treatsAnUnterminatedStringAsRunningToTheEndOfTheScript() {
        assertThat(script("SELECT 1;\nSELECT 'open; SELECT 2").statements()).containsExactly(
                new Statement("SELECT 1", 1), new Statement("SELECT 'open; SELECT 2", 2));
    }

    @Test
    void doesNotSplitOnSemicolonsInsideLineComments() {
        SqlScript script = script("SELECT 1; -- first; not a statement\nSELECT 2;");

        assertThat(script.statements()).containsExactly(
                new Statement("SELECT 1", 1), new Statement("SELECT 2", 2));
    }

    @Test
    void startsAStatementAtItsCodeAfterLeadingComments() {
        SqlScript script = script("""
                -- owners first
                /* two lines
                   of comment; with a semicolon */
                INSERT INTO owners VALUES (1);
                """);

        assertThat(script.statements()).containsExactly(new Statement("INSERT INTO owners VALUES (1)", 4));
    }

    @Test
    void dropsSegmentsThatHoldOnlyBlanksOrLineComments() {
        SqlScript script = script("SELECT 1;\n\n;  ;\n-- just a note\n  -- and another\n;SELECT 2;\n-- trailing");

        assertThat(script.statements()).containsExactly(
                new Statement("SELECT 1", 1), new Statement("SELECT 2", 6));
    }

    @Test
    void aLineCommentWithoutLineBreakEndsTheScript() {
        assertThat(script("SELECT 1 -- last; words").statements())
                .containsExactly(new Statement("SELECT 1 -- last; words", 1));
    }

    @Test
    void anUnterminatedBlockCommentRunsToTheEndOfTheScript() {
        assertThat(script("SELECT 1 /* open; SELECT 2").statements())
                .containsExactly(new Statement("SELECT 1 /* open; SELECT 2", 1));
    }

    @Test
    void keepsMinusAndSlashOperatorsAsCode() {
        assertThat(script("SELECT 4-1;SELECT 4/2;SELECT 3").statements()).containsExactly(
                new Statement("SELECT 4-1", 1), new Statement("SELECT 4/2", 1), new Statement("SELECT 3", 1));
    }

    @Test
    void doesNotSplitInsideDollarQuotedBodies() {
        SqlScript script = script("""
                CREATE FUNCTION f() RETURNS int AS $$
                BEGIN
                  PERFORM 1; RETURN 2;
                END $$ LANGUAGE plpgsql;
                DO $body_1$ BEGIN PERFORM 'x;'; END $body_1$;
                SELECT f();
                """);

        assertThat(script.statements()).extracting(Statement::line).containsExactly(1, 5, 6);
        assertThat(script.statements().get(0).sql())
                .isEqualTo("CREATE FUNCTION f() RETURNS int AS $$\nBEGIN\n  PERFORM 1; RETURN 2;\nEND $$ LANGUAGE plpgsql");
        assertThat(script.statements().get(1).sql()).isEqualTo("DO $body_1$ BEGIN PERFORM 'x;'; END $body_1$");
    }

    @Test
    void aDollarQuoteEndsOnlyAtTheSameTag() {
        SqlScript script = script("SELECT $a$ one $$; two $b$; $a$;SELECT 2");

        assertThat(script.statements()).containsExactly(
                new Statement("SELECT $a$ one $$; two $b$; $a$", 1), new Statement("SELECT 2", 1));
    }

    @Test
    void anUnterminatedDollarQuoteRunsToTheEndOfTheScript() {
        assertThat(script("SELECT 1;\nDO $$ BEGIN; SELECT 2").statements()).containsExactly(
                new Statement("SELECT 1", 1), new Statement("DO $$ BEGIN; SELECT 2", 2));
    }

    @Test
    void treatsPositionalParametersAndATrailingDollarAsCode() {
        assertThat(script("SELECT $1; SELECT $2 ;SELECT $x").statements()).containsExactly(
                new Statement("SELECT $1", 1), new Statement("SELECT $2", 1), new Statement("SELECT $x", 1));
        assertThat(script("SELECT 1; SELECT $").statements()).containsExactly(
                new Statement("SELECT 1", 1), new Statement("SELECT $", 1));
    }

    @Test
    void anEmptyScriptHasNoStatements() {
        assertThat(script("").statements()).isEmpty();
        assertThat(script("  \n\t\n").statements()).isEmpty();
    }

    @Test
    void linesAndColumnsAreOneBasedAndCountLineBreaks() {
        SqlScript script = script("ab\ncde\n\nf");

        assertThat(script.line(0)).isEqualTo(1);
        assertThat(script.column(0)).isEqualTo(1);
        assertThat(script.line(1)).isEqualTo(1);
        assertThat(script.column(1)).isEqualTo(2);
        assertThat(script.line(2)).as("the line break belongs to its line").isEqualTo(1);
        assertThat(script.column(2)).isEqualTo(3);
        assertThat(script.line(3)).isEqualTo(2);
        assertThat(script.column(3)).isEqualTo(1);
        assertThat(script.line(5)).isEqualTo(2);
        assertThat(script.column(5)).isEqualTo(3);
        assertThat(script.line(7)).isEqualTo(3);
        assertThat(script.column(7)).isEqualTo(1);
        assertThat(script.line(8)).isEqualTo(4);
        assertThat(script.column(8)).isEqualTo(1);
        assertThat(script.line(100)).as("an offset past the end stays on the last line").isEqualTo(4);
    }

    @Test
    void aLeadingLineBreakPutsTheFirstCodeOnLineTwo() {
        SqlScript script = script("\nSELECT 1");

        assertThat(script.statements()).containsExactly(new Statement("SELECT 1", 2));
        assertThat(script.column(1)).isEqualTo(1);
        assertThat(script.column(2)).isEqualTo(2);
    }

    @Test
    void aLineCommentEndingInAQuoteStartsNoString() {
        assertThat(script("-- 'quoted'\nSELECT 'a;b';").statements())
                .containsExactly(new Statement("SELECT 'a;b'", 2));
    }

    @Test
    void aBlockCommentEndsOnlyAtAStarSlashAfterItsOpening() {
        assertThat(script("SELECT 1 /*/ ; */; SELECT 2").statements()).containsExactly(
                new Statement("SELECT 1 /*/ ; */", 1), new Statement("SELECT 2", 1));
        assertThat(script("/*/ x */SELECT 1").statements()).containsExactly(new Statement("SELECT 1", 1));
    }

    @Test
    void dollarSignsInsideABlockCommentStartNoDollarQuote() {
        assertThat(script("/* $$*/ SELECT 1; SELECT 2").statements()).containsExactly(
                new Statement("SELECT 1", 1), new Statement("SELECT 2", 1));
    }

    @Test
    void aSegmentOfOnlyABlockCommentIsKeptAsItIsForPostgresqlRunsItAsAnEmptyStatement() {
        assertThat(script("SELECT 1;\n/* only a comment */").statements()).containsExactly(
                new Statement("SELECT 1", 1), new Statement("/* only a comment */", 1));
    }
}
