package dev.cryptotracker.domain.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.cryptotracker.domain.InvalidTokenException;

import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.regex.Pattern;

/**
 * HS256 JWTs (RFC 7519) carrying {@code sub} (the user id), {@code sub_token} (256 random bits, base64url),
 * {@code iat} and {@code exp}, all four required. HS256 is the only algorithm accepted, by allowlist (RFC 8725):
 * {@code none} in any spelling, other HMACs and every asymmetric algorithm are rejected before the signature is
 * looked at. Time comes from the injected {@link Clock}, with {@link #CLOCK_SKEW} of leeway both ways.
 */
public final class JwtTokenCodec implements TokenCodec {

    /** RFC 7518 §3.2: an HS256 key must be at least as long as the hash output. */
    public static final int MIN_SECRET_BYTES = 32;

    /** Leeway for clocks of different machines when checking {@code exp}, {@code iat} and {@code nbf}. */
    public static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

    /** Longest token that is parsed at all; ours are about 250 characters. */
    public static final int MAX_TOKEN_LENGTH = 4096;

    static final String SUB_TOKEN_CLAIM = "sub_token";

    private static final int SUB_TOKEN_BYTES = 32;
    private static final Pattern USER_ID = Pattern.compile("[1-9][0-9]{0,18}");

    private final MACSigner signer;
    private final MACVerifier verifier;
    private final Duration lifetime;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param secret   the HMAC key, at least {@value #MIN_SECRET_BYTES} bytes
     * @param lifetime how long a token is valid, at least one second
     * @param clock    the source of "now"
     * @throws IllegalArgumentException when the secret is missing or short, or the lifetime is under a second
     */
    public JwtTokenCodec(byte[] secret, Duration lifetime, Clock clock) {
        if (secret == null) {
            throw new IllegalArgumentException("JWT secret is missing; configure at least " + MIN_SECRET_BYTES
                    + " random bytes");
        }
        if (secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("JWT secret must be at least " + MIN_SECRET_BYTES
                    + " bytes for HS256 (RFC 7518 section 3.2), was " + secret.length + " bytes");
        }
        if (lifetime == null || lifetime.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("token lifetime must be at least one second, was " + lifetime);
        }
        if (clock == null) {
            throw new IllegalArgumentException("clock is required");
        }
        try {
            this.signer = new MACSigner(secret);
            this.verifier = new MACVerifier(secret);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("JWT secret is not usable for HS256", e);
        }
        this.lifetime = lifetime.truncatedTo(ChronoUnit.SECONDS);
        this.clock = clock;
    }

    @Override
    public Duration lifetime() {
        return lifetime;
    }

    @Override
    public IssuedToken issue(long userId) {
        byte[] bytes = new byte[SUB_TOKEN_BYTES];
        random.nextBytes(bytes);
        SessionKey sessionKey = new SessionKey(userId, Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
        // JWT dates are whole seconds; truncating here keeps exp - now <= lifetime.
        Instant issuedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = issuedAt.plus(lifetime);
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(Long.toString(userId))
                .claim(SUB_TOKEN_CLAIM, sessionKey.subToken())
                .issueTime(Date.from(issuedAt))
                .expirationTime(Date.from(expiresAt))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("signing a session token failed", e);
        }
        return new IssuedToken(jwt.serialize(), sessionKey, jwt.getSignature().toString(), issuedAt, expiresAt);
    }

    @Override
    public VerifiedToken verify(String token) {
        SignedJWT jwt = parse(token);
        if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())) {
            throw new InvalidTokenException("algorithm " + jwt.getHeader().getAlgorithm() + " is not allowed");
        }
        String signature = jwt.getSignature().toString();
        if (signature.isEmpty()) {
            throw new InvalidTokenException("signature is empty");
        }
        boolean verified;
        try {
            verified = jwt.verify(verifier);
        } catch (JOSEException | RuntimeException e) {
            throw new InvalidTokenException("signature could not be checked", e);
        }
        if (!verified || jwt.getState() != JWSObject.State.VERIFIED) {
            throw new InvalidTokenException("signature does not match");
        }
        JWTClaimsSet claims;
        try {
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new InvalidTokenException("claims are not a JSON object", e);
        }
        checkTimes(claims);
        return new VerifiedToken(sessionKey(claims), signature, claims.getExpirationTime().toInstant());
    }

    private static SignedJWT parse(String token) {
        if (token == null || token.isBlank()) {
            throw new InvalidTokenException("token is empty");
        }
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw new InvalidTokenException("token is longer than " + MAX_TOKEN_LENGTH + " characters");
        }
        if (token.chars().filter(c -> c == '.').count() != 2) {
            throw new InvalidTokenException("token must have three dot-separated parts");
        }
        try {
            return SignedJWT.parse(token);
        } catch (ParseException | RuntimeException e) {
            throw new InvalidTokenException("token is not a well-formed JWS", e);
        }
    }

    private void checkTimes(JWTClaimsSet claims) {
        Instant now = clock.instant();
        Date exp = claims.getExpirationTime();
        Date iat = claims.getIssueTime();
        Date nbf = claims.getNotBeforeTime();
        if (exp == null) {
            throw new InvalidTokenException("exp claim is missing");
        }
        if (iat == null) {
            throw new InvalidTokenException("iat claim is missing");
        }
        if (now.isAfter(exp.toInstant().plus(CLOCK_SKEW))) {
            throw new InvalidTokenException("token has expired");
        }
        if (iat.toInstant().isAfter(now.plus(CLOCK_SKEW))) {
            throw new InvalidTokenException("token is issued in the future");
        }
        if (nbf != null && nbf.toInstant().isAfter(now.plus(CLOCK_SKEW))) {
            throw new InvalidTokenException("token is not valid yet");
        }
    }

    private static SessionKey sessionKey(JWTClaimsSet claims) {
        String subject = claims.getSubject();
        if (subject == null || !USER_ID.matcher(subject).matches()) {
            throw new InvalidTokenException("sub claim is not a user id");
        }
        long userId;
        try {
            userId = Long.parseLong(subject);
        } catch (NumberFormatException e) {
            throw new InvalidTokenException("sub claim is not a user id", e);
        }
        Object subToken = claims.getClaim(SUB_TOKEN_CLAIM);
        if (subToken == null) {
            throw new InvalidTokenException(SUB_TOKEN_CLAIM + " claim is missing");
        }
        if (!(subToken instanceof String s) || !SessionKey.isWellFormedSubToken(s)) {
            throw new InvalidTokenException(SUB_TOKEN_CLAIM + " claim is not base64url of the expected length");
        }
        return new SessionKey(userId, s);
    }
}
