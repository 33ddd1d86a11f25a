package dev.cryptotracker.domain.user;

import java.util.Optional;

/** Port for users. Implementations map database failures to the domain's exceptions. */
public interface UserRepository {

    /**
     * Inserts a user.
     *
     * @throws dev.cryptotracker.domain.EmailAlreadyExistsException when the email exists (case-insensitively),
     *         also when two inserts race
     * @throws dev.cryptotracker.domain.PersistenceUnavailableException when the database cannot be reached in time
     */
    User create(String email, String name, String passwordHash);

    /** Finds a user by email, compared case-insensitively. */
    Optional<User> findByEmail(String email);

    Optional<User> findById(long id);

    /** Whether a user with this id exists: one primary-key lookup. */
    boolean exists(long id);

    /**
     * Replaces a user's password hash, but only if it is still {@code expectedHash}: a compare-and-set in one
     * statement, so that of two concurrent replacements of one hash exactly one wins and neither overwrites a hash
     * it never saw.
     *
     * @return whether the hash was replaced; false when the user is gone or holds another hash
     */
    boolean replacePasswordHash(long id, String expectedHash, String newHash);

    /**
     * Deletes a user; their alerts go with them, in the same statement (the foreign key cascades).
     *
     * @return whether a user was deleted; false when none has this id
     */
    boolean delete(long id);
}
