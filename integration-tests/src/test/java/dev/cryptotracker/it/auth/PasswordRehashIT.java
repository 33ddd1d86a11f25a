package dev.cryptotracker.it.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import dev.cryptotracker.domain.InvalidCredentialsException;
import dev.cryptotracker.domain.InvalidTokenException;
import dev.cryptotracker.domain.auth.AuthResult;
import dev.cryptotracker.domain.auth.BcryptPasswordHasher;
import dev.cryptotracker.domain.auth.ThrottlePolicy;
import dev.cryptotracker.testkit.Testkit;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The upgrade path: a hash stored at a lower cost (here the test cost, 4, as an older release might have stored it)
 * is replaced at the next successful login by one of the configured cost (10) — never over a password changed
 * meanwhile, and never letting a login that raced a password change keep its session.
 */
@Testkit
class PasswordRehashIT {

    private static final String EMAIL = "alice@example.com";
    private static final String PASSWORD = "correct horse battery";
    private static final String NEW_PASSWORD = "staple battery horse";

    private final RedissonClient redisson;
    private final DSLContext sql;
    /** Hashes at cost 4: what stored the existing hashes. */
    private final AuthSetup older;
    /** Hashes at cost 10 and upgrades what it finds weaker, on the same database and Redis. */
    private final AuthSetup upgrading;

    PasswordRehashIT(DataSource dataSource, RedissonClient redisson, DSLContext sql) {
        this.redisson = redisson;
        this.sql = sql;
        this.older = AuthSetup.over(dataSource, redisson);
        this.upgrading = new AuthSetup(AuthSetup.users(dataSource), redisson, ThrottlePolicy.defaults(),
                new BcryptPasswordHasher(10));
    }

    private String storedHash(long userId) {
        return sql.fetchValue("SELECT password_hash FROM users WHERE id = ?", userId).toString();
    }

    private static boolean hashOf(String password, String hash) {
        return BCrypt.verifyer().verify(password.getBytes(StandardCharsets.UTF_8),
                hash.getBytes(StandardCharsets.UTF_8)).verified;
    }

    @Test
    void aLoginReplacesAHashOfALowerCostWithOneOfTheConfiguredCostOnce() {
        long alice = older.auth.signup(EMAIL, "Alice", PASSWORD).user().id();
        assertThat(storedHash(alice)).startsWith("$2a$04$");

        assertThat(upgrading.auth.login(EMAIL, PASSWORD).user().id()).isEqualTo(alice);

        // One check and one new hash: the hash read again once the session is open is the one this login stored.
        assertThat(upgrading.hasher.verifications()).isEqualTo(1);
        assertThat(upgrading.hasher.hashes()).isEqualTo(1);
        String upgraded = storedHash(alice);
        assertThat(upgraded).startsWith("$2a$10$").hasSize(60);
        assertThat(hashOf(PASSWORD, upgraded)).isTrue();
        upgrading.auth.login(EMAIL, PASSWORD);
        assertThat(storedHash(alice)).as("not hashed again").isEqualTo(upgraded);
        assertThat(older.auth.login(EMAIL, PASSWORD).user().id()).as("a stronger hash stays").isEqualTo(alice);
        assertThat(storedHash(alice)).isEqualTo(upgraded);
    }

    @Test
    void aHashOfTheConfiguredCostIsLeftAlone() {
        long alice = older.auth.signup(EMAIL, "Alice", PASSWORD).user().id();
        String hash = storedHash(alice);
        older.hasher.reset();

        older.auth.login(EMAIL, PASSWORD);

        assertThat(storedHash(alice)).isEqualTo(hash);
        assertThat(older.hasher.hashes()).isZero();
    }

    @Test
    void aWrongPasswordNeverUpgradesTheHash() {
        long alice = older.auth.signup(EMAIL, "Alice", PASSWORD).user().id();
        String hash = storedHash(alice);

        assertThatThrownBy(() -> upgrading.auth.login(EMAIL, "wrong horse battery"))
                .isInstanceOf(InvalidCredentialsException.class);

        assertThat(storedHash(alice)).isEqualTo(hash);
        assertThat(upgrading.hasher.hashes()).isZero();
    }

