package dev.cryptotracker.domain.auth;

import dev.cryptotracker.domain.ValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** NFKC before every length check, and nothing else altered. */
class PasswordNormalisationTest {

    private static final String COMBINING_ACUTE = "\u0301";

    @Test
    void composedAndDecomposedAccentsAreOnePassword() {
        String composed = "caf\u00e9 au lait";
        String decomposed = "cafe" + COMBINING_ACUTE + " au lait";
        assertThat(composed).isNotEqualTo(decomposed);

        assertThat(PasswordPolicy.requireValid(decomposed)).isEqualTo(composed);
        assertThat(PasswordPolicy.requireValid(composed)).isEqualTo(composed);
    }

    @Test
    void compatibilityFormsBecomeTheirPlainLetters() {
        assertThat(PasswordPolicy.normalise("\uff50\uff41\uff53\uff53\uff57\uff4f\uff52\uff44\uff11\uff12"))
                .as("full-width letters and digits").isEqualTo("password12");
        assertThat(PasswordPolicy.normalise("\ufb01nancial")).as("the ligature fi").isEqualTo("financial");
        assertThat(PasswordPolicy.normalise("x\u00b2 + y\u00b2")).as("superscript two").isEqualTo("x2 + y2");
    }

    @Test
    void otherSpacesBecomeAnOrdinarySpaceThatStillCounts() {
        assertThat(PasswordPolicy.normalise("pass\u00a0word")).as("no-break space").isEqualTo("pass word");
        assertThat(PasswordPolicy.normalise("pass\u3000word")).as("ideographic space").isEqualTo("pass word");
        assertThat(PasswordPolicy.requireValid("pass\u00a0word")).isNotEqualTo("password");
    }

    @ParameterizedTest
    @ValueSource(strings = {"  password  ", "\tpassword\n", "pass word", "PassWord1", "pass\u0000word",
            "\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000"})
    void keepsWhiteSpaceCaseAndNulExactlyAsTyped(String password) {
        assertThat(PasswordPolicy.requireValid(password)).isEqualTo(password);
        assertThat(PasswordPolicy.normaliseForVerification(password)).contains(password);
    }

    @Test
    void doesNotFoldCase() {
        assertThat(PasswordPolicy.requireValid("PASSWORD")).isNotEqualTo(PasswordPolicy.requireValid("password"));
    }

    @Test
    void leavesNullAsNull() {
        assertThat(PasswordPolicy.normalise(null)).isNull();
    }

    @Test
    void countsTheSeventyTwoByteLimitOnTheNormalisedText() {
        String decomposed = ("e" + COMBINING_ACUTE).repeat(36);
        assertThat(decomposed.getBytes(StandardCharsets.UTF_8)).hasSize(108);

        String accepted = PasswordPolicy.requireValid(decomposed);

        assertThat(accepted).isEqualTo("\u00e9".repeat(36));
        assertThat(accepted.getBytes(StandardCharsets.UTF_8)).hasSize(72);
        assertThatThrownBy(() -> PasswordPolicy.requireValid(("e" + COMBINING_ACUTE).repeat(36) + "a"))
                .isInstanceOf(ValidationException.class)
                .hasMessage("password must be at most 72 bytes in UTF-8");
    }

    @Test
    void rejectsAShortInputThatNormalisesPastSeventyTwoBytes() {
        // U+FDFA, one character of 3 bytes, is 18 characters (33 bytes) in NFKC.
        String threeLigatures = "\ufdfa".repeat(3);
        assertThat(threeLigatures.getBytes(StandardCharsets.UTF_8)).hasSize(9);
        assertThat(PasswordPolicy.normalise(threeLigatures).getBytes(StandardCharsets.UTF_8)).hasSize(99);

        assertThatThrownBy(() -> PasswordPolicy.requireValid(threeLigatures))
                .isInstanceOf(ValidationException.class)
                .hasMessage("password must be at most 72 bytes in UTF-8");
        assertThat(PasswordPolicy.normaliseForVerification(threeLigatures)).isEmpty();
    }

