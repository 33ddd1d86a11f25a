package dev.cryptotracker.it.auth;

import dev.cryptotracker.domain.InvalidCredentialsException;
import dev.cryptotracker.domain.InvalidTokenException;
import dev.cryptotracker.domain.SessionStoreUnavailableException;
import dev.cryptotracker.domain.ValidationException;
import dev.cryptotracker.domain.auth.AuthResult;
import dev.cryptotracker.sessions.RedissonClientFactory;
import dev.cryptotracker.testkit.ConnectionDetails;
import dev.cryptotracker.testkit.FaultInjectingProxy;
import dev.cryptotracker.testkit.Testkit;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.redisson.api.RedissonClient;

import javax.sql.DataSource;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Changing a password: the current one is required, the token's session stays, every other session closes. */
@Testkit
class ChangePasswordIT {

    private static final String EMAIL = "alice@example.com";
    private static final String PASSWORD = "correct horse battery";
    private static final String NEW_PASSWORD = "staple battery horse";

    private final RedissonClient redisson;
    private final DSLContext sql;
    private final AuthSetup setup;

    ChangePasswordIT(DataSource dataSource, RedissonClient redisson, DSLContext sql) {
        this.redisson = redisson;
        this.sql = sql;
        this.setup = AuthSetup.over(dataSource, redisson);
    }

    private String storedHash(long userId) {
        return sql.fetchValue("SELECT password_hash FROM users WHERE id = ?", userId).toString();
    }

    @Test
    void changesThePasswordKeepsThisSessionAndClosesEveryOther() {
        AuthResult here = setup.auth.signup(EMAIL, "Alice", PASSWORD);
        AuthResult elsewhere = setup.auth.login(EMAIL, PASSWORD);
        AuthResult thirdDevice = setup.auth.login(EMAIL, PASSWORD);
        AuthResult bob = setup.auth.signup("bob@example.com", "Bob", PASSWORD);

        setup.auth.changePassword(here.token(), PASSWORD, NEW_PASSWORD);

        assertThat(setup.auth.authenticate(here.token())).isEqualTo(here.user().id());
        for (String closed : List.of(elsewhere.token(), thirdDevice.token())) {
            assertThatThrownBy(() -> setup.auth.authenticate(closed))
                    .isInstanceOf(InvalidTokenException.class)
                    .hasMessage("invalid token: session is not open");
        }
        assertThat(setup.auth.authenticate(bob.token())).isEqualTo(bob.user().id());
        assertThatThrownBy(() -> setup.auth.login(EMAIL, PASSWORD))
                .isInstanceOf(InvalidCredentialsException.class);
        assertThat(setup.auth.login(EMAIL, NEW_PASSWORD).user().id()).isEqualTo(here.user().id());
        assertThat(setup.auth.login("bob@example.com", PASSWORD).user().id()).isEqualTo(bob.user().id());
    }

    @Test
    void aWrongCurrentPasswordChangesNothing() {
        AuthResult here = setup.auth.signup(EMAIL, "Alice", PASSWORD);
        AuthResult elsewhere = setup.auth.login(EMAIL, PASSWORD);
        String hash = storedHash(here.user().id());
        setup.hasher.reset();

        assertThatThrownBy(() -> setup.auth.changePassword(here.token(), "wrong horse battery", NEW_PASSWORD))
                .isInstanceOf(InvalidCredentialsException.class)
                .hasMessage("invalid email or password");

        assertThat(storedHash(here.user().id())).isEqualTo(hash);
        assertThat(setup.hasher.hashes()).as("the new password is never hashed").isZero();
        assertThat(setup.auth.authenticate(elsewhere.token())).isEqualTo(here.user().id());
        assertThat(AuthSetup.sessionKeyCount(redisson)).isEqualTo(2);
    }

    static Stream<Arguments> invalidNewPasswords() {
        return Stream.of(
                arguments(null, "password is required"),
                arguments("short", "password must be at least 8 characters"),
                arguments("e\u0301".repeat(7), "password must be at least 8 characters"),
                arguments("a".repeat(73), "password must be at most 72 bytes in UTF-8"),
                arguments("\ufdfa".repeat(3), "password must be at most 72 bytes in UTF-8"));
    }

    @ParameterizedTest
    @MethodSource("invalidNewPasswords")
    void anInvalidNewPasswordIsRefusedBeforeAnyBcryptAndChangesNothing(String newPassword, String message) {
        AuthResult here = setup.auth.signup(EMAIL, "Alice", PASSWORD);
        AuthResult elsewhere = setup.auth.login(EMAIL, PASSWORD);
        String hash = storedHash(here.user().id());
        setup.hasher.reset();

        assertThatThrownBy(() -> setup.auth.changePassword(here.token(), PASSWORD, newPassword))
                .isInstanceOf(ValidationException.class)
                .hasMessage(message);

        assertThat(setup.hasher.verifications()).isZero();
        assertThat(setup.hasher.hashes()).isZero();
        assertThat(storedHash(here.user().id())).isEqualTo(hash);
        assertThat(setup.auth.authenticate(elsewhere.token())).isEqualTo(here.user().id());
    }

    @Test
    void theNewPasswordIsTakenInNfkc() {
        AuthResult here = setup.auth.signup(EMAIL, "Alice", PASSWORD);

        setup.auth.changePassword(here.token(), PASSWORD, "cafe\u0301 au lait");

        assertThat(setup.auth.login(EMAIL, "caf\u00e9 au lait").user().id()).isEqualTo(here.user().id());
    }

