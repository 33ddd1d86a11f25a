package dev.cryptotracker.it.auth;

import ch.qos.logback.classic.Level;
import dev.cryptotracker.domain.InvalidCredentialsException;
import dev.cryptotracker.domain.SessionStoreUnavailableException;
import dev.cryptotracker.domain.auth.AuthResult;
import dev.cryptotracker.domain.user.User;
import dev.cryptotracker.it.ConnectionCounter;
import dev.cryptotracker.sessions.RedissonClientFactory;
import dev.cryptotracker.testkit.Testkit;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;

import javax.sql.DataSource;
import java.io.IOException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

@Testkit
class AuthLoginIT {

    private static final String PASSWORD = "correct horse battery";
    private static final String CREDENTIALS_MESSAGE = "invalid email or password";

    private final DataSource dataSource;
    private final RedissonClient redisson;
    private final AuthSetup setup;

    AuthLoginIT(DataSource dataSource, RedissonClient redisson) {
        this.dataSource = dataSource;
        this.redisson = redisson;
        this.setup = AuthSetup.over(dataSource, redisson);
    }

    // --- S7, S8 ---

    @Test
    void loginAfterSignupReturnsSameUserAndNewToken() throws Exception {
        AuthResult signedUp = setup.auth.signup("alice@example.com", "Alice", PASSWORD);
        setup.hasher.reset();

        AuthResult loggedIn = setup.auth.login("alice@example.com", PASSWORD);

        // One bcrypt check: the hash read again once the session is open is the one just checked.
        assertThat(setup.hasher.verifications()).isEqualTo(1);
        assertThat(setup.hasher.hashes()).isZero();
        assertThat(loggedIn.user().id()).isEqualTo(signedUp.user().id());
        assertThat(loggedIn.user().email()).isEqualTo("alice@example.com");
        assertThat(loggedIn.user().name()).isEqualTo("Alice");
        assertThat(loggedIn.token()).isNotBlank().isNotEqualTo(signedUp.token());
        assertThat(setup.auth.authenticate(loggedIn.token())).isEqualTo(signedUp.user().id());
        assertThat(AuthSetup.sessionKeyCount(redisson)).isEqualTo(2);
    }

    @Test
    void loginMatchesEmailCaseInsensitively() {
        User alice = setup.auth.signup("alice@example.com", "Alice", PASSWORD).user();

        assertThat(setup.auth.login("ALICE@Example.com", PASSWORD).user().id()).isEqualTo(alice.id());
    }

    @Test
    void wrongPasswordFailsWithInvalidCredentialsAndWritesNoSession() {
        setup.auth.signup("alice@example.com", "Alice", PASSWORD);
        long keysBefore = AuthSetup.sessionKeyCount(redisson);

        assertThatThrownBy(() -> setup.auth.login("alice@example.com", "wrong horse battery"))
                .isInstanceOf(InvalidCredentialsException.class)
                .hasMessage(CREDENTIALS_MESSAGE);
        assertThat(AuthSetup.sessionKeyCount(redisson)).isEqualTo(keysBefore);
    }

    // --- R10: unknown email looks and costs the same as a wrong password ---

    @Test
    void unknownEmailFailsLikeWrongPasswordAfterTheSameBcryptWork() {
        User alice = setup.auth.signup("alice@example.com", "Alice", PASSWORD).user();
        setup.hasher.reset();

        Throwable wrongPassword = catchThrowable(() -> setup.auth.login("alice@example.com", "wrong horse battery"));
        int verificationsForWrongPassword = setup.hasher.verifications();
        String hashForWrongPassword = setup.hasher.verifiedAgainst().get(0);
        setup.hasher.reset();
        Throwable unknownEmail = catchThrowable(() -> setup.auth.login("nobody@example.com", "wrong horse battery"));

        assertThat(unknownEmail).isInstanceOf(InvalidCredentialsException.class).hasMessage(CREDENTIALS_MESSAGE);
        assertThat(wrongPassword).isInstanceOf(InvalidCredentialsException.class).hasMessage(CREDENTIALS_MESSAGE);
        assertThat(unknownEmail.getClass()).isEqualTo(wrongPassword.getClass());
        assertThat(setup.hasher.verifications()).isEqualTo(verificationsForWrongPassword).isEqualTo(1);
        String dummyHash = setup.hasher.verifiedAgainst().get(0);
        assertThat(hashForWrongPassword).isEqualTo(alice.passwordHash());
        // Same algorithm and cost: the dummy verification costs what a real one does.
        assertThat(dummyHash).startsWith("$2a$").isNotEqualTo(alice.passwordHash());
        assertThat(dummyHash.substring(0, 7)).isEqualTo(alice.passwordHash().substring(0, 7));
        assertThat(AuthSetup.sessionKeyCount(redisson)).isEqualTo(1);
    }