    @Test
    void countsTheMinimumOnTheNormalisedText() {
        String sevenDecomposed = ("e" + COMBINING_ACUTE).repeat(7);
        assertThat(sevenDecomposed.codePointCount(0, sevenDecomposed.length())).isEqualTo(14);

        assertThatThrownBy(() -> PasswordPolicy.requireValid(sevenDecomposed))
                .isInstanceOf(ValidationException.class)
                .hasMessage("password must be at least 8 characters");
        assertThat(PasswordPolicy.requireValid(("e" + COMBINING_ACUTE).repeat(8))).isEqualTo("\u00e9".repeat(8));
    }

    @Test
    void composesHangulJamoIntoSyllablesBeforeCounting() {
        String jamo = "\u1100\u1161\u11a8"; // ㄱ ㅏ ㄱ: one syllable, 각

        assertThat(PasswordPolicy.normalise(jamo)).isEqualTo("\uac01");
        assertThatThrownBy(() -> PasswordPolicy.requireValid(jamo.repeat(7)))
                .isInstanceOf(ValidationException.class)
                .hasMessage("password must be at least 8 characters");
        assertThat(PasswordPolicy.requireValid(jamo.repeat(8))).isEqualTo("\uac01".repeat(8));
    }

    @Test
    void expansionCanPushAPasswordOverTheMinimum() {
        // Four characters as typed, 72 after NFKC: the minimum counts what is hashed.
        String fourLigatures = "\ufdfa\ufdfa\ufdfa\ufdfa";
        assertThat(PasswordPolicy.normalise("\ufb01\ufb01\ufb01\ufb01")).hasSize(8);

        assertThat(PasswordPolicy.requireValid("\ufb01\ufb01\ufb01\ufb01")).isEqualTo("fifififi");
        assertThat(PasswordPolicy.normaliseForVerification(fourLigatures)).isEmpty();
    }

    @Test
    void verificationFormIsEmptyForMissingOrOverlongPasswords() {
        assertThat(PasswordPolicy.normaliseForVerification(null)).isEmpty();
        assertThat(PasswordPolicy.normaliseForVerification("a".repeat(73))).isEmpty();
        assertThat(PasswordPolicy.normaliseForVerification("a".repeat(PasswordPolicy.MAX_INPUT_LENGTH + 1))).isEmpty();
        assertThat(PasswordPolicy.normaliseForVerification("a".repeat(72))).contains("a".repeat(72));
    }

    @Test
    void verificationFormSkipsTheMinimumSoOlderPasswordsStillVerify() {
        assertThat(PasswordPolicy.normaliseForVerification("short")).contains("short");
        assertThat(PasswordPolicy.normaliseForVerification("")).contains("");
    }

    @ParameterizedTest
    @CsvSource({"1024", "1025", "100000"})
    void refusesInputsPastTheInputLimitAsTooLong(int length) {
        String composable = ("e" + COMBINING_ACUTE).repeat(length / 2 + 1).substring(0, length);

        assertThatThrownBy(() -> PasswordPolicy.requireValid(composable))
                .isInstanceOf(ValidationException.class)
                .hasMessage("password must be at most 72 bytes in UTF-8");
    }

    @Test
    void noCharacterComposesFromMoreThanFourCodePointsSoTheInputLimitLosesNothing() {
        // The input limit is sound only if NFKC never turns more than 8 UTF-16 units into one code point: composition
        // undoes a canonical decomposition, and none is longer than four code points.
        int longest = 0;
        for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
            if (Character.getType(codePoint) == Character.SURROGATE) {
                continue;
            }
            String decomposed = Normalizer.normalize(Character.toString(codePoint), Normalizer.Form.NFD);
            longest = Math.max(longest, decomposed.codePointCount(0, decomposed.length()));
        }

        assertThat(longest).isEqualTo(4);
        assertThat(4 * 2 * PasswordPolicy.MAX_UTF8_BYTES).isLessThan(PasswordPolicy.MAX_INPUT_LENGTH);
    }
}