    @Test
    void theCurrentPasswordIsTakenInNfkcToo() {
        AuthResult here = setup.auth.signup(EMAIL, "Alice", "caf\u00e9 au lait");

        setup.auth.changePassword(here.token(), "cafe\u0301 au lait", NEW_PASSWORD);

        assertThat(setup.auth.login(EMAIL, NEW_PASSWORD).user().id()).isEqualTo(here.user().id());
    }

    @Test
    void refusesATokenWhoseSessionIsClosed() {
        AuthResult here = setup.auth.signup(EMAIL, "Alice", PASSWORD);
        String hash = storedHash(here.user().id());
        setup.auth.logout(here.token());

        assertThatThrownBy(() -> setup.auth.changePassword(here.token(), PASSWORD, NEW_PASSWORD))
                .isInstanceOf(InvalidTokenException.class)
                .hasMessage("invalid token: session is not open");
        assertThat(storedHash(here.user().id())).isEqualTo(hash);
    }

    @Test
    void anAccountDeletedWhileTheNewPasswordIsHashedWinsAndTheChangeFailsAsItsUserNoLongerExists() {
        AuthResult here = setup.auth.signup(EMAIL, "Alice", PASSWORD);
        setup.auth.login(EMAIL, PASSWORD);
        // The deletion commits after the current password was checked and before the new hash is stored.
        setup.hasher.beforeEachHash(() -> setup.auth.deleteUser(here.user().id()));

        assertThatThrownBy(() -> setup.auth.changePassword(here.token(), PASSWORD, NEW_PASSWORD))
                .isInstanceOf(InvalidTokenException.class)
                .hasMessage("invalid token: user no longer exists");

        setup.hasher.beforeEachHash(() -> { });
        assertThat(sql.fetchValue("SELECT count(*) FROM users")).isEqualTo(0L);
        assertThat(AuthSetup.sessionKeyCount(redisson)).isZero();
        assertThatThrownBy(() -> setup.auth.login(EMAIL, NEW_PASSWORD)).isInstanceOf(InvalidCredentialsException.class);
    }

    @Test
    void redisFailingAfterTheChangeSaysSoAndLeavesTheNewPasswordInPlace(ConnectionDetails details,
                                                                         DataSource dataSource) {
        URI redis = URI.create(details.redisUri());
        try (FaultInjectingProxy proxy = FaultInjectingProxy.to(redis.getHost(), redis.getPort())) {
            RedissonClient client = RedissonClientFactory.create(
                    "redis://" + proxy.host() + ":" + proxy.port() + redis.getPath(), AuthSignupIT.FAST);
            try {
                AuthSetup proxied = new AuthSetup(AuthSetup.users(dataSource), client);
                AuthResult here = proxied.auth.signup(EMAIL, "Alice", PASSWORD);
                AuthResult elsewhere = proxied.auth.login(EMAIL, PASSWORD);
                // Redis goes away once the current password is checked, while the new one is being hashed.
                proxied.hasher.beforeEachHash(proxy::stop);

                assertThatThrownBy(() -> proxied.auth.changePassword(here.token(), PASSWORD, NEW_PASSWORD))
                        .isInstanceOf(SessionStoreUnavailableException.class)
                        .hasMessage("the password of user " + here.user().id() + " was changed, but its other"
                                + " sessions could not be closed; log out everywhere once Redis is back");

                proxied.hasher.beforeEachHash(() -> { });
                proxy.start();
                assertThat(AuthSetup.untilRedisAnswers(() -> proxied.auth.authenticate(elsewhere.token())))
                        .as("not closed, as the message says").isEqualTo(here.user().id());
                assertThatThrownBy(() -> proxied.auth.login(EMAIL, PASSWORD))
                        .isInstanceOf(InvalidCredentialsException.class);
                assertThat(proxied.auth.logoutEverywhere(proxied.auth.login(EMAIL, NEW_PASSWORD).token()))
                        .isEqualTo(3);
            } finally {
                client.shutdown();
            }
        }
    }

    @Test
    void concurrentChangesFromOneCurrentPasswordLetExactlyOneWin() throws Exception {
        AuthResult signedUp = setup.auth.signup(EMAIL, "Alice", PASSWORD);
        int threads = 4;
        List<String> tokens = new ArrayList<>();
        List<Callable<String>> changes = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            String token = setup.auth.login(EMAIL, PASSWORD).token();
            String replacement = "new password number " + i;
            tokens.add(token);
            changes.add(() -> {
                setup.auth.changePassword(token, PASSWORD, replacement);
                return replacement;
            });
        }

        List<Object> outcomes = Concurrently.run(changes);

        List<String> winners = outcomes.stream().filter(String.class::isInstance).map(String.class::cast).toList();
        assertThat(winners).hasSize(1);
        // A loser fails at the compare-and-set, or, if the winner already closed its session, at the token.
        assertThat(outcomes).filteredOn(o -> !(o instanceof String))
                .hasSize(threads - 1)
                .allMatch(o -> o instanceof InvalidCredentialsException || o instanceof InvalidTokenException,
                        "InvalidCredentials or InvalidToken");
        assertThat(setup.auth.login(EMAIL, winners.get(0)).user().id()).isEqualTo(signedUp.user().id());
        for (int i = 0; i < threads; i++) {
            String candidate = "new password number " + i;
            if (!candidate.equals(winners.get(0))) {
                assertThatThrownBy(() -> setup.auth.login(EMAIL, candidate))
                        .isInstanceOf(InvalidCredentialsException.class);
            }
        }
        long openOfTheRace = tokens.stream().filter(token -> {
            try {
                setup.auth.authenticate(token);
                return true;
            } catch (InvalidTokenException closed) {
                return false;
            }
        }).count();
        assertThat(openOfTheRace).as("only the winner's session stays open").isEqualTo(1);
    }
}
