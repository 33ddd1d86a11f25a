package dev.cryptotracker.domain.auth;

import dev.cryptotracker.domain.LoginThrottledException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;

/**
 * Limits password guessing per email. Every attempt is counted before its password is checked, in one atomic step
 * of the store, and refused unchecked (no bcrypt) once the {@link ThrottlePolicy} allows no more; a correct password
 * resets the count. Registered and unknown emails are counted alike, so the throttle tells nothing about which
 * emails exist.
 */
public final class LoginThrottle {

    private final LoginAttempts attempts;
    private final ThrottlePolicy policy;

    public LoginThrottle(LoginAttempts attempts, ThrottlePolicy policy) {
        this.attempts = Objects.requireNonNull(attempts, "attempts");
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    public ThrottlePolicy policy() {
        return policy;
    }

    /**
     * Counts an attempt for the email.
     *
     * @throws LoginThrottledException when the email has no attempts left in its window
     * @throws dev.cryptotracker.domain.SessionStoreUnavailableException when the count cannot be kept; the attempt
     *         is then refused too
     */
    public void admit(String email) {
        policy.admit(attempts.count(subjectOf(email), policy.window()));
    }

    /** Forgets the email's attempts, after a correct password. */
    public void reset(String email) {
        attempts.reset(subjectOf(email));
    }

    /**
     * What an email's attempts are counted under: SHA-256 of the email without surrounding white space and in lower
     * case by {@link Locale#ROOT} rules, in base64url (43 characters). Case variants of one email share a counter
     * whatever the JVM's default locale (in Turkish, {@code "I".toLowerCase()} is a dotless ı), and the store never
     * holds an email.
     */
    public static String subjectOf(String email) {
        Objects.requireNonNull(email, "email");
        byte[] normalised = email.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
        try {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(normalised));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
