package dev.cryptotracker.domain.auth;

import dev.cryptotracker.domain.ValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SignupRulesTest {

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "\t\n "})
    void rejectsMissingOrBlankEmail(String email) {
        assertThatThrownBy(() -> SignupRules.requireValidEmail(email))
                .isInstanceOf(ValidationException.class)
                .hasMessage("email is required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a@", "no-at", "a b@c.d", "@x.com", "a@b", "a@@x.com", "a@x.", "a@.com", "a@x..com"})
    void rejectsMalformedEmail(String email) {
        assertThatThrownBy(() -> SignupRules.requireValidEmail(email))
                .isInstanceOf(ValidationException.class)
                .hasMessage("email is not a valid address: " + email);
    }

    @Test
    void rejectsEmailLongerThanTwoHundredFiftyFourCharacters() {
        String email = "a".repeat(243) + "@example.com";
        assertThat(email).hasSize(255);

        assertThatThrownBy(() -> SignupRules.requireValidEmail(email))
                .isInstanceOf(ValidationException.class)
                .hasMessage("email must be at most 254 characters, was 255");
        assertThatCode(() -> SignupRules.requireValidEmail(email.substring(1))).doesNotThrowAnyException();
    }

    @Test
    void rejectsNulCharacterInEmail() {
        assertThatThrownBy(() -> SignupRules.requireValidEmail("al\u0000ice@x.com"))
                .isInstanceOf(ValidationException.class)
                .hasMessage("email must not contain U+0000");
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice@x.com", "Alice@X.com", "a.b+tag@mail.example.org", "jürgen@exämple.de"})
    void acceptsPlausibleEmail(String email) {
        assertThatCode(() -> SignupRules.requireValidEmail(email)).doesNotThrowAnyException();
        assertThat(SignupRules.isValidEmail(email)).isTrue();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   "})
    void rejectsMissingOrBlankName(String name) {
        assertThatThrownBy(() -> SignupRules.requireValidName(name))
                .isInstanceOf(ValidationException.class)
                .hasMessage("name is required");
    }

    @Test
    void rejectsNulCharacterInName() {
        assertThatThrownBy(() -> SignupRules.requireValidName("Ali\u0000ce"))
                .isInstanceOf(ValidationException.class)
                .hasMessage("name must not contain U+0000");
    }

    @Test
    void rejectsNameLongerThanTheColumn() {
        assertThatThrownBy(() -> SignupRules.requireValidName("n".repeat(101)))
                .isInstanceOf(ValidationException.class)
                .hasMessage("name must be at most 100 characters, was 101");
    }

    @Test
    void countsNameLengthInCharactersAsPostgresDoes() {
        String hundredEmoji = "😀".repeat(100);
        assertThat(hundredEmoji).hasSize(200);

        assertThatCode(() -> SignupRules.requireValidName(hundredEmoji)).doesNotThrowAnyException();
    }
}
