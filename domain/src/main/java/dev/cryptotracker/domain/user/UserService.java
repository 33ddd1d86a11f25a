package dev.cryptotracker.domain.user;

import dev.cryptotracker.domain.DisplayText;
import dev.cryptotracker.domain.UserNotFoundException;
import dev.cryptotracker.domain.ValidationException;
import java.util.Objects;
import java.util.Optional;

/** Creates and finds users. Every input is validated before the repository sees it. */
public final class UserService {

    /** Length of {@code users.name}. */
    public static final int MAX_NAME_LENGTH = 100;
    /** Length of {@code users.password_hash}; bcrypt needs 60. */
    public static final int MAX_PASSWORD_HASH_LENGTH = 255;

    private final UserRepository users;

    public UserService(UserRepository users) {
        this.users = Objects.requireNonNull(users, "users");
    }

    /**
     * Stores a new user. The password must already be hashed; the hash never appears in a message.
     *
     * @throws ValidationException when the email, name or hash is missing or malformed
     * @throws dev.cryptotracker.domain.EmailAlreadyExistsException when the email exists, compared
     *         case-insensitively
     */
    public User create(String email, String name, String passwordHash) {
        String validEmail = EmailAddress.requireValid(email);
        String validName = DisplayText.requireValid("user name", name, MAX_NAME_LENGTH);
        if (passwordHash == null || passwordHash.isBlank()) {
            throw new ValidationException("password hash is required");
        }
        if (passwordHash.length() > MAX_PASSWORD_HASH_LENGTH) {
            throw new ValidationException("password hash must be at most " + MAX_PASSWORD_HASH_LENGTH + " characters");
        }
        return users.create(validEmail, validName, passwordHash);
    }

    /** Finds a user by email, compared case-insensitively. */
    public Optional<User> findByEmail(String email) {
        return users.findByEmail(EmailAddress.requireValid(email));
    }

    /** @throws UserNotFoundException when no user has this id */
    public User findById(long id) {
        return users.findById(id).orElseThrow(() -> new UserNotFoundException(id));
    }
}
