package dev.cryptotracker.it.auth;

import ch.qos.logback.classic.Level;
import dev.cryptotracker.domain.InvalidCredentialsException;
import dev.cryptotracker.domain.InvalidTokenException;
import dev.cryptotracker.domain.SessionStoreUnavailableException;
import dev.cryptotracker.domain.UserNotFoundException;
import dev.cryptotracker.domain.alert.AlertService;
import dev.cryptotracker.domain.alert.AlertType;
import dev.cryptotracker.domain.auth.AuthResult;
import dev.cryptotracker.domain.token.TokenService;
import dev.cryptotracker.persistence.JooqAlertRepository;
import dev.cryptotracker.persistence.JooqTokenRepository;
import dev.cryptotracker.sessions.RedisSessionStore;
import dev.cryptotracker.sessions.RedissonClientFactory;
import dev.cryptotracker.testkit.ConnectionDetails;
import dev.cryptotracker.testkit.DatabaseHelper;
import dev.cryptotracker.testkit.FaultInjectingProxy;
import dev.cryptotracker.testkit.Testkit;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Deleting an account: the user and their alerts go, every session closes, and no token of theirs ever
 * authenticates again — also when Redis was down at deletion and their session keys survived.
 */
@Testkit
class AccountDeletionIT {

    private static final String EMAIL = "alice@example.com";
    private static final String PASSWORD = "correct horse battery";

    private final DataSource dataSource;
    private final RedissonClient redisson;
    private final DatabaseHelper db;
    private final DSLContext sql;
    private final AuthSetup setup;
    private AlertService alerts;

    AccountDeletionIT(DataSource dataSource, RedissonClient redisson, DatabaseHelper db, DSLContext sql) {
        this.dataSource = dataSource;
        this.redisson = redisson;
        this.db = db;
        this.sql = sql;
        this.setup = AuthSetup.over(dataSource, redisson);
    }

    @BeforeEach
    void aTokenToWatch() {
        new TokenService(new JooqTokenRepository(sql)).add("BTC", "Bitcoin");
        alerts = new AlertService(new JooqAlertRepository(sql), new JooqTokenRepository(sql), Clock.systemUTC());
    }

    private long alertsOf(long userId) {
        return sql.fetchCount(sql.selectFrom("alerts").where("user_id = ?", userId));
    }

    private void assertRejected(String token, String reason) {
        assertThatThrownBy(() -> setup.auth.authenticate(token))
                .isInstanceOf(InvalidTokenException.class)
                .hasMessage("invalid token: " + reason);
    }

    @Test
    void deletesTheUserTheirAlertsAndEverySessionAndNothingOfAnyoneElse() {
        AuthResult here = setup.auth.signup(EMAIL, "Alice", PASSWORD);
        AuthResult elsewhere = setup.auth.login(EMAIL, PASSWORD);
        AuthResult bob = setup.auth.signup("bob@example.com", "Bob", PASSWORD);
        long alice = here.user().id();
        alerts.create(alice, "BTC", AlertType.ABOVE, new BigDecimal("70000"));
        alerts.create(alice, "BTC", AlertType.BELOW, new BigDecimal("50000"));
        alerts.create(bob.user().id(), "BTC", AlertType.ABOVE, new BigDecimal("80000"));

        setup.auth.deleteAccount(here.token(), PASSWORD);

        assertThat(db.rowCount("users")).isEqualTo(1);
        assertThat(alertsOf(alice)).isZero();
        assertThat(alertsOf(bob.user().id())).isEqualTo(1);
        assertRejected(here.token(), "session is not open");
        assertRejected(elsewhere.token(), "session is not open");
        assertThat(redisson.getKeys().countExists(RedisSessionStore.indexKey(alice))).isZero();
        assertThat(AuthSetup.sessionKeyCount(redisson)).isEqualTo(1);
        assertThat(setup.auth.authenticate(bob.token())).isEqualTo(bob.user().id());
        assertThatThrownBy(() -> setup.auth.login(EMAIL, PASSWORD))
                .isInstanceOf(InvalidCredentialsException.class)
                .hasMessage("invalid email or password");
    }

