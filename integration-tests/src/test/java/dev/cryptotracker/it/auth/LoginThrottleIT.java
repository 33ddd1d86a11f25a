package dev.cryptotracker.it.auth;

import dev.cryptotracker.domain.InvalidCredentialsException;
import dev.cryptotracker.domain.LoginThrottledException;
import dev.cryptotracker.domain.SessionStoreUnavailableException;
import dev.cryptotracker.domain.auth.AuthResult;
import dev.cryptotracker.domain.auth.BcryptPasswordHasher;
import dev.cryptotracker.domain.auth.LoginThrottle;
import dev.cryptotracker.domain.auth.ThrottlePolicy;
import dev.cryptotracker.sessions.RedissonClientFactory;
import dev.cryptotracker.testkit.Testkit;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.redisson.api.RBucket;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Failed logins per email, counted in Redis: refused unchecked after five in a window, the same for registered and
 * unknown emails, reset by a correct password, expiring by themselves, and exact under concurrent attempts.
 */
@Testkit
class LoginThrottleIT {

    private static final String EMAIL = "alice@example.com";
    private static final String PASSWORD = "correct horse battery";
    private static final String WRONG = "wrong horse battery";
    private static final Duration WINDOW = Duration.ofMinutes(15);

    private final DataSource dataSource;
    private final RedissonClient redisson;
    private final AuthSetup setup;

    LoginThrottleIT(DataSource dataSource, RedissonClient redisson) {
        this.dataSource = dataSource;
        this.redisson = redisson;
        this.setup = AuthSetup.over(dataSource, redisson);
    }

    private RBucket<String> counter(String email) {
        return redisson.getBucket("/login-attempts/" + LoginThrottle.subjectOf(email), StringCodec.INSTANCE);
    }

    private void failLogins(String email, int times) {
        for (int i = 0; i < times; i++) {
            assertThatThrownBy(() -> setup.auth.login(email, WRONG))
                    .as("failed login %d", i + 1)
                    .isInstanceOf(InvalidCredentialsException.class);
        }
    }

    @Test
    void afterFiveFailuresTheNextAttemptIsRefusedUncheckedEvenWithTheRightPassword() {
        setup.auth.signup(EMAIL, "Alice", PASSWORD);
        setup.hasher.reset();
        failLogins(EMAIL, 5);
        assertThat(setup.hasher.verifications()).isEqualTo(5);

        Throwable refused = catchThrowable(() -> setup.auth.login(EMAIL, PASSWORD));

        assertThat(refused).isInstanceOf(LoginThrottledException.class)
                .hasMessageMatching("too many failed logins; try again in \\d+ s");
        Duration retryAfter = ((LoginThrottledException) refused).retryAfter();
        assertThat(retryAfter).isPositive().isLessThanOrEqualTo(WINDOW);
        assertThat(refused.getMessage()).isEqualTo("too many failed logins; try again in "
                + (retryAfter.toMillis() + 999) / 1000 + " s");
        assertThat(setup.hasher.verifications()).as("no bcrypt while throttled").isEqualTo(5);
        assertThat(setup.hasher.hashes()).isZero();
        assertThat(AuthSetup.sessionKeyCount(redisson)).as("only the signup's session").isEqualTo(1);
        assertThat(counter(EMAIL).get()).isEqualTo("6");
    }

    @Test
    void anUnknownEmailIsThrottledExactlyLikeARegisteredOne() {
        setup.auth.signup(EMAIL, "Alice", PASSWORD);
        List<String> registered = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        setup.hasher.reset();
        for (int i = 0; i < 7; i++) {
            registered.add(outcome(catchThrowable(() -> setup.auth.login(EMAIL, WRONG))));
        }
        int verificationsForRegistered = setup.hasher.verifications();
        setup.hasher.reset();
        for (int i = 0; i < 7; i++) {
            unknown.add(outcome(catchThrowable(() -> setup.auth.login("nobody@example.com", WRONG))));
        }

        assertThat(unknown).isEqualTo(registered).containsExactly(
                "InvalidCredentialsException: invalid email or password",
                "InvalidCredentialsException: invalid email or password",
                "InvalidCredentialsException: invalid email or password",
                "InvalidCredentialsException: invalid email or password",
                "InvalidCredentialsException: invalid email or password",
                "LoginThrottledException: too many failed logins; try again in N s",
                "LoginThrottledException: too many failed logins; try again in N s");
        assertThat(setup.hasher.verifications()).isEqualTo(verificationsForRegistered).isEqualTo(5);
        assertThat(counter("nobody@example.com").get()).isEqualTo(counter(EMAIL).get()).isEqualTo("7");
        assertThat(counter("nobody@example.com").remainTimeToLive()).isPositive()
                .isLessThanOrEqualTo(WINDOW.toMillis());
    }

