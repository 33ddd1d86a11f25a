package dev.cryptotracker.it.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.cryptotracker.domain.auth.AuthResult;
import dev.cryptotracker.domain.auth.AuthService;
import dev.cryptotracker.domain.auth.BcryptPasswordHasher;
import dev.cryptotracker.domain.auth.JwtTokenCodec;
import dev.cryptotracker.sessions.RedisSessionStore;
import dev.cryptotracker.testkit.Testkit;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.redisson.api.RBucket;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * Token and session times are instants: with the codec's and the service's clock in Kathmandu (UTC+05:45) the
 * token's {@code iat} and {@code exp} are the clock's instant (in whole seconds) and that plus the lifetime, and the
 * session key lives exactly as long as the token has left.
 */
@Testkit
class AuthClockZoneIT {

    private static final Duration LIFETIME = Duration.ofHours(1);
    private static final Instant NOW = Instant.parse("2024-02-29T23:59:59.250Z");

    private final RedissonClient redisson;
    private final AuthService auth;

    AuthClockZoneIT(DataSource dataSource, RedissonClient redisson) {
        this.redisson = redisson;
        Clock kathmandu = Clock.fixed(NOW, ZoneId.of("Asia/Kathmandu"));
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.auth = new AuthService(AuthSetup.users(dataSource), BcryptPasswordHasher.forTests(),
                new JwtTokenCodec(secret, LIFETIME, kathmandu), new RedisSessionStore(redisson), kathmandu);
    }

    @Test
    void tokenTimesAreTheClocksInstantAndTheSessionLivesExactlyAsLongAsTheTokenHasLeft() throws Exception {
        AuthResult result = auth.signup("alice@example.com", "Alice", "correct horse");

        JWTClaimsSet claims = AuthSetup.claimsOf(result.token());
        assertThat(claims.getIssueTime().toInstant()).isEqualTo(Instant.parse("2024-02-29T23:59:59Z"));
        assertThat(claims.getExpirationTime().toInstant()).isEqualTo(Instant.parse("2024-03-01T00:59:59Z"));
        RBucket<String> session = redisson.getBucket(AuthSetup.sessionKeyOf(result.user().id(), result.token()),
                StringCodec.INSTANCE);
        // 59 min 59.75 s left at the clock's instant; Redis counts down from there in real time.
        long expected = LIFETIME.minusMillis(250).toMillis();
        assertThat(session.remainTimeToLive()).isLessThanOrEqualTo(expected).isGreaterThan(expected - 60_000);
        assertThat(auth.authenticate(result.token())).isEqualTo(result.user().id());
    }
}
