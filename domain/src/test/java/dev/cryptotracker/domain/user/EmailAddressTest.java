package dev.cryptotracker.domain.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cryptotracker.domain.ValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressTest {

    @Test
    void stripsSurroundingWhiteSpaceAndKeepsTheCase() {
        assertThat(EmailAddress.requireValid("  Alice@Example.com ")).isEqualTo("Alice@Example.com");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\t"})
    void rejectsAMissingOrBlankEmail(String email) {
        assertThatThrownBy(() -> EmailAddress.requireValid(email))
                .isInstanceOf(ValidationException.class)
                .hasMessage(email == null ? "email is required" : "email must not be blank");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a@", "no-at", "@example.com", "a@@example.com", "a@b@example.com", "a@localhost",
            "a@.example.com", "a@example..com", "a@example.com.", "a@-example.com", ".a@example.com", "a..b@example.com",
            "a@exa_mple.com"})
    void rejectsAMalformedEmail(String email) {
        assertThatThrownBy(() -> EmailAddress.requireValid(email))
                .isInstanceOf(ValidationException.class)
                .hasMessage("email must look like name@example.com, got '" + email + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a b@c.d", "a@exa mple.com", "a\u00a0b@example.com", "a\tb@example.com"})
    void rejectsWhiteSpaceInsideAnEmail(String email) {
        assertThatThrownBy(() -> EmailAddress.requireValid(email))
                .isInstanceOf(ValidationException.class)
                .hasMessage("email must not contain white space or control characters");
    }

    @Test
    void rejectsANulCharacterInTheEmail() {
        assertThatThrownBy(() -> EmailAddress.requireValid("ali\u0000ce@example.com"))
                .isInstanceOf(ValidationException.class)
                .hasMessage("email must not contain white space or control characters");
    }

    @Test
    void rejectsAnEmailLongerThanTheColumn() {
        String email = "a".repeat(64) + "@" + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(60) + ".com";
        assertThat(email).hasSize(EmailAddress.MAX_LENGTH + 3);

        assertThatThrownBy(() -> EmailAddress.requireValid(email))
                .isInstanceOf(ValidationException.class)
                .hasMessage("email must be at most 254 characters, got 257");
    }

    @Test
    void acceptsAnEmailOfExactlyTheColumnLength() {
        String email = "a".repeat(64) + "@" + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(57) + ".com";
        assertThat(email).hasSize(EmailAddress.MAX_LENGTH);

        assertThat(EmailAddress.requireValid(email)).isEqualTo(email);
    }
}
