package dev.cryptotracker.domain.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cryptotracker.domain.UserNotFoundException;
import dev.cryptotracker.domain.ValidationException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The user service's rules at their edges, checked before the repository is asked anything, and its answers passed
 * through unchanged. The repository only records and gives canned answers; UserRepositoryIT and
 * UserRepositoryContractIT prove the real one on PostgreSQL.
 */
class UserServiceTest {

    private static final Instant NOW = Instant.parse("2024-01-01T00:00:00Z");

    private final RecordingUsers users = new RecordingUsers();
    private final UserService service = new UserService(users);

    @Test
    void createHandsTheRepositoryTheStrippedEmailAndNameAndTheHashUntouchedAndReturnsItsAnswer() {
        User created = service.create(" Alice@Example.com ", " Alice ", " $2a$04$hash ");

        assertThat(users.calls).containsExactly("create Alice@Example.com|Alice| $2a$04$hash ");
        assertThat(created).isSameAs(users.lastCreated);
    }

    @Test
    void acceptsAHashOfExactlyTheColumnLength() {
        String hash = "h".repeat(UserService.MAX_PASSWORD_HASH_LENGTH);

        service.create("alice@example.com", "Alice", hash);

        assertThat(users.calls).containsExactly("create alice@example.com|Alice|" + hash);
    }

    @Test
    void rejectsAHashOneOverTheColumnLengthWithoutEchoingIt() {
        String hash = "h".repeat(UserService.MAX_PASSWORD_HASH_LENGTH + 1);

        assertThatThrownBy(() -> service.create("alice@example.com", "Alice", hash))
                .isInstanceOf(ValidationException.class)
                .hasMessage("password hash must be at most 255 characters");
        assertThat(users.calls).isEmpty();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "\t"})
    void rejectsAMissingOrBlankHash(String hash) {
        assertThatThrownBy(() -> service.create("alice@example.com", "Alice", hash))
                .isInstanceOf(ValidationException.class)
                .hasMessage("password hash is required");
        assertThat(users.calls).isEmpty();
    }

    @Test
    void acceptsANameOfExactlyOneHundredCharactersAndRejectsOneMore() {
        service.create("alice@example.com", "n".repeat(100), "$2a$04$hash");

        assertThatThrownBy(() -> service.create("alice@example.com", "n".repeat(101), "$2a$04$hash"))
                .isInstanceOf(ValidationException.class)
                .hasMessage("user name must be at most 100 characters, got 101");
        assertThat(users.calls).hasSize(1);
    }

    @Test
    void findByEmailAsksWithTheStrippedEmailAndReturnsTheAnswer() {
        users.byEmail = Optional.of(user(3));

        assertThat(service.findByEmail(" bob@example.com ")).isSameAs(users.byEmail);
        assertThat(users.calls).containsExactly("findByEmail bob@example.com");
    }

    @Test
    void findByIdReturnsTheUserOrSaysItIsNotFound() {
        users.byId = Optional.of(user(4));
        assertThat(service.findById(4)).isSameAs(users.byId.get());

        users.byId = Optional.empty();
        assertThatThrownBy(() -> service.findById(5))
                .isInstanceOf(UserNotFoundException.class)
                .hasMessage("no user with id 5");
    }

    private static User user(long id) {
        return new User(id, "u" + id + "@example.com", "U", "$2a$04$hash", NOW, NOW);
    }

    private static final class RecordingUsers implements UserRepository {

        final List<String> calls = new ArrayList<>();
        User lastCreated;
        Optional<User> byEmail = Optional.empty();
        Optional<User> byId = Optional.empty();

        @Override
        public User create(String email, String name, String passwordHash) {
            calls.add("create " + email + "|" + name + "|" + passwordHash);
            lastCreated = new User(1, email, name, passwordHash, NOW, NOW);
            return lastCreated;
        }

        @Override
        public Optional<User> findByEmail(String email) {
            calls.add("findByEmail " + email);
            return byEmail;
        }

        @Override
        public Optional<User> findById(long id) {
            calls.add("findById " + id);
            return byId;
        }
    }
}