    @Test
    void aWrongPasswordDeletesNothing() {
        AuthResult here = setup.auth.signup(EMAIL, "Alice", PASSWORD);
        alerts.create(here.user().id(), "BTC", AlertType.ABOVE, new BigDecimal("70000"));

        assertThatThrownBy(() -> setup.auth.deleteAccount(here.token(), "wrong horse battery"))
                .isInstanceOf(InvalidCredentialsException.class)
                .hasMessage("invalid email or password");

        assertThat(db.rowCount("users")).isEqualTo(1);
        assertThat(alertsOf(here.user().id())).isEqualTo(1);
        assertThat(setup.auth.authenticate(here.token())).isEqualTo(here.user().id());
    }

    @Test
    void aClosedSessionCannotDeleteTheAccount() {
        AuthResult here = setup.auth.signup(EMAIL, "Alice", PASSWORD);
        setup.auth.logout(here.token());

        assertThatThrownBy(() -> setup.auth.deleteAccount(here.token(), PASSWORD))
                .isInstanceOf(InvalidTokenException.class)
                .hasMessage("invalid token: session is not open");
        assertThat(db.rowCount("users")).isEqualTo(1);
    }

    @Test
    void deletingAnUnknownUserFailsAndChangesNothing() {
        AuthResult here = setup.auth.signup(EMAIL, "Alice", PASSWORD);
        long unknown = here.user().id() + 1;

        assertThatThrownBy(() -> setup.auth.deleteUser(unknown))
                .isInstanceOf(UserNotFoundException.class)
                .hasMessage("no user with id " + unknown);
        assertThat(db.rowCount("users")).isEqualTo(1);
        assertThat(setup.auth.authenticate(here.token())).isEqualTo(here.user().id());
        setup.auth.deleteUser(here.user().id());
        assertThatThrownBy(() -> setup.auth.deleteUser(here.user().id()))
                .isInstanceOf(UserNotFoundException.class);
    }

    @Test
    void theEmailIsFreeAgainAndAnOldTokenNeverReachesTheNewAccount() {
        AuthResult before = setup.auth.signup(EMAIL, "Alice", PASSWORD);
        setup.auth.deleteAccount(before.token(), PASSWORD);

        AuthResult after = setup.auth.signup(EMAIL, "Alice again", PASSWORD);

        assertThat(after.user().id()).isNotEqualTo(before.user().id());
        assertRejected(before.token(), "session is not open");
        assertThat(setup.auth.authenticate(after.token())).isEqualTo(after.user().id());
    }

    @Test
    void aSessionKeyThatOutlivedItsUserNeverAuthenticatesAndIsClosed() throws Exception {
        AuthResult here = setup.auth.signup(EMAIL, "Alice", PASSWORD);
        // The row goes, the Redis keys stay: what a deletion leaves when Redis is unreachable.
        sql.execute("DELETE FROM users WHERE id = ?", here.user().id());
        String sessionKey = AuthSetup.sessionKeyOf(here.user().id(), here.token());
        assertThat(redisson.getBucket(sessionKey, StringCodec.INSTANCE).isExists()).isTrue();

        assertRejected(here.token(), "user no longer exists");

        assertThat(redisson.getBucket(sessionKey, StringCodec.INSTANCE).isExists()).isFalse();
        assertRejected(here.token(), "session is not open");
    }