    @Test
    void concurrentLoginsAllSucceedAndStoreOneUpgradedHash() throws Exception {
        long alice = older.auth.signup(EMAIL, "Alice", PASSWORD).user().id();
        String weak = storedHash(alice);

        List<Object> outcomes;
        try (LogCapture logs = new LogCapture()) {
            outcomes = Concurrently.run(4, () -> upgrading.auth.login(EMAIL, PASSWORD));

            assertThat(logs.lines()).filteredOn(line -> line.contains("password hash upgraded")).hasSize(1);
        }
        assertThat(outcomes).allMatch(AuthResult.class::isInstance, "a successful login");
        for (Object outcome : outcomes) {
            assertThat(upgrading.auth.authenticate(((AuthResult) outcome).token())).isEqualTo(alice);
        }
        String upgraded = storedHash(alice);
        assertThat(upgraded).startsWith("$2a$10$").isNotEqualTo(weak);
        assertThat(hashOf(PASSWORD, upgraded)).isTrue();
    }

    @Test
    void anUpgradeRacingAPasswordChangeNeverBringsTheOldPasswordBack() throws Exception {
        AuthResult signedUp = older.auth.signup(EMAIL, "Alice", PASSWORD);
        long alice = signedUp.user().id();
        CountDownLatch upgradeHashing = new CountDownLatch(1);
        CountDownLatch changeDone = new CountDownLatch(1);
        // The login has checked the old password and is hashing it at the new cost when the change commits.
        upgrading.hasher.beforeEachHash(() -> {
            upgradeHashing.countDown();
            await(changeDone);
        });
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            Future<Throwable> login = thread.submit(() -> catchThrowable(() -> upgrading.auth.login(EMAIL, PASSWORD)));
            assertThat(upgradeHashing.await(30, TimeUnit.SECONDS)).isTrue();

            older.auth.changePassword(signedUp.token(), PASSWORD, NEW_PASSWORD);
            String changed = storedHash(alice);
            changeDone.countDown();

            assertThat(login.get(60, TimeUnit.SECONDS))
                    .as("the login raced the change and lost").isInstanceOf(InvalidCredentialsException.class);
            assertThat(storedHash(alice)).isEqualTo(changed).startsWith("$2a$04$");
            assertThat(hashOf(NEW_PASSWORD, changed)).isTrue();
        } finally {
            thread.shutdownNow();
        }
        assertThat(AuthSetup.sessionKeyCount(redisson)).as("only the changing session").isEqualTo(1);
        assertThat(older.auth.authenticate(signedUp.token())).isEqualTo(alice);
        assertThatThrownBy(() -> older.auth.login(EMAIL, PASSWORD)).isInstanceOf(InvalidCredentialsException.class);
        assertThat(older.auth.login(EMAIL, NEW_PASSWORD).user().id()).isEqualTo(alice);
    }

    @Test
    void aPasswordChangeRacingAnUpgradeStillChangesThePassword() throws Exception {
        AuthResult signedUp = older.auth.signup(EMAIL, "Alice", PASSWORD);
        long alice = signedUp.user().id();
        CountDownLatch changeHashing = new CountDownLatch(1);
        CountDownLatch upgradeDone = new CountDownLatch(1);
        // The change has checked the current password and is hashing the new one when a login upgrades the hash.
        older.hasher.beforeEachHash(() -> {
            changeHashing.countDown();
            await(upgradeDone);
        });
        ExecutorService thread = Executors.newSingleThreadExecutor();
        AuthResult upgradingLogin;
        try {
            Future<Throwable> change = thread.submit(() -> catchThrowable(
                    () -> older.auth.changePassword(signedUp.token(), PASSWORD, NEW_PASSWORD)));
            assertThat(changeHashing.await(30, TimeUnit.SECONDS)).isTrue();

            upgradingLogin = upgrading.auth.login(EMAIL, PASSWORD);
            assertThat(storedHash(alice)).startsWith("$2a$10$");
            upgradeDone.countDown();

            assertThat(change.get(60, TimeUnit.SECONDS)).as("the change went through").isNull();
        } finally {
            thread.shutdownNow();
        }
        String changed = storedHash(alice);
        assertThat(hashOf(NEW_PASSWORD, changed)).isTrue();
        assertThat(hashOf(PASSWORD, changed)).isFalse();
        assertThatThrownBy(() -> upgrading.auth.authenticate(upgradingLogin.token()))
                .as("the login's session is one of the others the change closes")
                .isInstanceOf(InvalidTokenException.class);
        assertThat(older.auth.authenticate(signedUp.token())).isEqualTo(alice);
        assertThatThrownBy(() -> upgrading.auth.login(EMAIL, PASSWORD)).isInstanceOf(InvalidCredentialsException.class);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new AssertionError("the other side of the race did not finish within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while lining up the race", e);
        }
    }
}
