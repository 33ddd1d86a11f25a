package dev.cryptotracker.it.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import dev.cryptotracker.domain.InvalidCredentialsException;
import dev.cryptotracker.domain.ValidationException;
import dev.cryptotracker.domain.user.User;
import dev.cryptotracker.testkit.DatabaseHelper;
import dev.cryptotracker.testkit.Testkit;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.redisson.api.RedissonClient;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The password policy end to end: NFKC at signup and at login, so the same text typed in another Unicode form
 * logs in, while every other difference — white space, case, U+0000 — still makes another password.
 */
@Testkit
class PasswordNormalisationIT {

    private static final String EMAIL = "alice@example.com";

    private final RedissonClient redisson;
    private final DatabaseHelper db;
    private final AuthSetup setup;

    PasswordNormalisationIT(DataSource dataSource, RedissonClient redisson, DatabaseHelper db) {
        this.redisson = redisson;
        this.db = db;
        this.setup = AuthSetup.over(dataSource, redisson);
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', textBlock = """
            caf\u00e9 au lait         | cafe\u0301 au lait        | U+00E9 at signup, e + U+0301 at login
            cafe\u0301 au lait        | caf\u00e9 au lait         | e + U+0301 at signup, U+00E9 at login
            \uff50\uff41\uff53\uff53\uff57\uff4f\uff52\uff44\uff11\uff12 | password12 | full-width at signup
            password12                | \uff50\uff41\uff53\uff53\uff57\uff4f\uff52\uff44\uff11\uff12 | full-width at login
            \ufb01nancial plan        | financial plan            | the ligature fi
            pass\u00a0word 2024       | pass word 2024            | a no-break space
            pass\u3000word 2024       | pass word 2024            | an ideographic space
            \u1100\u1161\u11a8\u1100\u1161\u11a8\u1100\u1161\u11a8\u1100\u1161\u11a8\u1100\u1161\u11a8\u1100\u1161\u11a8\u1100\u1161\u11a8\u1100\u1161\u11a8 | \uac01\uac01\uac01\uac01\uac01\uac01\uac01\uac01 | Hangul jamo and syllables
            """)
    void samePasswordTypedInAnotherUnicodeFormLogsIn(String atSignup, String atLogin, String what) {
        assertThat(atSignup).isNotEqualTo(atLogin);
        User alice = setup.auth.signup(EMAIL, "Alice", atSignup).user();

        assertThat(setup.auth.login(EMAIL, atLogin).user().id()).isEqualTo(alice.id());
        assertThat(setup.auth.login(EMAIL, atSignup).user().id()).isEqualTo(alice.id());
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            "  padded password  "     | "padded password"       | surrounding spaces are not trimmed
            "padded password "        | "padded password"       | a trailing space counts
            "Case Sensitive"          | "case sensitive"        | case is not folded
            "CASE SENSITIVE"          | "Case Sensitive"        | case is not folded
            "tab\tseparated"          | "tab separated"         | a tab is not a space
            "nul\u0000inside password"| "nulinside password"    | U+0000 counts
            "nul\u0000inside password"| "nul inside password"   | U+0000 is not a space
            "trailing nul pass\u0000" | "trailing nul pass"     | a trailing U+0000 counts
            """)
    void everyOtherDifferenceStillMakesAnotherPassword(String atSignup, String atLogin, String what) {
        User alice = setup.auth.signup(EMAIL, "Alice", atSignup).user();

        assertThatThrownBy(() -> setup.auth.login(EMAIL, atLogin))
                .isInstanceOf(InvalidCredentialsException.class)
                .hasMessage("invalid email or password");
        assertThat(setup.auth.login(EMAIL, atSignup).user().id()).isEqualTo(alice.id());
    }

    @Test
    void storesTheHashOfTheNormalisedText(DSLContext sql) {
        User alice = setup.auth.signup(EMAIL, "Alice", "cafe\u0301 au lait").user();

        String stored = sql.fetchValue("SELECT password_hash FROM users WHERE id = ?", alice.id()).toString();
        // Checked with bcrypt itself, bypassing the hasher's own normalisation: the composed bytes were hashed.
        BCrypt.Verifyer bcrypt = BCrypt.verifyer();
        assertThat(bcrypt.verify("caf\u00e9 au lait".getBytes(StandardCharsets.UTF_8),
                stored.getBytes(StandardCharsets.UTF_8)).verified).isTrue();
        assertThat(bcrypt.verify("cafe\u0301 au lait".getBytes(StandardCharsets.UTF_8),
                stored.getBytes(StandardCharsets.UTF_8)).verified).isFalse();
    }

    @Test
    void acceptsSeventyTwoBytesOnceNormalisedAndLogsInWithEitherForm() {
        String decomposed = "e\u0301".repeat(36);
        assertThat(decomposed.getBytes(StandardCharsets.UTF_8)).hasSize(108);
        User alice = setup.auth.signup(EMAIL, "Alice", decomposed).user();

        assertThat(setup.auth.login(EMAIL, "\u00e9".repeat(36)).user().id()).isEqualTo(alice.id());
        assertThat(setup.auth.login(EMAIL, decomposed).user().id()).isEqualTo(alice.id());
        assertThatThrownBy(() -> setup.auth.login(EMAIL, "\u00e9".repeat(35)))
                .isInstanceOf(InvalidCredentialsException.class);
    }

    @Test
    void rejectsAPasswordThatNormalisesPastSeventyTwoBytesAndStoresNothing() {
        String threeLigatures = "\ufdfa".repeat(3); // 9 bytes as typed, 99 in NFKC

        assertThatThrownBy(() -> setup.auth.signup(EMAIL, "Alice", threeLigatures))
                .isInstanceOf(ValidationException.class)
                .hasMessage("password must be at most 72 bytes in UTF-8");
        assertThat(setup.hasher.hashes()).isZero();
        assertThat(db.rowCount("users")).isZero();
        assertThat(redisson.getKeys().count()).isZero();
    }

    @Test
    void rejectsAPasswordThatIsShortOnceNormalisedAndStoresNothing() {
        String sevenDecomposed = "e\u0301".repeat(7); // 14 code points as typed, 7 in NFKC

        assertThatThrownBy(() -> setup.auth.signup(EMAIL, "Alice", sevenDecomposed))
                .isInstanceOf(ValidationException.class)
                .hasMessage("password must be at least 8 characters");
        assertThat(setup.hasher.hashes()).isZero();
        assertThat(db.rowCount("users")).isZero();
        assertThat(redisson.getKeys().count()).isZero();
    }
}
