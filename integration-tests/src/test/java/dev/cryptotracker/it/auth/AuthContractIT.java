package dev.cryptotracker.it.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cryptotracker.domain.EmailAlreadyExistsException;
import dev.cryptotracker.domain.InvalidCredentialsException;
import dev.cryptotracker.domain.auth.AuthResult;
import dev.cryptotracker.domain.auth.BcryptPasswordHasher;
import dev.cryptotracker.domain.auth.PasswordHasher;
import dev.cryptotracker.domain.auth.ThrottlePolicy;
import dev.cryptotracker.domain.user.UserRepository;
import dev.cryptotracker.testkit.DatabaseHelper;
import dev.cryptotracker.testkit.Testkit;
import java.time.Duration;
import java.util.Locale;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;

/**
 * Signup and login on real servers take the password byte for byte (no trimming, no case change) and compare
 * emails by PostgreSQL's {@code lower()}, also while the JVM's default locale is Turkish, where Java's
 * {@code "I".toLowerCase()} is the dotless {@code ı}; non-ASCII passwords and names round-trip.
 */
@Testkit
class AuthContractIT {

    private static final Locale TURKISH = Locale.forLanguageTag("tr-TR");

    private final UserRepository users;
    private final AuthSetup setup;
    private final RedissonClient redisson;
    private final DatabaseHelper db;
    private final Locale defaultLocale = Locale.getDefault();

    AuthContractIT(DataSource dataSource, RedissonClient redisson, DatabaseHelper db) {
        this.users = AuthSetup.users(dataSource);
        this.setup = new AuthSetup(users, redisson);
        this.redisson = redisson;
        this.db = db;
    }

    @AfterEach
    void restoreTheDefaultLocale() {
        Locale.setDefault(defaultLocale);
    }

    @Test
    void passwordWithSurroundingSpacesIsTakenByteForByte(DSLContext sql) {
        String password = "  correct horse  ";
        String[] nearMisses = {"correct horse", "  correct horse", "correct horse  ", "  correct horse ",
                "  Correct horse  ", "  CORRECT HORSE  "};
        // A throttle that lets every near miss through to bcrypt: each must fail on the comparison itself.
        AuthSetup lenient = new AuthSetup(users, redisson,
                new ThrottlePolicy(nearMisses.length, Duration.ofMinutes(15)), BcryptPasswordHasher.forTests());
        // Email and name lose their surrounding spaces; the password keeps them.
        AuthResult signedUp = lenient.auth.signup(" alice@example.com ", " Alice ", password);

        var row = sql.fetchOne("SELECT email, name, password_hash FROM users WHERE id = ?", signedUp.user().id());
        assertThat(row.get("email", String.class)).isEqualTo("alice@example.com");
        assertThat(row.get("name", String.class)).isEqualTo("Alice");
        String stored = row.get("password_hash", String.class);
        assertThat(lenient.hasher.verify(password, stored)).isEqualTo(PasswordHasher.Verdict.MATCH);
        assertThat(lenient.hasher.verify(password.strip(), stored)).isEqualTo(PasswordHasher.Verdict.MISMATCH);
        assertThat(lenient.auth.login("alice@example.com", password).user()).isEqualTo(signedUp.user());
        lenient.hasher.reset();
        for (String near : nearMisses) {
            assertThatThrownBy(() -> lenient.auth.login("alice@example.com", near))
                    .as("'%s'", near)
                    .isInstanceOf(InvalidCredentialsException.class);
        }
        assertThat(lenient.hasher.verifiedAgainst()).hasSize(nearMisses.length).containsOnly(stored);
        // The signup's and the login's sessions; none for the near misses.
        assertThat(AuthSetup.sessionKeyCount(redisson)).isEqualTo(2);
    }

    @Test
    void nonAsciiPasswordAndNameRoundTrip() {
        String password = "pässwörd ıİ 日本 😀";
        AuthResult signedUp = setup.auth.signup("zoe@example.com", "Zoë Ğüşöç 😀", password);

        AuthResult loggedIn = setup.auth.login("zoe@example.com", password);

        assertThat(loggedIn.user().name()).isEqualTo("Zoë Ğüşöç 😀");
        assertThat(loggedIn.user()).isEqualTo(signedUp.user());
        assertThatThrownBy(() -> setup.auth.login("zoe@example.com", "passwörd ıİ 日本 😀"))
                .isInstanceOf(InvalidCredentialsException.class);
        assertThatThrownBy(() -> setup.auth.login("zoe@example.com", "pässwörd iI 日本 😀"))
                .isInstanceOf(InvalidCredentialsException.class);
    }

    @Test
    void emailsWithTheLetterIMatchInAnyCaseWhileTheJvmSpeaksTurkish() {
        Locale.setDefault(TURKISH);
        AuthResult iris = setup.auth.signup("IRIS@EXAMPLE.COM", "Iris", "correct horse");
        AuthResult mia = setup.auth.signup("mia@example.com", "Mia", "battery staple");

        assertThat(setup.auth.login("iris@example.com", "correct horse").user()).isEqualTo(iris.user());
        assertThat(setup.auth.login("MIA@EXAMPLE.COM", "battery staple").user()).isEqualTo(mia.user());
        assertThatThrownBy(() -> setup.auth.signup("iris@example.com", "Impostor", "another pass"))
                .isInstanceOf(EmailAlreadyExistsException.class);
        assertThatThrownBy(() -> setup.auth.signup("MIA@example.com", "Impostor", "another pass"))
                .isInstanceOf(EmailAlreadyExistsException.class);
        assertThat(db.rowCount("users")).isEqualTo(2);
    }
}
