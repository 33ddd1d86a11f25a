package dev.cryptotracker.it.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cryptotracker.domain.ValidationException;
import dev.cryptotracker.domain.user.EmailAddress;
import dev.cryptotracker.domain.user.User;
import dev.cryptotracker.domain.user.UserService;
import dev.cryptotracker.persistence.JooqUserRepository;
import dev.cryptotracker.testkit.DatabaseHelper;
import dev.cryptotracker.testkit.Service;
import dev.cryptotracker.testkit.Testkit;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

/** The user service's own rules on the real schema: stripped input is what is stored, refused input stores nothing. */
@Testkit(Service.POSTGRES)
class UserServiceIT {

    private static final String HASH = "$2a$12$abcdefghijklmnopqrstuuH5a2wV3Xf0v7W1qAqZK0qKQ3Nn3H8m2";

    private final DSLContext sql;
    private final DatabaseHelper db;
    private final JooqUserRepository repository;
    private final UserService service;

    UserServiceIT(DSLContext sql, DatabaseHelper db) {
        this.sql = sql;
        this.db = db;
        this.repository = new JooqUserRepository(sql);
        this.service = new UserService(repository);
    }

    @Test
    void createsAUserWithTheEmailAndNameStripped() {
        User user = service.create("  Alice@Example.com ", " Alice ", HASH);

        assertThat(user.email()).isEqualTo("Alice@Example.com");
        assertThat(user.name()).isEqualTo("Alice");
        assertThat(sql.fetchValue("SELECT email || '|' || name FROM users WHERE id = ?", user.id()))
                .isEqualTo("Alice@Example.com|Alice");
        assertThat(service.findByEmail("alice@example.COM")).contains(user);
        assertThat(service.findById(user.id())).isEqualTo(user);
    }

    @Test
    void acceptsAnEmailOfExactlyTheColumnLength() {
        String email = "a".repeat(64) + "@" + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(57) + ".com";
        assertThat(email).hasSize(EmailAddress.MAX_LENGTH);

        User user = service.create(email, "Alice", HASH);

        assertThat(user.email()).isEqualTo(email);
        assertThat(service.findById(user.id()).email()).isEqualTo(email);
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
        assertThat(db.rowCount("users")).isZero();
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
        assertThat(db.rowCount("users")).isZero();
    }

    @Test
    void findByEmailValidatesItsInput() {
        // The repository would run the query and find nobody; the service refuses the input instead.
        assertThat(repository.findByEmail("no-at")).isEmpty();

        assertThatThrownBy(() -> service.findByEmail("no-at"))
                .isInstanceOf(ValidationException.class)
                .hasMessage("email must look like name@example.com, got 'no-at'");
    }
}
