package dev.cryptotracker.it.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cryptotracker.domain.EmailAlreadyExistsException;
import dev.cryptotracker.domain.InvalidCredentialsException;
import dev.cryptotracker.domain.auth.AuthResult;
import dev.cryptotracker.domain.auth.PasswordHasher;
import dev.cryptotracker.testkit.DatabaseHelper;
import dev.cryptotracker.testkit.Testkit;
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

    private final AuthSetup setup;
    private final DatabaseHelper db;
    private final Locale defaultLocale = Locale.getDefault();

    AuthContractIT(DataSource dataSource, RedissonClient redisson, DatabaseHelper db) {
        this.setup = AuthSetup.over(dataSource, redisson);
        this.db = db;
    }

    @AfterEach
    void restoreTheDefaultLocale() {
        Locale.setDefault(defaultLocale);
    }

    @Test
    void passwordWithSurroundingSpacesIsTakenByteForByte(DSLContext sql) {
        String password = "  correct horse  ";
        AuthResult signedUp = setup.auth.signup("alice@example.com", "Alice", password);

        String stored = sql.fetchValue("SELECT password_hash FROM users WHERE id = ?", signedUp.user().id())
                .toString();
        assertThat(setup.hasher.verify(password, stored)).isEqualTo(PasswordHasher.Verdict.MATCH);
        assertThat(setup.auth.login("alice@example.com", password).user()).isEqualTo(signedUp.user());
        for (String near : new String[] {"correct horse", "  correct horse", "correct horse  ", "  correct horse ",
                "  Correct horse  ", "  CORRECT HORSE  "}) {
            assertThatThrownBy(() -> setup.auth.login("alice@example.com", near))
                    .as("'%s'", near)
                    .isInstanceOf(InvalidCredentialsException.class);
        }
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
