package dev.cryptotracker.domain.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cryptotracker.domain.EmailAlreadyExistsException;
import dev.cryptotracker.domain.UserNotFoundException;
import dev.cryptotracker.domain.ValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class UserServiceTest {

    private static final String HASH = "$2a$12$abcdefghijklmnopqrstuuH5a2wV3Xf0v7W1qAqZK0qKQ3Nn3H8m2";

    private final InMemoryUserRepository users = new InMemoryUserRepository();
    private final UserService service = new UserService(users);

    @Test
    void createsAUserWithTheEmailAndNameStripped() {
        User user = service.create("  Alice@Example.com ", " Alice ", HASH);

        assertThat(user.email()).isEqualTo("Alice@Example.com");
        assertThat(user.name()).isEqualTo("Alice");
        assertThat(service.findByEmail("alice@example.COM")).contains(user);
        assertThat(service.findById(user.id())).isEqualTo(user);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\t"})
    void rejectsAMissingOrBlankEmailBeforeTheRepository(String email) {
        assertThatThrownBy(() -> service.create(email, "Alice", HASH))
                .isInstanceOf(ValidationException.class)
                .hasMessage(email == null ? "email is required" : "email must not be blank");
        assertThat(users.calls()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a@", "no-at", "@example.com", "a@@example.com", "a@b@example.com", "a@localhost",
            "a@.example.com", "a@example..com", "a@example.com.", "a@-example.com", ".a@example.com", "a..b@example.com",
            "a@exa_mple.com"})
    void rejectsAMalformedEmailBeforeTheRepository(String email) {
        assertThatThrownBy(() -> service.create(email, "Alice", HASH))
                .isInstanceOf(ValidationException.class)
                .hasMessage("email must look like name@example.com, got '" + email + "'");
        assertThat(users.calls()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a b@c.d", "a@exa mple.com", "a\u00a0b@example.com", "a\tb@example.com"})
    void rejectsWhiteSpaceInsideAnEmail(String email) {
        assertThatThrownBy(() -> service.create(email, "Alice", HASH))
                .isInstanceOf(ValidationException.class)
                .hasMessage("email must not contain white space or control characters");
        assertThat(users.calls()).isZero();
    }

    @Test
    void rejectsAnEmailLongerThanTheColumn() {
        String email = "a".repeat(64) + "@" + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(60) + ".com";
        assertThat(email).hasSize(EmailAddress.MAX_LENGTH + 3);

        assertThatThrownBy(() -> service.create(email, "Alice", HASH))
                .isInstanceOf(ValidationException.class)
                .hasMessage("email must be at most 254 characters, got 257");
        assertThat(users.calls()).isZero();
    }

    @Test
    void acceptsAnEmailOfExactlyTheColumnLength() {
        String email = "a".repeat(64) + "@" + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(57) + ".com";
        assertThat(email).hasSize(EmailAddress.MAX_LENGTH);

        assertThat(service.create(email, "Alice", HASH).email()).isEqualTo(email);
    }

    @Test
    void rejectsANulCharacterInTheEmailOrTheName() {
        assertThatThrownBy(() -> service.create("ali\u0000ce@example.com", "Alice", HASH))
                .isInstanceOf(ValidationException.class)
                .hasMessage("email must not contain white space or control characters");
        assertThatThrownBy(() -> service.create("alice@example.com", "Ali\u0000ce", HASH))
                .isInstanceOf(ValidationException.class)
                .hasMessage("user name must not contain control characters");
        assertThat(users.calls()).isZero();
    }

    @Test
    void rejectsAMissingBlankOrOverlongName() {
        assertThatThrownBy(() -> service.create("alice@example.com", null, HASH))
                .isInstanceOf(ValidationException.class)
                .hasMessage("user name is required");
        assertThatThrownBy(() -> service.create("alice@example.com", "  ", HASH))
                .isInstanceOf(ValidationException.class)
                .hasMessage("user name must not be blank");
        assertThatThrownBy(() -> service.create("alice@example.com", "x".repeat(101), HASH))
                .isInstanceOf(ValidationException.class)
                .hasMessage("user name must be at most 100 characters, got 101");
        assertThat(users.calls()).isZero();
    }

    @Test
    void rejectsAMissingOrOverlongHashWithoutEchoingIt() {
        assertThatThrownBy(() -> service.create("alice@example.com", "Alice", " "))
                .isInstanceOf(ValidationException.class)
                .hasMessage("password hash is required");
        String longHash = "h".repeat(256);
        assertThatThrownBy(() -> service.create("alice@example.com", "Alice", longHash))
                .isInstanceOf(ValidationException.class)
                .hasMessage("password hash must be at most 255 characters")
                .message().doesNotContain(longHash);
        assertThat(users.calls()).isZero();
    }

    @Test
    void keepsTheHashOutOfTheUsersToString() {
        assertThat(service.create("alice@example.com", "Alice", HASH).toString()).doesNotContain(HASH);
    }

    @Test
    void reportsADuplicateEmailInAnotherCase() {
        service.create("alice@x.com", "Alice", HASH);

        assertThatThrownBy(() -> service.create("Alice@X.com", "Other", HASH))
                .isInstanceOf(EmailAlreadyExistsException.class)
                .hasMessage("a user with email Alice@X.com already exists");
        assertThat(users.size()).isOne();
    }

    @Test
    void findByEmailValidatesItsInput() {
        assertThatThrownBy(() -> service.findByEmail("no-at"))
                .isInstanceOf(ValidationException.class)
                .hasMessage("email must look like name@example.com, got 'no-at'");
        assertThat(users.calls()).isZero();
    }

    @Test
    void findByIdOfAnUnknownUserThrowsUserNotFound() {
        assertThatThrownBy(() -> service.findById(99))
                .isInstanceOf(UserNotFoundException.class)
                .hasMessage("no user with id 99");
    }
}
