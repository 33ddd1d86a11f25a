package dev.cryptotracker.domain.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.cryptotracker.domain.InvalidTokenException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JwtTokenCodecTest {

    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final Duration LIFETIME = Duration.ofHours(1);
    private static final Instant START = Instant.parse("2026-03-01T12:00:00Z");
    private static final String SUB_TOKEN = "AbCdEfGhIjKlMnOpQrStUv_-0123456789abcdefgh";

    private final MutableClock clock = new MutableClock(START);
    private final JwtTokenCodec codec = new JwtTokenCodec(SECRET, LIFETIME, clock);

    // --- issuing ---

    @Test
    void issuesHs256TokenWithSubjectSubTokenIssuedAtAndExpiry() throws Exception {
        IssuedToken issued = codec.issue(42);

        SignedJWT jwt = SignedJWT.parse(issued.value());
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
        assertThat(claims.getSubject()).isEqualTo("42");
        assertThat(claims.getStringClaim("sub_token")).isEqualTo(issued.sessionKey().subToken());
        assertThat(claims.getIssueTime().toInstant()).isEqualTo(START).isEqualTo(issued.issuedAt());
        assertThat(claims.getExpirationTime().toInstant()).isEqualTo(START.plus(LIFETIME)).isEqualTo(issued.expiresAt());
        assertThat(issued.signature()).isEqualTo(issued.value().split("\\.")[2]);
        assertThat(issued.sessionKey().userId()).isEqualTo(42);
    }

    @Test
    void issuesSubTokenOfAtLeastOneHundredTwentyEightRandomBitsInBase64Url() {
        Set<String> subTokens = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            String subToken = codec.issue(1).sessionKey().subToken();
            assertThat(subToken).matches("[A-Za-z0-9_-]+");
            assertThat(Base64.getUrlDecoder().decode(subToken)).hasSizeGreaterThanOrEqualTo(16);
            subTokens.add(subToken);
        }
        assertThat(subTokens).hasSize(100);
    }

    @Test
    void leavesTokenAndSignatureOutOfToString() {
        IssuedToken issued = codec.issue(7);

        assertThat(issued.toString()).doesNotContain(issued.value()).doesNotContain(issued.signature());
        assertThat(codec.verify(issued.value()).toString()).doesNotContain(issued.signature());
    }

    @Test
    void verifiesItsOwnToken() {
        IssuedToken issued = codec.issue(42);

        VerifiedToken verified = codec.verify(issued.value());

        assertThat(verified.sessionKey()).isEqualTo(issued.sessionKey());
        assertThat(verified.signature()).isEqualTo(issued.signature());
        assertThat(verified.expiresAt()).isEqualTo(issued.expiresAt());
    }

    // --- R25: the secret ---

    @Test
    void refusesMissingSecretAtConstruction() {
        assertThatThrownBy(() -> new JwtTokenCodec(null, LIFETIME, clock))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("JWT secret is missing; configure at least 32 random bytes");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 16, 31})
    void refusesSecretShorterThanThirtyTwoBytesAtConstruction(int length) {
        assertThatThrownBy(() -> new JwtTokenCodec(new byte[length], LIFETIME, clock))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("JWT secret must be at least 32 bytes for HS256 (RFC 7518 section 3.2), was "
                        + length + " bytes");
    }

    @Test
    void acceptsSecretOfThirtyTwoBytes() {
        assertThatCode(() -> new JwtTokenCodec(new byte[32], LIFETIME, clock)).doesNotThrowAnyException();
    }

    @Test
    void refusesLifetimeUnderOneSecond() {
        assertThatThrownBy(() -> new JwtTokenCodec(SECRET, Duration.ofMillis(999), clock))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("token lifetime must be at least one second, was PT0.999S");
    }

    // --- R15: malformed ---

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   "})
    void rejectsEmptyToken(String token) {
        assertInvalid(token, "invalid token: token is empty");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "abc.def", "a.b.c.d", "a.b.c.d.e", "...."})
    void rejectsTokenWithoutExactlyThreeParts(String token) {
        assertInvalid(token, "invalid token: token must have three dot-separated parts");
    }

    @ParameterizedTest
    @ValueSource(strings = {"!!!.@@@.###", "..", "eyJhbGciOiJIUzI1NiJ9..", "a.b.c"})
    void rejectsTokenWithBadBase64OrMissingParts(String token) {
        assertThatThrownBy(() -> codec.verify(token))
                .isInstanceOf(InvalidTokenException.class)
                .hasMessageStartingWith("invalid token: ");
    }

    @Test
    void rejectsHeaderThatIsNotJson() {
        String token = b64("not json") + "." + b64("{\"sub\":\"1\"}") + "." + b64("sig");

        assertInvalid(token, "invalid token: token is not a well-formed JWS");
    }

    @Test
    void rejectsCorrectlySignedPayloadThatIsNotJson() throws Exception {
        String token = hmacSigned("HmacSHA256", "{\"alg\":\"HS256\"}", "not json at all", SECRET);

        assertThatThrownBy(() -> codec.verify(token))
                .isInstanceOf(InvalidTokenException.class)
                .hasMessageStartingWith("invalid token: ");
    }

    @Test
    void rejectsOverlongTokenBeforeParsing() {
        String token = "a".repeat(5000) + ".b.c";

        assertInvalid(token, "invalid token: token is longer than 4096 characters");
    }

    // --- R16: algorithm allowlist ---

    @ParameterizedTest
    @ValueSource(strings = {"none", "None", "NONE", "nOnE"})
    void rejectsAlgorithmNoneInAnySpelling(String alg) {
        String payload = b64(validClaims().toString());
        String header = b64("{\"alg\":\"" + alg + "\"}");

        assertThatThrownBy(() -> codec.verify(header + "." + payload + "."))
                .isInstanceOf(InvalidTokenException.class)
                .hasMessageStartingWith("invalid token: ");
        String stolenSignature = codec.issue(42).signature();
        assertThatThrownBy(() -> codec.verify(header + "." + payload + "." + stolenSignature))
                .isInstanceOf(InvalidTokenException.class)
                .hasMessageStartingWith("invalid token: ");
    }

    @Test
    void rejectsEmptySignature() {
        String[] parts = codec.issue(42).value().split("\\.");

        assertThatThrownBy(() -> codec.verify(parts[0] + "." + parts[1] + "."))
                .isInstanceOf(InvalidTokenException.class)
                .hasMessageStartingWith("invalid token: ");
    }

    @Test
    void rejectsHs512EvenWhenSignedWithTheSameSecret() throws Exception {
        String token = hmacSigned("HmacSHA512", "{\"alg\":\"HS512\"}", validClaims().toString(), SECRET);

        assertInvalid(token, "invalid token: algorithm HS512 is not allowed");
    }

    @Test
    void rejectsHs384EvenWhenSignedWithTheSameSecret() throws Exception {
        String token = hmacSigned("HmacSHA384", "{\"alg\":\"HS384\"}", validClaims().toString(), SECRET);

        assertInvalid(token, "invalid token: algorithm HS384 is not allowed");
    }

    @Test
    void rejectsLowerCaseHs256() throws Exception {
        String token = hmacSigned("HmacSHA256", "{\"alg\":\"hs256\"}", validClaims().toString(), SECRET);

        assertInvalid(token, "invalid token: algorithm hs256 is not allowed");
    }

    @Test
    void rejectsRs256() {
        String token = b64("{\"alg\":\"RS256\"}") + "." + b64(validClaims().toString()) + "." + b64("x".repeat(256));

        assertInvalid(token, "invalid token: algorithm RS256 is not allowed");
    }

    // --- R17: tampering ---

    @Test
    void rejectsTamperedPayload() {
        String[] parts = codec.issue(42).value().split("\\.");
        JWTClaimsSet forged = new JWTClaimsSet.Builder(validClaims()).subject("1").build();

        assertInvalid(parts[0] + "." + b64(forged.toString()) + "." + parts[2],
                "invalid token: signature does not match");
    }

    @Test
    void rejectsTamperedSignature() {
        String token = codec.issue(42).value();
        char last = token.charAt(token.length() - 2);
        String tampered = token.substring(0, token.length() - 2) + (last == 'A' ? 'B' : 'A')
                + token.charAt(token.length() - 1);

        assertInvalid(tampered, "invalid token: signature does not match");
    }

    @Test
    void rejectsTokenSignedWithAnotherSecret() {
        JwtTokenCodec other = new JwtTokenCodec("another-secret-of-thirty-two-byt".getBytes(StandardCharsets.US_ASCII),
                LIFETIME, clock);

        assertInvalid(other.issue(42).value(), "invalid token: signature does not match");
    }

    // --- R18: time ---

    @Test
    void rejectsExpiredToken() {
        String token = codec.issue(42).value();
        clock.advance(LIFETIME.plus(JwtTokenCodec.CLOCK_SKEW).plusSeconds(1));

        assertInvalid(token, "invalid token: token has expired");
    }

    @Test
    void acceptsTokenJustPastExpiryWithinLeeway() {
        String token = codec.issue(42).value();
        clock.advance(LIFETIME.plusSeconds(10));

        assertThat(codec.verify(token).sessionKey().userId()).isEqualTo(42);
    }

    @Test
    void rejectsTokenIssuedInTheFutureBeyondLeeway() {
        MutableClock ahead = new MutableClock(START.plus(Duration.ofMinutes(5)));
        String token = new JwtTokenCodec(SECRET, LIFETIME, ahead).issue(42).value();

        assertInvalid(token, "invalid token: token is issued in the future");
    }

    @Test
    void acceptsTokenIssuedSlightlyInTheFutureWithinLeeway() {
        MutableClock ahead = new MutableClock(START.plusSeconds(10));
        String token = new JwtTokenCodec(SECRET, LIFETIME, ahead).issue(42).value();

        assertThat(codec.verify(token).sessionKey().userId()).isEqualTo(42);
    }

    @Test
    void rejectsTokenNotValidBeforeAFutureTime() throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder(validClaims())
                .notBeforeTime(Date.from(START.plus(Duration.ofMinutes(5)))).build();

        assertInvalid(signHs256(claims), "invalid token: token is not valid yet");
    }

    // --- R19: required claims ---

    @Test
    void rejectsTokenWithoutExpiry() throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder(validClaims()).expirationTime(null).build();

        assertInvalid(signHs256(claims), "invalid token: exp claim is missing");
    }

    @Test
    void rejectsTokenWithoutSubToken() throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder(validClaims()).claim("sub_token", null).build();

        assertInvalid(signHs256(claims), "invalid token: sub_token claim is missing");
    }

    @Test
    void rejectsTokenWithoutIssuedAt() throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder(validClaims()).issueTime(null).build();

        assertInvalid(signHs256(claims), "invalid token: iat claim is missing");
    }

    @Test
    void acceptsHandSignedTokenWithAllClaims() throws Exception {
        assertThat(codec.verify(signHs256(validClaims())).sessionKey()).isEqualTo(new SessionKey(42, SUB_TOKEN));
    }

    // --- R22: formats that end up in a Redis key ---

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "0", "-1", "01", "1/2", "1*", "4?", "[1]", "9223372036854775808",
            "99999999999999999999", " 1", "1 "})
    void rejectsSubjectThatIsNotAPositiveId(String subject) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder(validClaims()).subject(subject).build();

        assertInvalid(signHs256(claims), "invalid token: sub claim is not a user id");
    }

    @Test
    void rejectsTokenWithoutSubject() throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder(validClaims()).subject(null).build();

        assertInvalid(signHs256(claims), "invalid token: sub claim is not a user id");
    }

    @ParameterizedTest
    @ValueSource(strings = {"AbCdEfGhIjKlMnOpQrStUv/*", "AbCdEfGhIjKlMnOpQrStUv*x", "AbCdEfGhIjKlMnOpQrStUv?x",
            "AbCdEfGhIjKlMnOpQrStUv[x", "../../../AbCdEfGhIjKlMnOpQrStUv", "short"})
    void rejectsSubTokenOutsideBase64Url(String subToken) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder(validClaims()).claim("sub_token", subToken).build();

        assertInvalid(signHs256(claims), "invalid token: sub_token claim is not base64url of the expected length");
    }

    @Test
    void rejectsOverlongSubToken() throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder(validClaims()).claim("sub_token", "a".repeat(200)).build();

        assertInvalid(signHs256(claims), "invalid token: sub_token claim is not base64url of the expected length");
    }

    @Test
    void rejectsSubTokenThatIsNotAString() throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder(validClaims()).claim("sub_token", 12345).build();

        assertInvalid(signHs256(claims), "invalid token: sub_token claim is not base64url of the expected length");
    }

    // --- helpers ---

    private void assertInvalid(String token, String message) {
        assertThatThrownBy(() -> codec.verify(token))
                .isInstanceOf(InvalidTokenException.class)
                .hasMessage(message);
    }

    private static JWTClaimsSet validClaims() {
        return new JWTClaimsSet.Builder()
                .subject("42")
                .claim("sub_token", SUB_TOKEN)
                .issueTime(Date.from(START))
                .expirationTime(Date.from(START.plus(LIFETIME)))
                .build();
    }

    private static String signHs256(JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(SECRET));
        return jwt.serialize();
    }

    private static String hmacSigned(String macAlgorithm, String header, String payload, byte[] secret)
            throws Exception {
        String signingInput = b64(header) + "." + b64(payload);
        Mac mac = Mac.getInstance(macAlgorithm);
        mac.init(new SecretKeySpec(secret, macAlgorithm));
        byte[] signature = mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
    }

    private static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void acceptsALifetimeOfExactlyOneSecondAndReportsIt() {
        assertThat(new JwtTokenCodec(SECRET, Duration.ofSeconds(1), clock).lifetime()).isEqualTo(Duration.ofSeconds(1));
        assertThat(codec.lifetime()).isEqualTo(LIFETIME);
        assertThatThrownBy(() -> new JwtTokenCodec(SECRET, Duration.ofMillis(999), clock))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("token lifetime must be at least one second, was PT0.999S");
    }

    @Test
    void parsesATokenOfExactlyTheMaximumLength() {
        String token = "a".repeat(JwtTokenCodec.MAX_TOKEN_LENGTH - 4) + ".b.c";

        // Not refused for its length: parsing it is what fails.
        assertInvalid(token, "invalid token: token is not a well-formed JWS");
    }
}
