package dev.cryptotracker.it.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.cryptotracker.domain.PersistenceUnavailableException;
import dev.cryptotracker.domain.SessionStoreUnavailableException;
import dev.cryptotracker.domain.auth.AuthResult;
import dev.cryptotracker.it.ConnectionCounter;
import dev.cryptotracker.persistence.DataSourceFactory;
import dev.cryptotracker.persistence.DatabaseSettings;
import dev.cryptotracker.sessions.RedisSessionStore;
import dev.cryptotracker.sessions.RedissonClientFactory;
import dev.cryptotracker.testkit.ConnectionDetails;
import dev.cryptotracker.testkit.DatabaseHelper;
import dev.cryptotracker.testkit.FaultInjectingProxy;
import dev.cryptotracker.testkit.Testkit;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * Redis and PostgreSQL failing under a running service, through a proxy between the service and the real servers:
 * a hanging or stopped server gives a typed error in bounded time, and the same clients work again once the
 * server is back, without a restart.
 */
@Testkit
class AuthServerOutageIT {

    private static final RedissonClientFactory.Settings FAST_FAILING = new RedissonClientFactory.Settings(
            Duration.ofMillis(500), Duration.ofMillis(500), 1, Duration.ofMillis(100));

    private static final Duration POLL_INTERVAL = Duration.ofMillis(50);

    private FaultInjectingProxy redisProxy;
    private RedissonClient client;
    private AuthSetup setup;

    /** The auth service, with its session store reaching Redis through a proxy that can fail. */
    @BeforeEach
    void serviceBehindARedisProxy(DataSource dataSource, ConnectionDetails details) {
        URI redis = URI.create(details.redisUri());
        redisProxy = FaultInjectingProxy.to(redis.getHost(), redis.getPort());
        client = RedissonClientFactory.create(
                "redis://" + redisProxy.host() + ":" + redisProxy.port() + redis.getPath(), FAST_FAILING);
        setup = new AuthSetup(AuthSetup.users(dataSource), client);
    }

    @AfterEach
    void closeProxyAndClient() {
        client.shutdown();
        redisProxy.close();
    }

    @Test
    void redisHangingUnderARunningServiceGivesUnavailableThenRecoversOnTheSameClient() {
        AuthResult signedUp = setup.auth.signup("hang@example.com", "Hang", "correct horse");

        redisProxy.pause();
        assertThatThrownBy(() -> setup.auth.authenticate(signedUp.token()))
                .isInstanceOf(SessionStoreUnavailableException.class);
        assertThatThrownBy(() -> setup.auth.login("hang@example.com", "correct horse"))
                .isInstanceOf(SessionStoreUnavailableException.class);

        redisProxy.resume();
        assertThat(setup.auth.authenticate(signedUp.token())).isEqualTo(signedUp.user().id());
        assertThat(setup.auth.login("hang@example.com", "correct horse").token()).isNotBlank();
    }

    @Test
    void redisStoppedAndStartedAgainNeedsNoRestartOfTheService() {
        AuthResult signedUp = setup.auth.signup("down@example.com", "Down", "correct horse");

        redisProxy.stop();
        assertThatThrownBy(() -> setup.auth.authenticate(signedUp.token()))
                .as("never 'valid' while Redis is down")
                .isInstanceOf(SessionStoreUnavailableException.class);

        redisProxy.start();
        assertThat(untilRedisAnswers(() -> setup.auth.authenticate(signedUp.token())))
                .isEqualTo(signedUp.user().id());
    }

    /**
     * Redisson reconnects in the background once Redis is back; until it has, calls still fail as unavailable
     * (never as anything else). Waits for that condition, bounded, without sleeping for a fixed time.
     */
    private static <T> T untilRedisAnswers(Supplier<T> call) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                return call.get();
            } catch (SessionStoreUnavailableException e) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("Redis was back but the client did not recover within 30 s", e);
                }
                LockSupport.parkNanos(POLL_INTERVAL.toNanos());
            }
        }
    }

    @Test
    void signupWhilePostgresIsDownFailsAsUnavailableAndOpensNoSession(ConnectionDetails details,
                                                                      RedissonClient redis, DatabaseHelper db) {
        URI jdbc = URI.create(details.jdbcUrl().substring("jdbc:".length()));
        try (FaultInjectingProxy proxy = FaultInjectingProxy.to(jdbc.getHost(), jdbc.getPort());
             HikariDataSource pool = DataSourceFactory.create(DatabaseSettings.of(
                     "jdbc:postgresql://" + proxy.host() + ":" + proxy.port() + jdbc.getPath(),
                     details.username(), details.password())
                     .withPoolName("outage-test").withMaximumPoolSize(2)
                     .withConnectionTimeout(Duration.ofSeconds(1)))) {
            AuthSetup pgSetup = new AuthSetup(AuthSetup.users(pool), redis);

            proxy.stop();
            assertThatThrownBy(() -> pgSetup.auth.signup("pgdown@example.com", "Down", "correct horse"))
                    .isInstanceOf(PersistenceUnavailableException.class);
            assertThat(redis.getKeys().count()).as("session keys").isZero();

            proxy.start();
            assertThat(db.rowCount("users")).isZero();
            assertThat(pgSetup.auth.signup("pgdown@example.com", "Down", "correct horse").token()).isNotBlank();
        }
    }

    @Test
    void aLoginWhosePostgresGoesAwayOnceItsSessionIsOpenClosesThatSessionAndFailsAsUnavailable(
            ConnectionDetails details, RedissonClient redis) throws Exception {
        URI jdbc = URI.create(details.jdbcUrl().substring("jdbc:".length()));
        try (FaultInjectingProxy proxy = FaultInjectingProxy.to(jdbc.getHost(), jdbc.getPort());
             HikariDataSource pool = DataSourceFactory.create(DatabaseSettings.of(
                     "jdbc:postgresql://" + proxy.host() + ":" + proxy.port() + jdbc.getPath(),
                     details.username(), details.password())
                     .withPoolName("outage-after-session").withMaximumPoolSize(2)
                     .withConnectionTimeout(Duration.ofSeconds(1)))) {
            ConnectionCounter connections = new ConnectionCounter(pool);
            AuthSetup pgSetup = new AuthSetup(AuthSetup.users(connections.dataSource()), redis);
            AuthResult signedUp = pgSetup.auth.signup("alice@example.com", "Alice", "correct horse");
            // A login takes two connections: the lookup by email before the password check, and the second look at
            // the hash once the session is open. PostgreSQL goes away between the two.
            int taken = connections.opened();
            connections.beforeConnection(taken + 2, proxy::stop);

            assertThatThrownBy(() -> pgSetup.auth.login("alice@example.com", "correct horse"))
                    .isInstanceOf(PersistenceUnavailableException.class);

            assertThat(connections.opened()).isGreaterThanOrEqualTo(taken + 2);
            // The session this login opened is closed again: only the signup's remains, in its key and its index.
            assertThat(AuthSetup.sessionKeyCount(redis)).isEqualTo(1);
            assertThat(redis.<String>getScoredSortedSet(RedisSessionStore.indexKey(signedUp.user().id()),
                    StringCodec.INSTANCE).readAll()).containsExactly(AuthSetup.subTokenOf(signedUp.token()));

            proxy.start();
            assertThat(pgSetup.auth.login("alice@example.com", "correct horse").user()).isEqualTo(signedUp.user());
        }
    }
}
