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
}
