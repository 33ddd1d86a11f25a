package dev.cryptotracker.it.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cryptotracker.domain.EmailAlreadyExistsException;
import dev.cryptotracker.domain.UserNotFoundException;
import dev.cryptotracker.domain.ValidationException;
import dev.cryptotracker.domain.user.User;
import dev.cryptotracker.domain.user.UserService;
import dev.cryptotracker.persistence.JooqUserRepository;
import dev.cryptotracker.testkit.DatabaseHelper;
import dev.cryptotracker.testkit.Service;
import dev.cryptotracker.testkit.Testkit;
import java.time.Instant;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Users on the real schema: case-insensitive unique emails, and no bad input ever reaching SQL. */
@Testkit(Service.POSTGRES)
class UserRepositoryIT {

    private static final String HASH = "$2a$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW";

    private final DSLContext sql;
    private final DatabaseHelper db;
    private final JooqUserRepository repository;
    private final UserService users;

    UserRepositoryIT(DSLContext sql, DatabaseHelper db) {
        this.sql = sql;
        this.db = db;
        this.repository = new JooqUserRepository(sql);
        this.users = new UserService(repository);
    }

    @Test
    void everyUserRepositoryQueryRunsAgainstTheSchema() {
        Instant before = sql.fetchValue(DSL.select(DSL.field("now()", SQLDataType.INSTANT)));

        User created = repository.create("Carol@Example.com", "Carol", HASH);

        assertThat(created.id()).isPositive();
        assertThat(created.email()).isEqualTo("Carol@Example.com");
        assertThat(created.passwordHash()).isEqualTo(HASH);
        assertThat(created.createdAt()).isAfterOrEqualTo(before).isEqualTo(created.updatedAt());
        assertThat(repository.findById(created.id())).contains(created);
        assertThat(repository.findById(created.id() + 1)).isEmpty();
        assertThat(repository.findByEmail("carol@example.COM")).contains(created);
        assertThat(repository.findByEmail("dave@example.com")).isEmpty();
    }

    @Test
    void duplicateEmailInAnotherCaseIsRejectedAndTheExistingRowIsUntouched() {
        User alice = repository.create("alice@x.com", "Alice", HASH);

        assertThatThrownBy(() -> repository.create("Alice@X.com", "Impostor", "$2a$12$other"))
                .isInstanceOf(EmailAlreadyExistsException.class)
                .hasMessage("a user with email Alice@X.com already exists")
                .message().doesNotContain(HASH).doesNotContain("$2a$12$other");

        assertThat(db.rowCount("users")).isEqualTo(1);
        assertThat(repository.findById(alice.id())).contains(alice);
    }

    @Test
    void duplicateEmailThroughTheServiceIsRejectedToo() {
        users.create("alice@x.com", "Alice", HASH);

        assertThatThrownBy(() -> users.create(" ALICE@x.COM ", "Alice again", HASH))
                .isInstanceOf(EmailAlreadyExistsException.class)
                .hasMessage("a user with email ALICE@x.COM already exists");
        assertThat(db.rowCount("users")).isEqualTo(1);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\t", "a@", "no-at", "a b@c.d", "@example.com", "a@@example.com", "a@b@example.com",
            "a@localhost", "a@.example.com", "a@example..com", "a@example.com.", "a@-example.com", ".a@example.com",
            "a..b@example.com", "a@exa_mple.com", "a@exa mple.com", "a\u00a0b@example.com", "a\tb@example.com"})
    void malformedEmailIsRejectedBeforeAnySql(String email) {
        assertThatThrownBy(() -> users.create(email, "Alice", HASH))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("email ");
        assertThat(db.rowCount("users")).isZero();
    }

    @Test
    void emailLongerThanTheColumnIsRejectedBeforeAnySql() {
        String email = "a".repeat(64) + "@" + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(60) + ".com";

        assertThatThrownBy(() -> users.create(email, "Alice", HASH))
                .isInstanceOf(ValidationException.class)
                .hasMessage("email must be at most 254 characters, got 257");
        assertThat(db.rowCount("users")).isZero();
        // The column would have refused it as well, mapped to the same type.
        assertThatThrownBy(() -> repository.create(email, "Alice", HASH))
                .isInstanceOf(ValidationException.class)
                .hasMessage("cannot create a user: a value is not accepted by the database (SQLSTATE 22001)");
        assertThat(db.rowCount("users")).isZero();
    }

    @Test
    void nulCharacterInEmailOrNameIsRejectedBeforeAnySql() {
        assertThatThrownBy(() -> users.create("ali\u0000ce@example.com", "Alice", HASH))
                .isInstanceOf(ValidationException.class)
                .hasMessage("email must not contain white space or control characters");
        assertThatThrownBy(() -> users.create("alice@example.com", "Ali\u0000ce", HASH))
                .isInstanceOf(ValidationException.class)
                .hasMessage("user name must not contain control characters");
        assertThat(db.rowCount("users")).isZero();
        // PostgreSQL would have failed with 22021; past the service that arrives as a validation error too.
        assertThatThrownBy(() -> repository.create("alice@example.com", "Ali\u0000ce", HASH))
                .isInstanceOf(ValidationException.class)
                .hasMessage("cannot create a user: a value is not accepted by the database (SQLSTATE 22021)");
        assertThat(db.rowCount("users")).isZero();
    }

    @Test
    void findByIdOfAnUnknownUserThrowsUserNotFound() {
        assertThatThrownBy(() -> users.findById(77))
                .isInstanceOf(UserNotFoundException.class)
                .hasMessage("no user with id 77");
    }
}
