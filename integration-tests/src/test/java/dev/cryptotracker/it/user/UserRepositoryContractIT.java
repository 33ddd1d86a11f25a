package dev.cryptotracker.it.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cryptotracker.domain.EmailAlreadyExistsException;
import dev.cryptotracker.domain.ValidationException;
import dev.cryptotracker.domain.user.User;
import dev.cryptotracker.domain.user.UserService;
import dev.cryptotracker.persistence.JooqUserRepository;
import dev.cryptotracker.testkit.DatabaseHelper;
import dev.cryptotracker.testkit.Service;
import dev.cryptotracker.testkit.Testkit;
import java.util.Locale;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The full contract of every {@link JooqUserRepository} query: exactly one user found or none, emails compared
 * case-insensitively by PostgreSQL's {@code lower()} and never by Java's default locale (in Turkish,
 * {@code "I".toLowerCase()} is the dotless {@code ı}), no pattern matching, and non-ASCII text stored exactly.
 */
@Testkit(Service.POSTGRES)
class UserRepositoryContractIT {

    private static final String HASH = "$2a$04$abcdefghijklmnopqrstuuH5a2wV3Xf0v7W1qAqZK0qKQ3Nn3H8m2";
    private static final Locale TURKISH = Locale.forLanguageTag("tr-TR");

    private final DSLContext sql;
    private final DatabaseHelper db;
    private final JooqUserRepository repository;
    private final UserService service;
    private final Locale defaultLocale = Locale.getDefault();

    UserRepositoryContractIT(DSLContext sql, DatabaseHelper db) {
        this.sql = sql;
        this.db = db;
        this.repository = new JooqUserRepository(sql);
        this.service = new UserService(repository);
    }

    @AfterEach
    void restoreTheDefaultLocale() {
        Locale.setDefault(defaultLocale);
    }

    @Test
    void findByIdReturnsExactlyThatUserAmongSeveral() {
        User alice = repository.create("alice@example.com", "Alice", HASH);
        User bob = repository.create("bob@example.com", "Bob", HASH);
        User carol = repository.create("carol@example.com", "Carol", HASH);

        assertThat(repository.findById(alice.id())).contains(alice);
        assertThat(repository.findById(bob.id())).contains(bob);
        assertThat(repository.findById(carol.id())).contains(carol);
        assertThat(repository.findById(carol.id() + 1)).isEmpty();
        assertThat(repository.findById(0)).isEmpty();
        assertThat(repository.findById(-1)).isEmpty();
        assertThat(repository.findById(Long.MAX_VALUE)).isEmpty();
    }

    @Test
    void findByEmailMatchesTheWholeAddressInAnyCaseAndNothingElse() {
        User alice = repository.create("Alice@Example.com", "Alice", HASH);
        User bob = repository.create("bob@example.com", "Bob", HASH);

        assertThat(repository.findByEmail("alice@example.com")).contains(alice);
        assertThat(repository.findByEmail("ALICE@EXAMPLE.COM")).contains(alice);
        assertThat(repository.findByEmail("BOB@example.com")).contains(bob);
        assertThat(repository.findByEmail("alice@example.co")).isEmpty();
        assertThat(repository.findByEmail("xalice@example.com")).isEmpty();
        assertThat(repository.findByEmail("%lice@example.com")).as("no LIKE pattern").isEmpty();
        assertThat(repository.findByEmail("_lice@example.com")).as("no LIKE pattern").isEmpty();
        assertThat(repository.findByEmail("carol@example.com")).isEmpty();
    }

    @Test
    void emailsWithACapitalIAreFoundAndKeptUniqueAlsoWhenTheJvmSpeaksTurkish() {
        Locale.setDefault(TURKISH);

        User iris = service.create("IRIS@EXAMPLE.COM", "Iris", HASH);

        assertThat(iris.email()).as("stored as given").isEqualTo("IRIS@EXAMPLE.COM");
        assertThat(sql.fetchValue("SELECT email FROM users WHERE id = ?", iris.id())).isEqualTo("IRIS@EXAMPLE.COM");
        assertThat(service.findByEmail("iris@example.com")).contains(iris);
        assertThat(service.findByEmail("Iris@Example.Com")).contains(iris);
        assertThatThrownBy(() -> service.create("iris@example.com", "Impostor", HASH))
                .isInstanceOf(EmailAlreadyExistsException.class)
                .hasMessage("a user with email iris@example.com already exists");
        assertThat(db.rowCount("users")).isEqualTo(1);
        // PostgreSQL's lower() is the one that decides: it folds the ASCII I to i whatever the JVM's locale.
        assertThat(sql.fetchValue("SELECT lower(email) FROM users WHERE id = ?", iris.id()))
                .isEqualTo("iris@example.com");
    }

    @Test
    void aDotlessIIsNotTheLetterI() {
        User ascii = service.create("ivan@example.com", "Ivan", HASH);

        assertThat(service.findByEmail("\u0131van@example.com")).as("dotless ı").isEmpty();
        User dotless = service.create("\u0131van@example.com", "Ivan with a dotless i", HASH);

        assertThat(dotless.id()).isNotEqualTo(ascii.id());
        assertThat(service.findByEmail("\u0131van@example.com")).contains(dotless);
        assertThat(service.findByEmail("IVAN@example.com")).contains(ascii);
    }

    @Test
    void nonAsciiEmailAndNameRoundTripExactly() {
        String email = "zoë.ğüşöç@example.com";
        String name = "Zoë Ğüşöç İıi Łukasz 日本語 😀";

        User user = service.create(email, name, HASH);

        assertThat(user.email()).isEqualTo(email);
        assertThat(user.name()).isEqualTo(name);
        assertThat(repository.findById(user.id())).contains(user);
        assertThat(sql.fetchValue("SELECT name FROM users WHERE id = ?", user.id())).isEqualTo(name);
        assertThat(sql.fetchValue("SELECT length(name) FROM users WHERE id = ?", user.id()))
                .isEqualTo(name.codePointCount(0, name.length()));
        assertThat(repository.findByEmail(email)).contains(user);
    }

    @Test
    void aNameOfOneHundredCharactersOutsideTheBasicPlaneFitsTheColumnAndOneMoreIsRefused() {
        String hundred = "😀".repeat(100);

        User user = service.create("emoji@example.com", hundred, HASH);

        assertThat(repository.findById(user.id()).orElseThrow().name()).isEqualTo(hundred);
        assertThatThrownBy(() -> service.create("emoji2@example.com", hundred + "😀", HASH))
                .isInstanceOf(ValidationException.class)
                .hasMessage("user name must be at most 100 characters, got 101");
        assertThat(db.rowCount("users")).isEqualTo(1);
    }

    @Test
    void aMissingValuePastTheServiceArrivesAsAValidationErrorNamingTheColumn() {
        assertThatThrownBy(() -> repository.create("alice@example.com", null, HASH))
                .isInstanceOf(ValidationException.class)
                .hasMessage("cannot create a user: name is required");
        assertThatThrownBy(() -> repository.create("alice@example.com", "Alice", null))
                .isInstanceOf(ValidationException.class)
                .hasMessage("cannot create a user: password_hash is required");
        assertThat(db.rowCount("users")).isZero();
    }

    @Test
    void storesTheHashExactlyAsGiven() {
        User user = repository.create("alice@example.com", "Alice", " " + HASH + " ");

        assertThat(sql.fetchValue("SELECT password_hash FROM users WHERE id = ?", user.id()))
                .isEqualTo(" " + HASH + " ");
        assertThat(repository.findById(user.id()).orElseThrow().passwordHash()).isEqualTo(" " + HASH + " ");
    }
}
