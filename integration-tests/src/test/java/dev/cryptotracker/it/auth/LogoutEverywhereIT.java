package dev.cryptotracker.it.auth;

import dev.cryptotracker.domain.InvalidTokenException;
import dev.cryptotracker.domain.SessionStoreUnavailableException;
import dev.cryptotracker.domain.auth.AuthResult;
import dev.cryptotracker.sessions.RedisSessionStore;
import dev.cryptotracker.sessions.RedissonClientFactory;
import dev.cryptotracker.testkit.ConnectionDetails;
import dev.cryptotracker.testkit.FaultInjectingProxy;
import dev.cryptotracker.testkit.Testkit;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

import javax.sql.DataSource;
import java.net.URI;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Log out everywhere: every session of the token's user closes, through the user's index, and nobody else's. */
@Testkit
class LogoutEverywhereIT {

    private static final String PASSWORD = "correct horse battery";

    private final DataSource dataSource;
    private final RedissonClient redisson;
    private final AuthSetup setup;

    LogoutEverywhereIT(DataSource dataSource, RedissonClient redisson) {
        this.dataSource = dataSource;
        this.redisson = redisson;
        this.setup = AuthSetup.over(dataSource, redisson);
    }

    private void assertClosed(String token) {
        assertThatThrownBy(() -> setup.auth.authenticate(token))
                .isInstanceOf(InvalidTokenException.class)
                .hasMessage("invalid token: session is not open");
    }

    @Test
    void closesEverySessionOfTheUserAndNobodyElses() {
        AuthResult first = setup.auth.signup("alice@example.com", "Alice", PASSWORD);
        AuthResult second = setup.auth.login("alice@example.com", PASSWORD);
        AuthResult third = setup.auth.login("alice@example.com", PASSWORD);
        AuthResult bob = setup.auth.signup("bob@example.com", "Bob", PASSWORD);
        long alice = first.user().id();

        assertThat(setup.auth.logoutEverywhere(second.token())).isEqualTo(3);

        for (String token : List.of(first.token(), second.token(), third.token())) {
            assertClosed(token);
        }
        assertThat(setup.auth.authenticate(bob.token())).isEqualTo(bob.user().id());
        assertThat(redisson.getKeys().countExists(RedisSessionStore.indexKey(alice))).isZero();
        assertThat(redisson.getScoredSortedSet(RedisSessionStore.indexKey(bob.user().id()), StringCodec.INSTANCE)
                .size()).isEqualTo(1);
        assertThat(AuthSetup.sessionKeyCount(redisson)).isEqualTo(1);
    }

    @Test
    void countsOnlyTheSessionsThatWereStillOpen() {
        AuthResult first = setup.auth.signup("alice@example.com", "Alice", PASSWORD);
        AuthResult second = setup.auth.login("alice@example.com", PASSWORD);
        AuthResult third = setup.auth.login("alice@example.com", PASSWORD);
        setup.auth.logout(first.token());

        assertThat(setup.auth.logoutEverywhere(third.token())).isEqualTo(2);
        assertClosed(second.token());
    }

    @Test
    void refusesATokenWhoseSessionIsClosedAndClosesNothing() {
        AuthResult first = setup.auth.signup("alice@example.com", "Alice", PASSWORD);
        AuthResult second = setup.auth.login("alice@example.com", PASSWORD);
        setup.auth.logout(first.token());

        assertThatThrownBy(() -> setup.auth.logoutEverywhere(first.token()))
                .isInstanceOf(InvalidTokenException.class)
                .hasMessage("invalid token: session is not open");
        assertThat(setup.auth.authenticate(second.token())).isEqualTo(second.user().id());
    }

    @Test
    void aLoginAfterwardsOpensANewSessionOfItsOwn() {
        AuthResult first = setup.auth.signup("alice@example.com", "Alice", PASSWORD);
        setup.auth.logoutEverywhere(first.token());

        AuthResult again = setup.auth.login("alice@example.com", PASSWORD);

        assertThat(setup.auth.authenticate(again.token())).isEqualTo(first.user().id());
        assertClosed(first.token());
        assertThat(redisson.getScoredSortedSet(RedisSessionStore.indexKey(first.user().id()), StringCodec.INSTANCE)
                .readAll()).containsExactly(AuthSetup.subTokenOfUnchecked(again.token()));
    }

    @Test
    void withRedisDownFailsAsUnavailableAndClosesNothing(ConnectionDetails details) {
        URI redis = URI.create(details.redisUri());
        try (FaultInjectingProxy proxy = FaultInjectingProxy.to(redis.getHost(), redis.getPort())) {
            RedissonClient client = RedissonClientFactory.create(
                    "redis://" + proxy.host() + ":" + proxy.port() + redis.getPath(), AuthSignupIT.FAST);
            try {
                AuthSetup proxied = new AuthSetup(AuthSetup.users(dataSource), client);
                AuthResult first = proxied.auth.signup("alice@example.com", "Alice", PASSWORD);
                AuthResult second = proxied.auth.login("alice@example.com", PASSWORD);

                proxy.stop();
                assertThatThrownBy(() -> proxied.auth.logoutEverywhere(first.token()))
                        .isInstanceOf(SessionStoreUnavailableException.class);
            } finally {
                client.shutdown();
            }
        }
        assertThat(AuthSetup.sessionKeyCount(redisson)).isEqualTo(2);
    }
}
