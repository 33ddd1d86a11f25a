package dev.cryptotracker.it.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.cryptotracker.domain.SessionStoreUnavailableException;
import dev.cryptotracker.domain.auth.AuthService;
import dev.cryptotracker.domain.auth.BcryptPasswordHasher;
import dev.cryptotracker.domain.auth.JwtTokenCodec;
import dev.cryptotracker.domain.auth.LoginThrottle;
import dev.cryptotracker.domain.auth.MutableClock;
import dev.cryptotracker.domain.auth.PasswordHasher;
import dev.cryptotracker.domain.auth.ThrottlePolicy;
import dev.cryptotracker.domain.user.UserRepository;
import dev.cryptotracker.persistence.JooqUserRepository;
import dev.cryptotracker.sessions.RedisLoginAttempts;
import dev.cryptotracker.sessions.RedisSessionStore;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.redisson.api.RedissonClient;

import javax.sql.DataSource;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * The auth service wired as in production (jOOQ users, Redis sessions and login throttle on one client, bcrypt,
 * HS256) except for the test-cost hasher, which counts its work, and a clock the test can move.
 */
final class AuthSetup {

    static final Duration LIFETIME = Duration.ofHours(1);

    final MutableClock clock = new MutableClock(Instant.now());
    final CountingPasswordHasher hasher;
    final byte[] secret = new byte[32];
    final JwtTokenCodec tokens;
    final AuthService auth;

    /** The default throttle policy and the test-cost hasher. */
    AuthSetup(UserRepository users, RedissonClient redis) {
        this(users, redis, ThrottlePolicy.defaults(), BcryptPasswordHasher.forTests());
    }

    AuthSetup(UserRepository users, RedissonClient redis, ThrottlePolicy throttle, PasswordHasher bcrypt) {
        new SecureRandom().nextBytes(secret);
        hasher = new CountingPasswordHasher(bcrypt);
        tokens = new JwtTokenCodec(secret, LIFETIME, clock);
        auth = new AuthService(users, hasher, tokens, new RedisSessionStore(redis),
                new LoginThrottle(new RedisLoginAttempts(redis), throttle), clock);
        hasher.reset(); // forget the dummy hash made at construction
    }

    static AuthSetup over(DataSource dataSource, RedissonClient redisson) {
        return new AuthSetup(users(dataSource), redisson);
    }

    /** How many session keys ({@code /users/{id}/session/{sub_token}}) Redis holds, leaving out indexes and counters. */
    static long sessionKeyCount(RedissonClient redis) {
        return redis.getKeys().getKeysStreamByPattern("/users/*/session/*").count();
    }

    /** The production user repository over a data source. */
    static UserRepository users(DataSource dataSource) {
        return new JooqUserRepository(DSL.using(dataSource, SQLDialect.POSTGRES));
    }

    /** Signs arbitrary claims with this setup's secret: a forged token that only the claim checks can catch. */
    String signHs256(JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(secret));
        return jwt.serialize();
    }

    static JWTClaimsSet claimsOf(String token) throws ParseException {
        return SignedJWT.parse(token).getJWTClaimsSet();
    }

    static String subTokenOf(String token) throws ParseException {
        return claimsOf(token).getStringClaim("sub_token");
    }

    /** {@link #subTokenOf(String)} for lambdas and streams. */
    static String subTokenOfUnchecked(String token) {
        try {
            return subTokenOf(token);
        } catch (ParseException e) {
            throw new IllegalArgumentException("not a JWT", e);
        }
    }

    /**
     * Redisson reconnects in the background once Redis is back; until it has, calls fail as unavailable (never as
     * anything else). Retries the call until it gets past that, for at most 30 s.
     */
    static <T> T untilRedisAnswers(Supplier<T> call) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                return call.get();
            } catch (SessionStoreUnavailableException e) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("Redis was back but the client did not recover within 30 s", e);
                }
                LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
            }
        }
    }

    static String signatureOf(String token) {
        return token.split("\\.")[2];
    }

    static String sessionKeyOf(long userId, String token) throws ParseException {
        return "/users/" + userId + "/session/" + subTokenOf(token);
    }
}