    @Test
    void deletionWithRedisDownStillDeletesAndTheSurvivingSessionsNeverAuthenticate(ConnectionDetails details)
            throws Exception {
        URI redis = URI.create(details.redisUri());
        try (FaultInjectingProxy proxy = FaultInjectingProxy.to(redis.getHost(), redis.getPort())) {
            RedissonClient client = RedissonClientFactory.create(
                    "redis://" + proxy.host() + ":" + proxy.port() + redis.getPath(), AuthSignupIT.FAST);
            try {
                AuthSetup proxied = new AuthSetup(AuthSetup.users(dataSource), client);
                AuthResult here = proxied.auth.signup(EMAIL, "Alice", PASSWORD);
                AuthResult elsewhere = proxied.auth.login(EMAIL, PASSWORD);
                long alice = here.user().id();
                alerts.create(alice, "BTC", AlertType.ABOVE, new BigDecimal("70000"));

                proxy.stop();
                try (LogCapture logs = new LogCapture()) {
                    proxied.auth.deleteUser(alice);

                    assertThat(logs.messagesAt(Level.WARN)).singleElement().asString()
                            .startsWith("user " + alice + " deleted, but its sessions could not be closed now (")
                            .endsWith("); they no longer authenticate and expire with their tokens");
                }
                assertThat(db.rowCount("users")).isZero();
                assertThat(alertsOf(alice)).isZero();
                assertThat(AuthSetup.sessionKeyCount(redisson)).as("keys that survived the deletion").isEqualTo(2);

                proxy.start();
                for (String token : List.of(here.token(), elsewhere.token())) {
                    assertThatThrownBy(() -> AuthSetup.untilRedisAnswers(() -> proxied.auth.authenticate(token)))
                            .isInstanceOf(InvalidTokenException.class)
                            .hasMessage("invalid token: user no longer exists");
                }
                assertThat(AuthSetup.sessionKeyCount(redisson)).as("closed when presented").isZero();
            } finally {
                client.shutdown();
            }
        }
    }

    @Test
    void theUsersOwnDeletionWithRedisDownFailsAndDeletesNothing(ConnectionDetails details) {
        URI redis = URI.create(details.redisUri());
        try (FaultInjectingProxy proxy = FaultInjectingProxy.to(redis.getHost(), redis.getPort())) {
            RedissonClient client = RedissonClientFactory.create(
                    "redis://" + proxy.host() + ":" + proxy.port() + redis.getPath(), AuthSignupIT.FAST);
            try {
                AuthSetup proxied = new AuthSetup(AuthSetup.users(dataSource), client);
                AuthResult here = proxied.auth.signup(EMAIL, "Alice", PASSWORD);

                proxy.stop();
                assertThatThrownBy(() -> proxied.auth.deleteAccount(here.token(), PASSWORD))
                        .isInstanceOf(SessionStoreUnavailableException.class);
            } finally {
                client.shutdown();
            }
        }
        assertThat(db.rowCount("users")).isEqualTo(1);
    }

    @Test
    void loginsRacingTheDeletionNeverLeaveATokenThatAuthenticates() throws Exception {
        long alice = setup.auth.signup(EMAIL, "Alice", PASSWORD).user().id();
        int threads = 4;
        List<String> tokens = new CopyOnWriteArrayList<>();
        CountDownLatch someLoggedIn = new CountDownLatch(threads * 3);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> loggingIn = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                loggingIn.add(pool.submit(() -> {
                    // Log in until the user is gone; a login refused because of the deletion ends the loop.
                    while (true) {
                        try {
                            tokens.add(setup.auth.login(EMAIL, PASSWORD).token());
                            someLoggedIn.countDown();
                        } catch (InvalidCredentialsException gone) {
                            return null;
                        }
                    }
                }));
            }
            assertThat(someLoggedIn.await(60, TimeUnit.SECONDS)).isTrue();
            setup.auth.deleteUser(alice);
            for (Future<?> login : loggingIn) {
                login.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(tokens).hasSizeGreaterThanOrEqualTo(threads * 3);
        for (String token : tokens) {
            assertThatThrownBy(() -> setup.auth.authenticate(token)).isInstanceOf(InvalidTokenException.class);
        }
        assertThat(AuthSetup.sessionKeyCount(redisson)).isZero();
        assertThat(redisson.getKeys().countExists(RedisSessionStore.indexKey(alice))).isZero();
    }
}
