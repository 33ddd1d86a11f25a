package dev.cryptotracker.domain.auth;

import dev.cryptotracker.domain.DisplayText;
import dev.cryptotracker.domain.InvalidCredentialsException;
import dev.cryptotracker.domain.InvalidTokenException;
import dev.cryptotracker.domain.ValidationException;
import dev.cryptotracker.domain.user.EmailAddress;
import dev.cryptotracker.domain.user.User;
import dev.cryptotracker.domain.user.UserRepository;
import dev.cryptotracker.domain.user.UserService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * Signup, login, token checks and logout. A token is only ever returned once its session is stored, and a token is
 * only ever accepted when its signature, its claims and its stored session all agree.
 *
 * <p>Log lines name users by id; passwords, hashes, tokens and secrets never appear in them.
 */
public final class AuthService {

    private static final Logger log = LoggerFactory.getLogger(AuthService.class);

    private final UserRepository users;
    private final PasswordHasher hasher;
    private final TokenCodec tokens;
    private final SessionStore sessions;
    private final Clock clock;
    // Verified against when the email is unknown, so that an unknown email costs the same bcrypt work as a wrong
    // password and response times do not tell which emails are registered.
    private final String dummyHash;

    public AuthService(UserRepository users, PasswordHasher hasher, TokenCodec tokens, SessionStore sessions,
            Clock clock) {
        this.users = Objects.requireNonNull(users, "users");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.clock = Objects.requireNonNull(clock, "clock");
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        this.dummyHash = hasher.hash(Base64.getEncoder().encodeToString(random));
    }

    /**
     * Registers a user and opens their first session.
     *
     * @throws dev.cryptotracker.domain.ValidationException           bad email, name or password; nothing was stored
     * @throws dev.cryptotracker.domain.EmailAlreadyExistsException   the email is taken (case-insensitively)
     * @throws dev.cryptotracker.domain.PersistenceUnavailableException the database could not be reached in time
     * @throws dev.cryptotracker.domain.SessionStoreUnavailableException the user was stored but the session was
     *         not; no token is handed out and the user can log in once the store is back
     */
    public AuthResult signup(String email, String name, String password) {
        String validEmail = EmailAddress.requireValid(email);
        String validName = DisplayText.requireValid("user name", name, UserService.MAX_NAME_LENGTH);
        PasswordPolicy.requireValid(password);
        User user = users.create(validEmail, validName, hasher.hash(password));
        log.info("user {} signed up", user.id());
        return new AuthResult(user, openSession(user));
    }

    /**
     * Checks an email and password and opens a new session.
     *
     * @throws InvalidCredentialsException unknown email, wrong password or a stored hash that is not a hash; the
     *         same type and message in every case
     * @throws dev.cryptotracker.domain.SessionStoreUnavailableException the session could not be stored
     */
    public AuthResult login(String email, String password) {
        if (password == null || !PasswordPolicy.fitsBcrypt(password)) {
            // Rejected before bcrypt: no stored password can be this long, and hashing a megabyte would be free
            // work for an attacker.
            log.info("login rejected: password missing or longer than {} bytes", PasswordPolicy.MAX_UTF8_BYTES);
            throw new InvalidCredentialsException();
        }
        // An email that could never have signed up is not looked up: no SQL for garbage such as U+0000.
        Optional<User> found = wellFormed(email).flatMap(users::findByEmail);
        if (found.isEmpty()) {
            hasher.verify(password, dummyHash);
            log.info("login rejected: no user with that email");
            throw new InvalidCredentialsException();
        }
        User user = found.get();
        switch (hasher.verify(password, user.passwordHash())) {
            case MATCH -> {
                log.info("user {} logged in", user.id());
                return new AuthResult(user, openSession(user));
            }
            case MISMATCH -> {
                log.info("login rejected for user {}: wrong password", user.id());
                throw new InvalidCredentialsException();
            }
            case MALFORMED_HASH -> {
                log.error("login refused for user {}: the stored password hash is not a valid bcrypt hash",
                        user.id());
                throw new InvalidCredentialsException();
            }
            default -> throw new IllegalStateException("unhandled verdict");
        }
    }

    /**
     * Returns the id of the user whose session the token belongs to.
     *
     * @throws InvalidTokenException the token is malformed, forged or expired, or its session was closed or holds a
     *         different signature
     * @throws dev.cryptotracker.domain.SessionStoreUnavailableException the session could not be looked up; the
     *         token is then neither valid nor invalid
     */
    public long authenticate(String token) {
        VerifiedToken verified = tokens.verify(token);
        if (!sessions.holds(verified.sessionKey(), verified.signature())) {
            throw new InvalidTokenException("session is not open");
        }
        return verified.sessionKey().userId();
    }

    /**
     * Closes the token's session. Closing it again does nothing; the user's other sessions stay open.
     *
     * @throws InvalidTokenException the token is malformed, forged or expired
     * @throws dev.cryptotracker.domain.SessionStoreUnavailableException the store could not be reached
     */
    public void logout(String token) {
        VerifiedToken verified = tokens.verify(token);
        sessions.close(verified.sessionKey());
        log.info("user {} logged out of one session", verified.sessionKey().userId());
    }

    private static Optional<String> wellFormed(String email) {
        try {
            return Optional.of(EmailAddress.requireValid(email));
        } catch (ValidationException e) {
            return Optional.empty();
        }
    }

    private String openSession(User user) {
        IssuedToken token = tokens.issue(user.id());
        Duration timeToLive = Duration.between(clock.instant(), token.expiresAt());
        if (timeToLive.isNegative() || timeToLive.isZero() || timeToLive.compareTo(tokens.lifetime()) > 0) {
            // The codec and this service disagree about the time; a key with this TTL would outlive its token or
            // never exist.
            throw new IllegalStateException("session time to live " + timeToLive + " is outside (0, "
                    + tokens.lifetime() + "]; the token codec and the auth service must share one clock");
        }
        sessions.open(token.sessionKey(), token.signature(), timeToLive);
        return token.value();
    }
}
