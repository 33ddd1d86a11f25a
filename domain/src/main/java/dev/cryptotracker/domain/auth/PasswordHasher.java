package dev.cryptotracker.domain.auth;

/**
 * Port for one-way password hashing. Implementations hash and verify the password in the form
 * {@link PasswordPolicy#normalise(String)} gives, so that a caller that forgot to normalise cannot store a hash the
 * login cannot match.
 */
public interface PasswordHasher {

    /** Hashes a password that already passed {@link PasswordPolicy}. */
    String hash(String password);

    /** Checks a password against a stored hash; never throws for a corrupt hash. */
    Verdict verify(String password, String hash);

    /**
     * Whether a stored hash is weaker than what {@link #hash(String)} makes now (a lower cost), so that the password
     * should be hashed again at the next successful login. False for a value that is not a hash at all.
     */
    boolean needsRehash(String hash);

    /** The outcome of {@link #verify(String, String)}. */
    enum Verdict {
        MATCH,
        MISMATCH,
        /** The stored value is not a hash this hasher understands; no password can match it. */
        MALFORMED_HASH
    }
}
