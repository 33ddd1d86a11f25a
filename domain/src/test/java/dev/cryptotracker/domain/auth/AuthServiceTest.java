package dev.cryptotracker.domain.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cryptotracker.domain.InvalidCredentialsException;
import dev.cryptotracker.domain.InvalidTokenException;
import dev.cryptotracker.domain.ValidationException;
import dev.cryptotracker.domain.user.User;
import dev.cryptotracker.domain.user.UserRepository;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The auth service's own decisions with the real bcrypt hasher and token codec: what it checks before any lookup
 * or hashing, that it stores the password's hash byte for byte, the session it opens (key, signature, time to live
 * at and around its bounds) and what it returns. User repository and session store only record what they were
 * asked and give canned answers; the Auth*IT classes prove the real ones on PostgreSQL and Redis.
 */
class AuthServiceTest {

    private static final Instant START = Instant.parse("2026-03-01T12:00:00Z");
    private static final Duration LIFETIME = Duration.ofHours(1);
    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final MutableClock codecClock = new MutableClock(START);
    private final MutableClock serviceClock = new MutableClock(START);
    private final JwtTokenCodec codec = new JwtTokenCodec(SECRET, LIFETIME, codecClock);
    private final CountingHasher hasher = new CountingHasher();
    private final RecordingUsers users = new RecordingUsers();
    private final RecordingSessions sessions = new RecordingSessions();
    private final AuthService auth = new AuthService(users, hasher, codec, sessions, serviceClock);

    AuthServiceTest() {
        hasher.reset(); // forget the dummy hash made at construction
    }

    @Test
    void signupStoresTheHashOfThePasswordExactlyAsGivenAndOpensASessionForTheToken() {
        String password = "  pass word  ";

        AuthResult result = auth.signup(" carol@example.com ", " Carol ", password);

        assertThat(users.created).isSameAs(result.user());
        assertThat(users.created.email()).isEqualTo("carol@example.com");
        assertThat(users.created.name()).isEqualTo("Carol");
        // Byte for byte: neither the stripped nor a lower-cased password matches the stored hash.
        assertThat(hasher.real.verify(password, users.created.passwordHash())).isEqualTo(PasswordHasher.Verdict.MATCH);
        assertThat(hasher.real.verify(password.strip(), users.created.passwordHash()))
                .isEqualTo(PasswordHasher.Verdict.MISMATCH);
        VerifiedToken token = codec.verify(result.token());
        assertThat(token.sessionKey().userId()).isEqualTo(users.created.id());
        assertThat(sessions.opened).containsExactly(token.sessionKey().redisKey() + " " + token.signature() + " " + LIFETIME);
    }

    @Test
    void signupRejectsAPasswordOfSevenCharactersBeforeHashingOrStoring() {
        assertThatThrownBy(() -> auth.signup("carol@example.com", "Carol", "1234567"))
                .isInstanceOf(ValidationException.class)
                .hasMessage("password must be at least 8 characters");
        assertThat(hasher.hashes).isZero();
        assertThat(users.calls).isEmpty();
        assertThat(sessions.opened).isEmpty();
    }

    @Test
    void loginWithTheExactPasswordOpensANewSessionAndReturnsTheStoredUser() {
        User alice = users.existing("alice@example.com", hasher.real.hash(" Secret pass "));

        AuthResult result = auth.login("alice@example.com", " Secret pass ");

        assertThat(result.user()).isSameAs(alice);
        assertThat(users.calls).containsExactly("findByEmail alice@example.com");
        VerifiedToken token = codec.verify(result.token());
        assertThat(sessions.opened).containsExactly(token.sessionKey().redisKey() + " " + token.signature() + " " + LIFETIME);
    }

    @Test
    void loginWithTheStrippedPasswordFails() {
        users.existing("alice@example.com", hasher.real.hash(" Secret pass "));

        assertThatThrownBy(() -> auth.login("alice@example.com", "Secret pass"))
                .isInstanceOf(InvalidCredentialsException.class);
        assertThat(sessions.opened).isEmpty();
    }

    @Test
    void loginWithAMissingOrOverlongPasswordIsRefusedBeforeAnyLookupOrBcrypt() {
        users.existing("alice@example.com", hasher.real.hash("a".repeat(72)));

        assertThatThrownBy(() -> auth.login("alice@example.com", null)).isInstanceOf(InvalidCredentialsException.class);
        assertThatThrownBy(() -> auth.login("alice@example.com", "a".repeat(73)))
                .isInstanceOf(InvalidCredentialsException.class);
        assertThat(users.calls).isEmpty();
        assertThat(hasher.verifies).isZero();

        assertThat(auth.login("alice@example.com", "a".repeat(72)).user().email()).isEqualTo("alice@example.com");
    }

