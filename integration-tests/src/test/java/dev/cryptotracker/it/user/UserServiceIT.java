package dev.cryptotracker.it.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cryptotracker.domain.ValidationException;
import dev.cryptotracker.domain.user.EmailAddress;
import dev.cryptotracker.domain.user.User;
import dev.cryptotracker.domain.user.UserService;
import dev.cryptotracker.it.ConnectionCounter;
import dev.cryptotracker.persistence.JooqUserRepository;
import dev.cryptotracker.testkit.DatabaseHelper;
import dev.cryptotracker.testkit.Service;
import dev.cryptotracker.testkit.Testkit;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The user service's own rules on the real schema, at and around each edge: stripped input is what is stored, the
 * hash exactly as given; refused input is refused before any SQL and stores nothing.
 */
@Testkit(Service.POSTGRES)
class UserServiceIT {

    private static final String HASH = "$2a$12$abcdefghijklmnopqrstuuH5a2wV3Xf0v7W1qAqZK0qKQ3Nn3H8m2";

    private final DSLContext sql;
    private final DatabaseHelper db;
    private final JooqUserRepository repository;
    private final UserService service;
    // The same service over a data source that counts its connections: a refusal that took none came before any SQL.
    private final ConnectionCounter connections;
    private final UserService counted;

    UserServiceIT(DSLContext sql, DataSource dataSource, DatabaseHelper db) {
        this.sql = sql;
        this.db = db;
        this.repository = new JooqUserRepository(sql);
        this.service = new UserService(repository);
        this.connections = new ConnectionCounter(dataSource);
        this.counted = new UserService(new JooqUserRepository(DSL.using(connections.dataSource(), SQLDialect.POSTGRES)));
    }

    @Test
    void createsAUserWithTheEmailAndNameStrippedAndTheHashAsGiven() {
        User user = service.create("  Alice@Example.com ", " Alice ", " " + HASH + " ");

        assertThat(user.email()).isEqualTo("Alice@Example.com");
        assertThat(user.name()).isEqualTo("Alice");
        assertThat(user.passwordHash()).isEqualTo(" " + HASH + " ");
        assertThat(sql.fetchValue("SELECT email || '|' || name || '|' || password_hash FROM users WHERE id = ?",
                user.id())).isEqualTo("Alice@Example.com|Alice| " + HASH + " ");
        assertThat(service.findByEmail("alice@example.COM")).contains(user);
        assertThat(service.findByEmail("  alice@example.com ")).contains(user);
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
    void acceptsANameOfExactlyOneHundredCharactersAndRefusesOneMoreBeforeAnySql() {
        String hundred = "n".repeat(UserService.MAX_NAME_LENGTH);

        assertThatThrownBy(() -> counted.create("bob@example.com", hundred + "n", HASH))
                .isInstanceOf(ValidationException.class)
                .hasMessage("user name must be at most 100 characters, got 101");
        assertThat(connections.opened()).isZero();
        User user = service.create("alice@example.com", " " + hundred + " ", HASH);

        assertThat(user.name()).isEqualTo(hundred);
        assertThat(sql.fetchValue("SELECT name FROM users WHERE id = ?", user.id())).isEqualTo(hundred);
        assertThat(db.rowCount("users")).isEqualTo(1);
    }

    @Test
    void acceptsAHashOfExactlyTheColumnLength() {
        String hash = "h".repeat(UserService.MAX_PASSWORD_HASH_LENGTH);

        User user = service.create("alice@example.com", "Alice", hash);

        assertThat(user.passwordHash()).isEqualTo(hash);
        assertThat(sql.fetchValue("SELECT password_hash FROM users WHERE id = ?", user.id())).isEqualTo(hash);
    }

    @Test
    void rejectsAHashOneOverTheColumnLengthBeforeAnySqlWithoutEchoingIt() {
        String longHash = "h".repeat(UserService.MAX_PASSWORD_HASH_LENGTH + 1);

        assertThatThrownBy(() -> counted.create("alice@example.com", "Alice", longHash))
                .isInstanceOf(ValidationException.class)
                .hasMessage("password hash must be at most 255 characters")
                .message().doesNotContain("hhhh");
        assertThat(connections.opened()).isZero();
        assertThat(db.rowCount("users")).isZero();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "\t", " \n "})
    void rejectsAMissingOrBlankHashBeforeAnySql(String hash) {
        assertThatThrownBy(() -> counted.create("alice@example.com", "Alice", hash))
                .isInstanceOf(ValidationException.class)
                .hasMessage("password hash is required");
        assertThat(connections.opened()).isZero();
        assertThat(db.rowCount("users")).isZero();
    }

    @Test
    void findByEmailValidatesItsInput() {
        // The repository would run the query and find nobody; the service refuses the input instead.
        assertThat(repository.findByEmail("no-at")).isEmpty();

        assertThatThrownBy(() -> counted.findByEmail("no-at"))
                .isInstanceOf(ValidationException.class)
                .hasMessage("email must look like name@example.com, got 'no-at'");
        assertThat(connections.opened()).isZero();
    }
}
