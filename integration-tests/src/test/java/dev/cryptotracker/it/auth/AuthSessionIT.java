package dev.cryptotracker.it.auth;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.cryptotracker.domain.InvalidTokenException;
import dev.cryptotracker.domain.auth.AuthResult;
import dev.cryptotracker.domain.auth.JwtTokenCodec;
import dev.cryptotracker.testkit.Testkit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.redisson.api.RBucket;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

@Testkit
class AuthSessionIT {

    private static final String PASSWORD = "correct horse battery";

    private final RedissonClient redisson;
    private final AuthSetup setup;

    AuthSessionIT(DataSource dataSource, RedissonClient redisson) {
        this.redisson = redisson;
        this.setup = AuthSetup.over(dataSource, redisson);
    }

    private RBucket<String> session(AuthResult result) throws Exception {
        return redisson.getBucket(AuthSetup.sessionKeyOf(result.user().id(), result.token()), StringCodec.INSTANCE);
    }

    @Test
    void acceptsTokenWhoseSignatureClaimsAndSessionCheckOut() {
        AuthResult alice = setup.auth.signup("alice@example.com", "Alice", PASSWORD);

        assertThat(setup.auth.authenticate(alice.token())).isEqualTo(alice.user().id());
    }

    // --- C4, R24: TTL and expiry ---

    @Test
    void writesSessionWithTimeToLiveOfAtMostTheTokenLifetime() throws Exception {
        AuthResult alice = setup.auth.signup("alice@example.com", "Alice", PASSWORD);

        long ttl = session(alice).remainTimeToLive();
        assertThat(ttl).isPositive().isLessThanOrEqualTo(AuthSetup.LIFETIME.toMillis());
        assertThat(ttl).isGreaterThan(AuthSetup.LIFETIME.minusMinutes(1).toMillis());
    }

    @Test
    void rejectsTokenOnceRedisLetsItsSessionLapse() throws Exception {
        AuthResult alice = setup.auth.signup("alice@example.com", "Alice", PASSWORD);
        RBucket<String> session = session(alice);

        assertThat(session.expire(Duration.ofMillis(1))).isTrue(); // PEXPIRE key 1: Redis expires it, not us
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (session.isExists() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }

        assertThat(session.isExists()).isFalse();
        assertThatThrownBy(() -> setup.auth.authenticate(alice.token()))
                .isInstanceOf(InvalidTokenException.class)
                .hasMessage("invalid token: session is not open");
    }

    @Test
    void rejectsTokenPastItsExpiryEvenWhileItsSessionExists() throws Exception {
        AuthResult alice = setup.auth.signup("alice@example.com", "Alice", PASSWORD);
        setup.clock.advance(AuthSetup.LIFETIME.plus(JwtTokenCodec.CLOCK_SKEW).plusSeconds(1));

        assertThat(session(alice).isExists()).isTrue();
        assertThatThrownBy(() -> setup.auth.authenticate(alice.token()))
                .isInstanceOf(InvalidTokenException.class)
                .hasMessage("invalid token: token has expired");
    }

    // --- R20, R23: logout ---

    @Test
    void rejectsTokenAfterLogout() throws Exception {
        AuthResult alice = setup.auth.signup("alice@example.com", "Alice", PASSWORD);

        setup.auth.logout(alice.token());

        assertThat(session(alice).isExists()).isFalse();
        assertThatThrownBy(() -> setup.auth.authenticate(alice.token()))
                .isInstanceOf(InvalidTokenException.class)
                .hasMessage("invalid token: session is not open");
    }