    @Test
    void loginWithAnUnknownEmailDoesTheSameBcryptWorkAndFails() {
        assertThatThrownBy(() -> auth.login("nobody@example.com", "whatever pass"))
                .isInstanceOf(InvalidCredentialsException.class)
                .hasMessage("invalid email or password");
        assertThat(users.calls).containsExactly("findByEmail nobody@example.com");
        assertThat(hasher.verifies).isEqualTo(1);
        assertThat(sessions.opened).isEmpty();
    }

    @Test
    void loginWithAMalformedEmailLooksNothingUp() {
        assertThatThrownBy(() -> auth.login("no-at", "whatever pass")).isInstanceOf(InvalidCredentialsException.class);
        assertThat(users.calls).isEmpty();
        assertThat(hasher.verifies).isEqualTo(1);
    }

    @Test
    void authenticateReturnsTheUserIdOnlyWhileTheStoreHoldsTheSignature() {
        users.existing("alice@example.com", hasher.real.hash("correct horse"));
        String token = auth.login("alice@example.com", "correct horse").token();

        sessions.holds = true;
        assertThat(auth.authenticate(token)).isEqualTo(users.created.id());
        sessions.holds = false;
        assertThatThrownBy(() -> auth.authenticate(token))
                .isInstanceOf(InvalidTokenException.class)
                .hasMessage("invalid token: session is not open");
    }

    @Test
    void logoutClosesTheTokensSession() {
        users.existing("alice@example.com", hasher.real.hash("correct horse"));
        String token = auth.login("alice@example.com", "correct horse").token();

        auth.logout(token);

        assertThat(sessions.closed).containsExactly(codec.verify(token).sessionKey().redisKey());
    }

    @Test
    void opensTheSessionWithATimeToLiveOfExactlyTheLifetimeWhenBothClocksAgree() {
        users.existing("alice@example.com", hasher.real.hash("correct horse"));

        auth.login("alice@example.com", "correct horse");

        assertThat(sessions.ttls).containsExactly(LIFETIME);
    }

    @Test
    void opensTheSessionWithATimeToLiveOfOneMillisecond() {
        users.existing("alice@example.com", hasher.real.hash("correct horse"));
        serviceClock.advance(LIFETIME.minusMillis(1));

        auth.login("alice@example.com", "correct horse");

        assertThat(sessions.ttls).containsExactly(Duration.ofMillis(1));
    }

    @Test
    void refusesATimeToLiveOfZeroOrLessOrOverTheLifetime() {
        users.existing("alice@example.com", hasher.real.hash("correct horse"));

        serviceClock.advance(LIFETIME);
        assertThatThrownBy(() -> auth.login("alice@example.com", "correct horse"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("session time to live PT0S is outside (0, PT1H]; the token codec and the auth service "
                        + "must share one clock");
        serviceClock.advance(Duration.ofMillis(1));
        assertThatThrownBy(() -> auth.login("alice@example.com", "correct horse"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("session time to live PT-0.001S is outside");
        serviceClock.advance(LIFETIME.negated().minusMillis(2));
        assertThatThrownBy(() -> auth.login("alice@example.com", "correct horse"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("session time to live PT1H0.001S is outside");
        assertThat(sessions.opened).isEmpty();
    }

    /** The real test-cost bcrypt hasher, counting its work. */
    private static final class CountingHasher implements PasswordHasher {

        final BcryptPasswordHasher real = BcryptPasswordHasher.forTests();
        int hashes;
        int verifies;

        void reset() {
            hashes = 0;
            verifies = 0;
        }

        @Override
        public String hash(String password) {
            hashes++;
            return real.hash(password);
        }

        @Override
        public Verdict verify(String password, String hash) {
            verifies++;
            return real.verify(password, hash);
        }
    }

    private static final class RecordingUsers implements UserRepository {

        final List<String> calls = new ArrayList<>();
        User created;

        User existing(String email, String hash) {
            created = new User(41, email, "Someone", hash, START, START);
            return created;
        }

        @Override
        public User create(String email, String name, String passwordHash) {
            calls.add("create " + email);
            created = new User(42, email, name, passwordHash, START, START);
            return created;
        }

        @Override
        public Optional<User> findByEmail(String email) {
            calls.add("findByEmail " + email);
            return created != null && created.email().equals(email) ? Optional.of(created) : Optional.empty();
        }

        @Override
        public Optional<User> findById(long id) {
            throw new AssertionError("the auth service never looks users up by id");
        }
    }

    private static final class RecordingSessions implements SessionStore {

        final List<String> opened = new ArrayList<>();
        final List<Duration> ttls = new ArrayList<>();
        final List<String> closed = new ArrayList<>();
        boolean holds;

        @Override
        public void open(SessionKey key, String signature, Duration timeToLive) {
            opened.add(key.redisKey() + " " + signature + " " + timeToLive);
            ttls.add(timeToLive);
        }

        @Override
        public boolean holds(SessionKey key, String signature) {
            return holds;
        }

        @Override
        public void close(SessionKey key) {
            closed.add(key.redisKey());
        }
    }
}