    private static String outcome(Throwable thrown) {
        return thrown.getClass().getSimpleName() + ": " + thrown.getMessage().replaceAll("\\d+", "N");
    }

    @Test
    void aCorrectPasswordResetsTheCount() {
        setup.auth.signup(EMAIL, "Alice", PASSWORD);
        failLogins(EMAIL, 4);

        assertThat(setup.auth.login(EMAIL, PASSWORD).token()).isNotBlank();

        assertThat(counter(EMAIL).isExists()).isFalse();
        failLogins(EMAIL, 5);
        assertThatThrownBy(() -> setup.auth.login(EMAIL, PASSWORD)).isInstanceOf(LoginThrottledException.class);
    }

    @Test
    void theRightPasswordAtAPasswordChangeOrAnAccountDeletionResetsTheCountToo() {
        AuthResult alice = setup.auth.signup(EMAIL, "Alice", PASSWORD);
        failLogins(EMAIL, 4);

        setup.auth.changePassword(alice.token(), PASSWORD, "a new password");

        assertThat(counter(EMAIL).isExists()).isFalse();
        failLogins(EMAIL, 4);

        setup.auth.deleteAccount(alice.token(), "a new password");

        // A new account under the email starts with every attempt it would have had.
        assertThat(counter(EMAIL).isExists()).isFalse();
        setup.auth.signup(EMAIL, "Alice again", PASSWORD);
        failLogins(EMAIL, 5);
        assertThatThrownBy(() -> setup.auth.login(EMAIL, PASSWORD)).isInstanceOf(LoginThrottledException.class);
    }

    @Test
    void theCounterExpiresByItselfAndRefusedAttemptsDoNotExtendIt() {
        setup.auth.signup(EMAIL, "Alice", PASSWORD);
        failLogins(EMAIL, 5);
        RBucket<String> counter = counter(EMAIL);
        long ttlBeforeRefusal = counter.remainTimeToLive();
        assertThat(ttlBeforeRefusal).isPositive().isLessThanOrEqualTo(WINDOW.toMillis())
                .isGreaterThan(WINDOW.minusMinutes(1).toMillis());

        assertThatThrownBy(() -> setup.auth.login(EMAIL, PASSWORD)).isInstanceOf(LoginThrottledException.class);
        assertThat(counter.remainTimeToLive()).isPositive().isLessThanOrEqualTo(ttlBeforeRefusal);

        assertThat(counter.expire(Duration.ofMillis(1))).isTrue(); // PEXPIRE 1: Redis ends the window, not us
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (counter.isExists() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(counter.isExists()).isFalse();
        assertThat(setup.auth.login(EMAIL, PASSWORD).token()).isNotBlank();
    }

    @Test
    void followsAConfiguredPolicy() {
        AuthSetup strict = new AuthSetup(AuthSetup.users(dataSource), redisson,
                new ThrottlePolicy(3, Duration.ofMinutes(1)), BcryptPasswordHasher.forTests());
        strict.auth.signup(EMAIL, "Alice", PASSWORD);
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> strict.auth.login(EMAIL, WRONG)).isInstanceOf(InvalidCredentialsException.class);
        }