    @Test
    void secondLogoutIsANoOpAndOtherSessionsStayOpen() throws Exception {
        AuthResult first = setup.auth.signup("alice@example.com", "Alice", PASSWORD);
        AuthResult second = setup.auth.login("alice@example.com", PASSWORD);
        AuthResult bob = setup.auth.signup("bob@example.com", "Bob", PASSWORD);

        setup.auth.logout(first.token());
        assertThatCode(() -> setup.auth.logout(first.token())).doesNotThrowAnyException();

        assertThat(setup.auth.authenticate(second.token())).isEqualTo(first.user().id());
        assertThat(setup.auth.authenticate(bob.token())).isEqualTo(bob.user().id());
        assertThat(session(second).isExists()).isTrue();
        assertThat(AuthSetup.sessionKeyCount(redisson)).isEqualTo(2);
    }

    // --- R21: the stored signature must match ---

    @Test
    void rejectsTokenWhenSessionHoldsADifferentSignature() throws Exception {
        AuthResult alice = setup.auth.signup("alice@example.com", "Alice", PASSWORD);
        AuthResult other = setup.auth.login("alice@example.com", PASSWORD);
        RBucket<String> session = session(alice);
        long ttl = session.remainTimeToLive();
        session.set(AuthSetup.signatureOf(other.token()), Duration.ofMillis(ttl));

        assertThatThrownBy(() -> setup.auth.authenticate(alice.token()))
                .isInstanceOf(InvalidTokenException.class)
                .hasMessage("invalid token: session is not open");
    }

    // --- R17, R16 at the service: tampered and unsigned tokens ---

    @Test
    void rejectsTokenWithTamperedPayload() throws Exception {
        AuthResult alice = setup.auth.signup("alice@example.com", "Alice", PASSWORD);
        AuthResult bob = setup.auth.signup("bob@example.com", "Bob", PASSWORD);
        String[] parts = alice.token().split("\\.");
        JWTClaimsSet forged = new JWTClaimsSet.Builder(AuthSetup.claimsOf(alice.token()))
                .subject(Long.toString(bob.user().id())).build();

        assertThatThrownBy(() -> setup.auth.authenticate(parts[0] + "." + b64(forged.toString()) + "." + parts[2]))
                .isInstanceOf(InvalidTokenException.class)
                .hasMessage("invalid token: signature does not match");
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "None", "NONE"})
    void rejectsUnsignedTokenWithAlgorithmNone(String alg) throws Exception {
        AuthResult alice = setup.auth.signup("alice@example.com", "Alice", PASSWORD);
        String payload = alice.token().split("\\.")[1];

        Throwable withoutSignature = catchThrowable(
                () -> setup.auth.authenticate(b64("{\"alg\":\"" + alg + "\"}") + "." + payload + "."));
        Throwable withStolenSignature = catchThrowable(() -> setup.auth.authenticate(
                b64("{\"alg\":\"" + alg + "\"}") + "." + payload + "." + AuthSetup.signatureOf(alice.token())));

        assertThat(withoutSignature).isInstanceOf(InvalidTokenException.class).hasMessageStartingWith("invalid token: ");
        assertThat(withStolenSignature).isInstanceOf(InvalidTokenException.class)
                .hasMessageStartingWith("invalid token: ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not-a-token", "a.b", "a.b.c.d", "!!!.@@@.###"})
    void rejectsMalformedToken(String token) {
        assertThatThrownBy(() -> setup.auth.authenticate(token))
                .isInstanceOf(InvalidTokenException.class)
                .hasMessageStartingWith("invalid token: ");
    }

    // --- R22: key parts are checked before any Redis command ---

    @ParameterizedTest
    @ValueSource(strings = {"abc", "0", "-5", "1/2", "*", "99999999999999999999"})
    void rejectsSignedTokenWhoseSubjectIsNotAUserId(String subject) throws Exception {
        AuthResult alice = setup.auth.signup("alice@example.com", "Alice", PASSWORD);
        String forged = setup.signHs256(new JWTClaimsSet.Builder(AuthSetup.claimsOf(alice.token()))
                .subject(subject).build());

        assertThatThrownBy(() -> setup.auth.authenticate(forged))
                .isInstanceOf(InvalidTokenException.class)
                .hasMessage("invalid token: sub claim is not a user id");
    }

    private static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