    @Test
    void malformedEmailAtLoginIsAnsweredLikeAnUnknownOneWithoutSql() {
        ConnectionCounter connections = new ConnectionCounter(dataSource);
        AuthSetup counted = new AuthSetup(AuthSetup.users(connections.dataSource()), redisson);

        assertThatThrownBy(() -> counted.auth.login("al\u0000ice@example.com", PASSWORD))
                .isInstanceOf(InvalidCredentialsException.class)
                .hasMessage(CREDENTIALS_MESSAGE);
        assertThat(connections.opened()).isZero();
        assertThat(counted.hasher.verifications()).isEqualTo(1);
    }

    // --- R12: corrupt stored hash ---

    @Test
    void corruptStoredHashFailsWithInvalidCredentialsAndAnErrorLine(DSLContext sql) {
        User alice = setup.auth.signup("alice@example.com", "Alice", PASSWORD).user();
        sql.execute("UPDATE users SET password_hash = 'not-a-bcrypt-hash' WHERE id = ?", alice.id());
        long keysBefore = AuthSetup.sessionKeyCount(redisson);

        try (LogCapture logs = new LogCapture()) {
            assertThatThrownBy(() -> setup.auth.login("alice@example.com", PASSWORD))
                    .isInstanceOf(InvalidCredentialsException.class)
                    .hasMessage(CREDENTIALS_MESSAGE);

            assertThat(logs.messagesAt(Level.ERROR)).containsExactly(
                    "login refused for user " + alice.id() + ": the stored password hash is not a valid bcrypt hash");
            assertThat(logs.lines()).noneMatch(line -> line.contains("not-a-bcrypt-hash"))
                    .noneMatch(line -> line.contains(PASSWORD));
        }
        assertThat(AuthSetup.sessionKeyCount(redisson)).isEqualTo(keysBefore);
    }

    // --- R13: a megabyte password ---

    @Test
    void megabytePasswordIsRejectedAsInvalidCredentialsBeforeBcrypt() {
        setup.auth.signup("alice@example.com", "Alice", PASSWORD);
        setup.hasher.reset();
        String megabyte = "p".repeat(1024 * 1024);

        assertThatThrownBy(() -> setup.auth.login("alice@example.com", megabyte))
                .isInstanceOf(InvalidCredentialsException.class)
                .hasMessage(CREDENTIALS_MESSAGE);
        assertThat(setup.hasher.verifications()).isZero();
        assertThat(setup.hasher.hashes()).isZero();
    }

    @Test
    void missingOrSeventyThreeBytePasswordIsRefusedBeforeAnyLookupOrBcryptAndSeventyTwoLogsIn() {
        String seventyTwo = "a".repeat(72);
        User alice = setup.auth.signup("alice@example.com", "Alice", seventyTwo).user();
        ConnectionCounter connections = new ConnectionCounter(dataSource);
        AuthSetup counted = new AuthSetup(AuthSetup.users(connections.dataSource()), redisson);
        long keysBefore = AuthSetup.sessionKeyCount(redisson);

        assertThatThrownBy(() -> counted.auth.login("alice@example.com", null))
                .isInstanceOf(InvalidCredentialsException.class)
                .hasMessage(CREDENTIALS_MESSAGE);
        assertThatThrownBy(() -> counted.auth.login("alice@example.com", seventyTwo + "a"))
                .isInstanceOf(InvalidCredentialsException.class)
                .hasMessage(CREDENTIALS_MESSAGE);

        assertThat(connections.opened()).as("no user looked up").isZero();
        assertThat(counted.hasher.verifications()).isZero();
        assertThat(counted.hasher.hashes()).isZero();
        assertThat(AuthSetup.sessionKeyCount(redisson)).isEqualTo(keysBefore);
        assertThat(counted.auth.login("alice@example.com", seventyTwo).user()).isEqualTo(alice);
        assertThat(connections.opened()).isPositive();
    }

    @Test
    void passwordLongerThanSeventyTwoBytesNeverMatchesItsTruncation() {
        String seventyTwo = "a".repeat(72);
        setup.auth.signup("alice@example.com", "Alice", seventyTwo);

        assertThatThrownBy(() -> setup.auth.login("alice@example.com", seventyTwo + "extra"))
                .isInstanceOf(InvalidCredentialsException.class)
                .hasMessage(CREDENTIALS_MESSAGE);
    }

    // --- R14: Redis down at login ---

    @Test
    void loginWithRedisDownFailsWithSessionStoreUnavailableInBoundedTime() throws IOException {
        setup.auth.signup("alice@example.com", "Alice", PASSWORD);
        RedissonClient unreachable = RedissonClientFactory.create(
                "redis://127.0.0.1:" + AuthSignupIT.closedPort(), AuthSignupIT.FAST);
        try {
            AuthSetup redisDown = new AuthSetup(AuthSetup.users(dataSource), unreachable);
            long started = System.nanoTime();

            // The attempt is counted in Redis before anything else, so that is where it fails.
            assertThatThrownBy(() -> redisDown.auth.login("alice@example.com", PASSWORD))
                    .isInstanceOf(SessionStoreUnavailableException.class)
                    .hasMessageStartingWith("Redis failed while counting a login attempt (");

            assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .isLessThan(AuthSignupIT.FAST.worstCaseFailureTime().plusSeconds(2));
        } finally {
            unreachable.shutdown();
        }
    }
}
