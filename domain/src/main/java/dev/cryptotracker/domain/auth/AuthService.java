package dev.cryptotracker.domain.auth;

import dev.cryptotracker.domain.DisplayText;
import dev.cryptotracker.domain.InvalidCredentialsException;
import dev.cryptotracker.domain.InvalidTokenException;
import dev.cryptotracker.domain.SessionStoreUnavailableException;
import dev.cryptotracker.domain.UserNotFoundException;
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
 * Signup, login, token checks, logout, log-out-everywhere, password change and account deletion. A token is only
 * ever returned once its session is stored, and a token is only ever accepted when its signature, its claims and its
 * stored session all agree and its user still exists.
 *
 * <p>Passwords follow {@link PasswordPolicy}: taken in NFKC, nothing else altered. Every check of a password —
 * login, password change, account deletion — is counted by the {@link LoginThrottle} first and refused without
 * bcrypt once the email has no attempts left; registered and unknown emails are treated alike.
 *
 * <p><b>Deleted users.</b> PostgreSQL decides whether a user exists, not Redis: {@link #authenticate(String)} looks
 * the user up after the session checks out, so a session key that outlived its user (Redis was unreachable when
 * the user was deleted, or a login raced the deletion) never authenticates. Deletion therefore succeeds while Redis
 * is down; the keys left behind are closed when next presented, or expire with their tokens.
 *
 * <p>Log lines name users by id; passwords, hashes, tokens and secrets never appear in them.
 */
public final class AuthService {

    private static final Logger log = LoggerFactory.getLogger(AuthService.class);

    private final UserRepository users;
    private final PasswordHasher hasher;
    private final TokenCodec tokens;
    private final SessionStore sessions;
    private final LoginThrottle throttle;
    private final Clock clock;
    // Verified against when the email is unknown, so that an unknown email costs the same bcrypt work as a wrong
    // password and response times do not tell which emails are registered.
    private final String dummyHash;

    public AuthService(UserRepository users, PasswordHasher hasher, TokenCodec tokens, SessionStore sessions,
            LoginThrottle throttle, Clock clock) {
        this.users = Objects.requireNonNull(users, "users");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.throttle = Objects.requireNonNull(throttle, "throttle");
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
        String validPassword = PasswordPolicy.requireValid(password);
        User user = users.create(validEmail, validName, hasher.hash(validPassword));
        log.info("user {} signed up", user.id());
        return new AuthResult(user, openSession(user.id()).value());
    }

    /**
     * Checks an email and password and opens a new session. A stored hash of a lower cost than the hasher's is
     * replaced by one of the configured cost, unless the password changed meanwhile.
     *
     * @throws dev.cryptotracker.domain.LoginThrottledException the email has no attempts left in its window; the
     *         password was not checked
     * @throws InvalidCredentialsException unknown email, wrong password or a stored hash that is not a hash; the
     *         same type and message in every case
     * @throws dev.cryptotracker.domain.SessionStoreUnavailableException the attempt could not be counted or the
     *         session could not be stored
     */
    public AuthResult login(String email, String password) {
        // An email that could never have signed up is neither counted nor looked up: no Redis key and no SQL for
        // garbage such as U+0000. Every other email is counted, registered or not, before any bcrypt work.
        Optional<String> validEmail = wellFormed(email);
        if (validEmail.isPresent()) {
            throttle.admit(validEmail.get());
        }
        Optional<String> candidate = PasswordPolicy.normaliseForVerification(password);
        if (candidate.isEmpty()) {
            // Rejected before bcrypt: no stored password can be this long, and hashing a megabyte would be free
            // work for an attacker.
            log.info("login rejected: password missing or longer than {} bytes", PasswordPolicy.MAX_UTF8_BYTES);
            throw new InvalidCredentialsException();
        }
        Optional<User> found = validEmail.flatMap(users::findByEmail);
        if (found.isEmpty()) {
            hasher.verify(candidate.get(), dummyHash);
            log.info("login rejected: no user with that email");
            throw new InvalidCredentialsException();
        }
        User user = found.get();
        requireMatch(user.id(), candidate.get(), user.passwordHash(), "login");
        throttle.reset(validEmail.get());
        String currentHash = upgradeHashIfWeak(user, candidate.get());
        IssuedToken token = openSession(user.id());
        requirePasswordStillCurrent(user.id(), candidate.get(), currentHash, token.sessionKey());
        log.info("user {} logged in", user.id());
        return new AuthResult(user, token.value());
    }

    /**
     * Returns the id of the user whose session the token belongs to.
     *
     * @throws InvalidTokenException the token is malformed, forged or expired, its session was closed or holds a
     *         different signature, or its user no longer exists
     * @throws dev.cryptotracker.domain.SessionStoreUnavailableException the session could not be looked up; the
     *         token is then neither valid nor invalid
     * @throws dev.cryptotracker.domain.PersistenceUnavailableException the user could not be looked up
     */
    public long authenticate(String token) {
        return openSessionOf(token).userId();
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

    /**
     * Closes every session of the token's user, this one included.
     *
     * @return how many sessions were closed
     * @throws InvalidTokenException the token does not {@link #authenticate(String) authenticate}
     * @throws dev.cryptotracker.domain.SessionStoreUnavailableException the store could not be reached; no session
     *         was closed
     */
    public int logoutEverywhere(String token) {
        SessionKey session = openSessionOf(token);
        int closed = sessions.closeAll(session.userId());
        log.info("user {} logged out everywhere: {} sessions closed", session.userId(), closed);
        return closed;
    }

    /**
     * Replaces the password of the token's user and closes every other session of theirs; the token's session stays
     * open. The hash is replaced only if it is still the one the current password was checked against, so that a
     * concurrent change is never overwritten; a concurrent login that only raised the hash's cost is allowed for.
     *
     * @throws InvalidTokenException the token does not {@link #authenticate(String) authenticate}
     * @throws ValidationException the new password breaks {@link PasswordPolicy}; checked first, nothing counted
     * @throws dev.cryptotracker.domain.LoginThrottledException the user's email has no attempts left; nothing was
     *         checked
     * @throws InvalidCredentialsException the current password is wrong, or the password was changed meanwhile;
     *         nothing was changed
     * @throws dev.cryptotracker.domain.SessionStoreUnavailableException before the change: nothing was changed;
     *         after it (the message says so): the password was changed but other sessions may still be open — log
     *         out everywhere once the store is back
     */
    public void changePassword(String token, String currentPassword, String newPassword) {
        SessionKey session = openSessionOf(token);
        String replacement = PasswordPolicy.requireValid(newPassword);
        User user = existingUser(session.userId());
        String current = checkPassword(user, currentPassword, "password change");
        String newHash = hasher.hash(replacement);
        if (!users.replacePasswordHash(user.id(), user.passwordHash(), newHash)) {
            // The hash changed since it was checked. A login that raised its cost leaves the same password: check
            // against the new hash and try once more. Another change, or a deletion, wins.
            User now = existingUser(user.id());
            if (hasher.verify(current, now.passwordHash()) != PasswordHasher.Verdict.MATCH
                    || !users.replacePasswordHash(user.id(), now.passwordHash(), newHash)) {
                log.info("password change rejected for user {}: the password changed meanwhile", user.id());
                throw new InvalidCredentialsException();
            }
        }
        log.info("user {} changed their password", user.id());
        int closed;
        try {
            closed = sessions.closeAllExcept(session);
        } catch (SessionStoreUnavailableException e) {
            throw new SessionStoreUnavailableException("the password of user " + user.id() + " was changed, but its"
                    + " other sessions could not be closed; log out everywhere once Redis is back", e);
        }
        log.info("user {}: {} other sessions closed after the password change", user.id(), closed);
    }

    /**
     * Deletes the token's user, after checking their password, as {@link #deleteUser(long)} does.
     *
     * @throws InvalidTokenException the token does not {@link #authenticate(String) authenticate}
     * @throws dev.cryptotracker.domain.LoginThrottledException the user's email has no attempts left; nothing was
     *         checked or deleted
     * @throws InvalidCredentialsException the password is wrong; nothing was deleted
     */
    public void deleteAccount(String token, String password) {
        SessionKey session = openSessionOf(token);
        User user = existingUser(session.userId());
        checkPassword(user, password, "account deletion");
        deleteUser(user.id());
    }

    /**
     * Deletes a user — their alerts go with them, in the same statement — and then closes every session of theirs.
     * For a caller that has already established the right to delete this user; {@link #deleteAccount(String,
     * String)} is the user's own way.
     *
     * <p>When Redis cannot be reached after the user is gone, the deletion still stands and this method returns
     * normally, logging a warning: the sessions left behind never authenticate, because
     * {@link #authenticate(String)} finds no user, and their keys expire with their tokens.
     *
     * @throws UserNotFoundException no user has this id
     * @throws dev.cryptotracker.domain.PersistenceUnavailableException the database could not be reached; nothing
     *         was deleted
     */
    public void deleteUser(long userId) {
        if (!users.delete(userId)) {
            throw new UserNotFoundException(userId);
        }
        log.info("user {} deleted", userId);
        try {
            int closed = sessions.closeAll(userId);
            log.info("user {}: {} sessions closed at deletion", userId, closed);
        } catch (SessionStoreUnavailableException e) {
            log.warn("user {} deleted, but its sessions could not be closed now ({}); they no longer authenticate"
                    + " and expire with their tokens", userId, e.getMessage());
        }
    }

    private SessionKey openSessionOf(String token) {
        VerifiedToken verified = tokens.verify(token);
        SessionKey session = verified.sessionKey();
        if (!sessions.holds(session, verified.signature())) {
            throw new InvalidTokenException("session is not open");
        }
        if (!users.exists(session.userId())) {
            // The key outlived its user: Redis was unreachable when the user was deleted, or a login raced the
            // deletion. Close it while here; it would expire by itself anyway.
            closeQuietly(session);
            log.info("token of deleted user {} rejected", session.userId());
            throw new InvalidTokenException("user no longer exists");
        }
        return session;
    }

    private User existingUser(long userId) {
        return users.findById(userId).orElseThrow(() -> new InvalidTokenException("user no longer exists"));
    }

    /** Counts the attempt, checks the password and returns its normalised form; resets the count when it matches. */
    private String checkPassword(User user, String password, String action) {
        throttle.admit(user.email());
        String candidate = PasswordPolicy.normaliseForVerification(password).orElse(null);
        if (candidate == null) {
            log.info("{} rejected for user {}: password missing or longer than {} bytes", action, user.id(),
                    PasswordPolicy.MAX_UTF8_BYTES);
            throw new InvalidCredentialsException();
        }
        requireMatch(user.id(), candidate, user.passwordHash(), action);
        throttle.reset(user.email());
        return candidate;
    }

    private void requireMatch(long userId, String password, String hash, String action) {
        switch (hasher.verify(password, hash)) {
            case MATCH -> {
                // the password is right
            }
            case MISMATCH -> {
                log.info("{} rejected for user {}: wrong password", action, userId);
                throw new InvalidCredentialsException();
            }
            case MALFORMED_HASH -> {
                log.error("{} refused for user {}: the stored password hash is not a valid bcrypt hash", action,
                        userId);
                throw new InvalidCredentialsException();
            }
            default -> throw new IllegalStateException("unhandled verdict");
        }
    }

    /**
     * Replaces a hash of a lower cost than the hasher's by one of its cost, only if the stored hash is still the one
     * just verified: a password changed meanwhile is never overwritten by the old password's new hash.
     *
     * @return the user's hash as this login left it
     */
    private String upgradeHashIfWeak(User user, String password) {
        if (!hasher.needsRehash(user.passwordHash())) {
            return user.passwordHash();
        }
        String upgraded = hasher.hash(password);
        if (users.replacePasswordHash(user.id(), user.passwordHash(), upgraded)) {
            log.info("user {}: password hash upgraded to the configured cost", user.id());
            return upgraded;
        }
        log.info("user {}: password hash not upgraded, it changed during the login", user.id());
        return user.passwordHash();
    }

    /**
     * A password change that commits between this login's check and its new session would close the user's other
     * sessions before this one exists. So once the session is open, the hash is read again: unchanged, or changed to
     * a hash the same password matches (another login raised its cost), the login stands; otherwise the session is
     * closed and the login fails. A change committing after this read finds the session and closes it.
     */
    private void requirePasswordStillCurrent(long userId, String password, String expectedHash, SessionKey opened) {
        Optional<String> storedHash;
        try {
            storedHash = users.findById(userId).map(User::passwordHash);
        } catch (RuntimeException e) {
            closeQuietly(opened);
            throw e;
        }
        if (storedHash.isPresent() && (storedHash.get().equals(expectedHash)
                || hasher.verify(password, storedHash.get()) == PasswordHasher.Verdict.MATCH)) {
            return;
        }
        closeQuietly(opened);
        log.info("login rejected for user {}: the password was changed or the user deleted during the login",
                userId);
        throw new InvalidCredentialsException();
    }

    private void closeQuietly(SessionKey session) {
        try {
            sessions.close(session);
        } catch (SessionStoreUnavailableException e) {
            // Nobody holds this session's token any more; its key expires with it.
            log.warn("a session of user {} is left to expire: {}", session.userId(), e.getMessage());
        }
    }

    private static Optional<String> wellFormed(String email) {
        try {
            return Optional.of(EmailAddress.requireValid(email));
        } catch (ValidationException e) {
            return Optional.empty();
        }
    }

    private IssuedToken openSession(long userId) {
        IssuedToken token = tokens.issue(userId);
        Duration timeToLive = Duration.between(clock.instant(), token.expiresAt());
        if (timeToLive.isNegative() || timeToLive.isZero() || timeToLive.compareTo(tokens.lifetime()) > 0) {
            // The codec and this service disagree about the time; a key with this TTL would outlive its token or
            // never exist.
            throw new IllegalStateException("session time to live " + timeToLive + " is outside (0, "
                    + tokens.lifetime() + "]; the token codec and the auth service must share one clock");
        }
        sessions.open(token.sessionKey(), token.signature(), timeToLive);
        return token;
    }
}
