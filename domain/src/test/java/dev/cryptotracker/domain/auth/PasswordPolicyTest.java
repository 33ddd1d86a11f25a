package dev.cryptotracker.domain.auth;

import dev.cryptotracker.domain.ValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PasswordPolicyTest {

    @ParameterizedTest
    @NullSource
    void rejectsMissingPassword(String password) {
        assertThatThrownBy(() -> PasswordPolicy.requireValid(password))
                .isInstanceOf(ValidationException.class)
                .hasMessage("password is required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1234567", "abcdefg", "😀😀😀😀😀😀😀"})
    void rejectsPasswordShorterThanEightCharacters(String password) {
        assertThatThrownBy(() -> PasswordPolicy.requireValid(password))
                .isInstanceOf(ValidationException.class)
                .hasMessage("password must be at least 8 characters");
    }

    @Test
    void countsCharactersNotUtf16UnitsForTheMinimum() {
        String eightEmoji = "😀".repeat(8);
        assertThat(eightEmoji.length()).isEqualTo(16);

        assertThatCode(() -> PasswordPolicy.requireValid(eightEmoji)).doesNotThrowAnyException();
    }

    @Test
    void acceptsPasswordOfExactlySeventyTwoUtf8Bytes() {
        String ascii = "a".repeat(72);
        String withEmoji = "a".repeat(68) + "😀";
        assertThat(withEmoji.getBytes(StandardCharsets.UTF_8)).hasSize(72);

        assertThatCode(() -> PasswordPolicy.requireValid(ascii)).doesNotThrowAnyException();
        assertThatCode(() -> PasswordPolicy.requireValid(withEmoji)).doesNotThrowAnyException();
    }

    @Test
    void rejectsPasswordOfSeventyThreeUtf8Bytes() {
        assertThatThrownBy(() -> PasswordPolicy.requireValid("a".repeat(73)))
                .isInstanceOf(ValidationException.class)
                .hasMessage("password must be at most 72 bytes in UTF-8");
        assertThatThrownBy(() -> PasswordPolicy.requireValid("a".repeat(69) + "😀"))
                .isInstanceOf(ValidationException.class)
                .hasMessage("password must be at most 72 bytes in UTF-8");
    }

    @Test
    void countsMultiByteCharactersInUtf8Bytes() {
        String twentyFiveHan = "中".repeat(25);
        assertThat(twentyFiveHan).hasSize(25);
        assertThat(twentyFiveHan.getBytes(StandardCharsets.UTF_8)).hasSize(75);

        assertThatThrownBy(() -> PasswordPolicy.requireValid(twentyFiveHan))
                .isInstanceOf(ValidationException.class)
                .hasMessage("password must be at most 72 bytes in UTF-8");
        assertThatCode(() -> PasswordPolicy.requireValid("中".repeat(24))).doesNotThrowAnyException();
    }

    @Test
    void rejectsMegabytePasswordByLength() {
        String megabyte = "x".repeat(1024 * 1024);

        assertThat(PasswordPolicy.fitsBcrypt(megabyte)).isFalse();
        assertThatThrownBy(() -> PasswordPolicy.requireValid(megabyte))
                .isInstanceOf(ValidationException.class)
                .hasMessage("password must be at most 72 bytes in UTF-8");
    }
}
