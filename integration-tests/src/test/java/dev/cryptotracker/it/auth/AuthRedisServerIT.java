package dev.cryptotracker.it.auth;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.cryptotracker.domain.InvalidTokenException;
import dev.cryptotracker.domain.SessionStoreUnavailableException;
import dev.cryptotracker.domain.auth.AuthResult;
import dev.cryptotracker.sessions.RedissonClientFactory;
import dev.cryptotracker.testkit.ConnectionDetails;
import dev.cryptotracker.testkit.Testkit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

import javax.sql.DataSource;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Sessions seen from the Redis server: which commands ran, and what happens when the server drops its clients and
 * stops answering. Both touch server-wide state (command statistics, every client connection), so these tests run
 * {@link Isolated isolated} from any test that might run in parallel.
 */
@Testkit
@Isolated
class AuthRedisServerIT {

    private static final String PASSWORD = "correct horse battery";

    private final DataSource dataSource;
    private final RedissonClient redisson;
    private final AuthSetup setup;

    AuthRedisServerIT(DataSource dataSource, RedissonClient redisson) {
        this.dataSource = dataSource;
        this.redisson = redisson;
        this.setup = AuthSetup.over(dataSource, redisson);
    }

    // --- R24: value and TTL in one command ---

    @Test
    void writesValueAndTimeToLiveInOneCommand(ConnectionDetails details) throws Exception {
        try (RawRedis raw = new RawRedis(details.redisUri())) {
            long expiresBefore = raw.calls("expire") + raw.calls("pexpire") + raw.calls("expireat");
            long indexExpiriesBefore = raw.calls("pexpireat");
            long setsBefore = raw.calls("set") + raw.calls("psetex") + raw.calls("setex");

            AuthResult alice = setup.auth.signup("alice@example.com", "Alice", PASSWORD);

            // The session key gets no expiry command of its own; the one PEXPIREAT is its user's index's.
            assertThat(raw.calls("expire") + raw.calls("pexpire") + raw.calls("expireat")).isEqualTo(expiresBefore);
            assertThat(raw.calls("pexpireat")).isEqualTo(indexExpiriesBefore + 1);
            assertThat(raw.calls("set") + raw.calls("psetex") + raw.calls("setex")).isEqualTo(setsBefore + 1);
            assertThat(redisson.getBucket(AuthSetup.sessionKeyOf(alice.user().id(), alice.token()), StringCodec.INSTANCE)
                    .remainTimeToLive()).isPositive();
        }
    }

    // --- R22: key parts are checked before any Redis command ---

    @ParameterizedTest
    @ValueSource(strings = {"*", "AbCdEfGhIjKlMnOpQrStUv/*", "AbCdEfGhIjKlMnOpQrStUv?x", "AbCdEfGhIjKlMnOpQrStUv[x"})
    void rejectsSignedTokenWithGlobCharactersInSubTokenBeforeTouchingRedis(String subToken,
            ConnectionDetails details) throws Exception {
        AuthResult alice = setup.auth.signup("alice@example.com", "Alice", PASSWORD);
        String forged = setup.signHs256(new JWTClaimsSet.Builder(AuthSetup.claimsOf(alice.token()))
                .claim("sub_token", subToken).build());

        try (RawRedis raw = new RawRedis(details.redisUri())) {
            long readsBefore = raw.calls("get") + raw.calls("keys") + raw.calls("scan") + raw.calls("del");

            assertThatThrownBy(() -> setup.auth.authenticate(forged))
                    .isInstanceOf(InvalidTokenException.class)
                    .hasMessage("invalid token: sub_token claim is not base64url of the expected length");
            assertThatThrownBy(() -> setup.auth.logout(forged))
                    .isInstanceOf(InvalidTokenException.class)
                    .hasMessage("invalid token: sub_token claim is not base64url of the expected length");

            assertThat(raw.calls("get") + raw.calls("keys") + raw.calls("scan") + raw.calls("del"))
                    .isEqualTo(readsBefore);
        }
        assertThat(setup.auth.authenticate(alice.token())).isEqualTo(alice.user().id());
    }

    // --- R26: Redis drops and comes back ---

    @Test
    void droppedRedisGivesSessionStoreUnavailableNeverValidAndRecoversWithoutRestart(ConnectionDetails details)
            throws Exception {
        RedissonClient client = RedissonClientFactory.create(details.redisUri(), AuthSignupIT.FAST);
        try (RawRedis raw = new RawRedis(details.redisUri())) {
            AuthSetup fragile = new AuthSetup(AuthSetup.users(dataSource), client);
            AuthResult alice = fragile.auth.signup("alice@example.com", "Alice", PASSWORD);
            String token = alice.token();
            assertThat(fragile.auth.authenticate(token)).isEqualTo(alice.user().id());

            // Drop every client connection, then stop answering for a while.
            raw.command("CLIENT", "KILL", "TYPE", "normal");
            raw.command("CLIENT", "PAUSE", "2500", "ALL");
            long started = System.nanoTime();

            assertThatThrownBy(() -> fragile.auth.authenticate(token))
                    .isInstanceOf(SessionStoreUnavailableException.class)
                    .hasMessageStartingWith("Redis failed while reading a session of user " + alice.user().id());
            assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .isLessThan(AuthSignupIT.FAST.worstCaseFailureTime().plusSeconds(2));

            // Once Redis answers again the same client works, without a restart.
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            Long authenticated = null;
            while (authenticated == null && System.nanoTime() < deadline) {
                try {
                    authenticated = fragile.auth.authenticate(token);
                } catch (SessionStoreUnavailableException stillDown) {
                    // Redis is still paused; every attempt takes the client's timeout, so this loop does not spin.
                }
            }
            assertThat(authenticated).isEqualTo(alice.user().id());
        } finally {
            client.shutdown();
        }
    }

}
