package dev.cryptotracker.it.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cryptotracker.domain.auth.AuthResult;
import dev.cryptotracker.domain.auth.AuthService;
import dev.cryptotracker.domain.auth.BcryptPasswordHasher;
import dev.cryptotracker.domain.auth.JwtTokenCodec;
import dev.cryptotracker.domain.auth.LoginThrottle;
import dev.cryptotracker.domain.auth.MutableClock;
import dev.cryptotracker.domain.auth.ThrottlePolicy;
import dev.cryptotracker.sessions.RedisLoginAttempts;
import dev.cryptotracker.sessions.RedisSessionStore;
import dev.cryptotracker.testkit.ConnectionDetails;
import dev.cryptotracker.testkit.Testkit;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * The time to live the auth service gives a session in Redis is what the token has left by the service's own clock:
 * exactly the lifetime when the codec's and the service's clocks agree, down to 1 ms; zero or less, or more than the
 * lifetime, means the clocks disagree, and no session is opened. The codec and the service get clocks of their own
 * here so that they can disagree; the TTL is read from the {@code SET … PX} that Redis ran (MONITOR), because a 1 ms
 * key is gone before anyone could ask for its TTL. MONITOR is server-wide, so these tests run {@link Isolated
 * isolated}.
 */
@Testkit
@Isolated
class SessionTimeToLiveIT {

    private static final Duration LIFETIME = Duration.ofHours(1);
    // A whole second: the token's exp is then exactly START + LIFETIME.
    private static final Instant START = Instant.parse("2026-03-01T12:00:00Z");
    private static final String PASSWORD = "correct horse battery";

    private final RedissonClient redisson;
    private final MutableClock codecClock = new MutableClock(START);
    private final MutableClock serviceClock = new MutableClock(START);
    private final AuthService auth;

    SessionTimeToLiveIT(DataSource dataSource, RedissonClient redisson) {
        this.redisson = redisson;
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.auth = new AuthService(AuthSetup.users(dataSource), BcryptPasswordHasher.forTests(),
                new JwtTokenCodec(secret, LIFETIME, codecClock), new RedisSessionStore(redisson),
                new LoginThrottle(new RedisLoginAttempts(redisson), ThrottlePolicy.defaults()), serviceClock);
    }

    @Test
    void opensTheSessionForExactlyTheLifetimeWhenBothClocksAgree(ConnectionDetails details) throws Exception {
        try (RedisMonitor monitor = new RedisMonitor(details.redisUri())) {
            AuthResult signedUp = auth.signup("alice@example.com", "Alice", PASSWORD);
            AuthResult loggedIn = auth.login("alice@example.com", PASSWORD);

            assertThat(timeToLiveSet(monitor, signedUp)).isEqualTo(LIFETIME.toMillis());
            assertThat(timeToLiveSet(monitor, loggedIn)).isEqualTo(LIFETIME.toMillis());
        }
    }

    @Test
    void opensTheSessionForOneMillisecondWhenThatIsAllTheTokenHasLeft(ConnectionDetails details) throws Exception {
        auth.signup("alice@example.com", "Alice", PASSWORD);
        serviceClock.advance(LIFETIME.minusMillis(1));

        try (RedisMonitor monitor = new RedisMonitor(details.redisUri())) {
            AuthResult loggedIn = auth.login("alice@example.com", PASSWORD);

            assertThat(timeToLiveSet(monitor, loggedIn)).isEqualTo(1);
        }
    }

    @Test
    void refusesATimeToLiveOfZeroOrLessOrOverTheLifetimeAndOpensNoSession() throws Exception {
        AuthResult alice = auth.signup("alice@example.com", "Alice", PASSWORD);
        long userId = alice.user().id();

        serviceClock.advance(LIFETIME);
        assertThatThrownBy(() -> auth.login("alice@example.com", PASSWORD))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("session time to live PT0S is outside (0, PT1H]; the token codec and the auth service "
                        + "must share one clock");
        serviceClock.advance(Duration.ofMillis(1));
        assertThatThrownBy(() -> auth.login("alice@example.com", PASSWORD))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("session time to live PT-0.001S is outside (0, PT1H]");
        serviceClock.advance(LIFETIME.negated().minusMillis(2));
        assertThatThrownBy(() -> auth.login("alice@example.com", PASSWORD))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("session time to live PT1H0.001S is outside (0, PT1H]");

        // Only the signup's session, in its key and in its user's index.
        assertThat(AuthSetup.sessionKeyCount(redisson)).isEqualTo(1);
        assertThat(redisson.<String>getScoredSortedSet(RedisSessionStore.indexKey(userId), StringCodec.INSTANCE)
                .readAll()).containsExactly(AuthSetup.subTokenOf(alice.token()));
    }

    /** The PX of the {@code SET} that wrote the result's session key, as MONITOR saw it. */
    private static long timeToLiveSet(RedisMonitor monitor, AuthResult result) throws Exception {
        String set = "\"SET\" \"" + AuthSetup.sessionKeyOf(result.user().id(), result.token()) + "\" \""
                + AuthSetup.signatureOf(result.token()) + "\" \"PX\" \"";
        List<String> lines = monitor.linesUntil(line -> line.contains(set));
        String line = lines.stream().filter(l -> l.contains(set)).findFirst().orElseThrow();
        String rest = line.substring(line.indexOf(set) + set.length());
        return Long.parseLong(rest.substring(0, rest.indexOf('"')));
    }
}
