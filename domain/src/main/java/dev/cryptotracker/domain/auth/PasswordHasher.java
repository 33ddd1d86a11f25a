package dev.cryptotracker.domain.auth;

/** Port for one-way password hashing. */
public interface PasswordHasher {

    /** Hashes a password that already passed {@link PasswordPolicy}. */
    String hash(String password);

    /** Checks a password against a stored hash; never throws for a corrupt hash. */
    Verdict verify(String password, String hash);

    /** The outcome of {@link #verify(String, String)}. */
    enum Verdict {
        MATCH,
        MISMATCH,
        /** The stored value is not a hash this hasher understands; no password can match it. */
        MALFORMED_HASH
    }
}