        assertThatThrownBy(() -> strict.auth.login(EMAIL, PASSWORD))
                .isInstanceOfSatisfying(LoginThrottledException.class, e -> assertThat(e.retryAfter())
                        .isPositive().isLessThanOrEqualTo(Duration.ofMinutes(1)));
        assertThat(counter(EMAIL).remainTimeToLive()).isPositive().isLessThanOrEqualTo(60_000);
    }

    @Test
    void concurrentAttemptsAreEachCountedExactlyOnce() throws Exception {
        setup.auth.signup(EMAIL, "Alice", PASSWORD);
        setup.hasher.reset();
        int threads = 20;

        List<Object> outcomes = Concurrently.run(threads, () -> setup.auth.login(EMAIL, WRONG));

        assertThat(outcomes).allMatch(o -> o instanceof InvalidCredentialsException
                || o instanceof LoginThrottledException);
        assertThat(outcomes).filteredOn(o -> o instanceof InvalidCredentialsException).hasSize(5);
        assertThat(outcomes).filteredOn(o -> o instanceof LoginThrottledException).hasSize(threads - 5);
        assertThat(counter(EMAIL).get()).isEqualTo(Integer.toString(threads));
        assertThat(setup.hasher.verifications()).isEqualTo(5);
    }

    @Test
    void casesAndSurroundingSpaceOfAnEmailShareOneCounter() {
        setup.auth.signup(EMAIL, "Alice", PASSWORD);
        failLogins(EMAIL, 3);
        failLogins(" ALICE@Example.COM ", 2);

        assertThatThrownBy(() -> setup.auth.login("Alice@EXAMPLE.com", PASSWORD))
                .isInstanceOf(LoginThrottledException.class);
        assertThat(counter("aLiCe@example.com").get()).isEqualTo("6");
    }

    @Test
    void anEmailThatCouldNeverSignUpIsNeitherCountedNorLookedUp() {
        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(() -> setup.auth.login("not an email", WRONG))
                    .isInstanceOf(InvalidCredentialsException.class)
                    .hasMessage("invalid email or password");
        }

        assertThat(redisson.getKeys().count()).isZero();
        assertThat(setup.hasher.verifications()).as("still the dummy bcrypt work").isEqualTo(10);
    }

    @Test
    void passwordChangeAndAccountDeletionDrawOnTheSameAttempts(DSLContext sql) {
        AuthResult alice = setup.auth.signup(EMAIL, "Alice", PASSWORD);
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> setup.auth.changePassword(alice.token(), WRONG, "a new password"))
                    .isInstanceOf(InvalidCredentialsException.class);
        }
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> setup.auth.deleteAccount(alice.token(), WRONG))
                    .isInstanceOf(InvalidCredentialsException.class);
        }
        String hash = sql.fetchValue("SELECT password_hash FROM users WHERE id = ?", alice.user().id()).toString();
        setup.hasher.reset();

        assertThatThrownBy(() -> setup.auth.changePassword(alice.token(), PASSWORD, "a new password"))
                .isInstanceOf(LoginThrottledException.class);
        assertThatThrownBy(() -> setup.auth.deleteAccount(alice.token(), PASSWORD))
                .isInstanceOf(LoginThrottledException.class);
        assertThatThrownBy(() -> setup.auth.login(EMAIL, PASSWORD))
                .isInstanceOf(LoginThrottledException.class);

        assertThat(setup.hasher.verifications()).isZero();
        assertThat(setup.hasher.hashes()).isZero();
        assertThat(sql.fetchValue("SELECT password_hash FROM users WHERE id = ?", alice.user().id()))
                .hasToString(hash);
        assertThat(setup.auth.authenticate(alice.token())).isEqualTo(alice.user().id());
    }

    @Test
    void anAttemptThatCannotBeCountedIsRefusedWithoutBcrypt() throws Exception {
        setup.auth.signup(EMAIL, "Alice", PASSWORD);
        RedissonClient unreachable = RedissonClientFactory.create(
                "redis://127.0.0.1:" + AuthSignupIT.closedPort(), AuthSignupIT.FAST);
        try {
            AuthSetup redisDown = new AuthSetup(AuthSetup.users(dataSource), unreachable);

            assertThatThrownBy(() -> redisDown.auth.login(EMAIL, PASSWORD))
                    .isInstanceOf(SessionStoreUnavailableException.class)
                    .hasMessageStartingWith("Redis failed while counting a login attempt (");
            assertThat(redisDown.hasher.verifications()).isZero();
        } finally {
            unreachable.shutdown();
        }
    }
}
