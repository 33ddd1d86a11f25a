package dev.cryptotracker.domain.user;

import dev.cryptotracker.domain.EmailAlreadyExistsException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** A list-backed repository for unit tests of the services' validation; the real one is proven in *IT. */
final class InMemoryUserRepository implements UserRepository {

    private final List<User> users = new ArrayList<>();
    private int calls;

    @Override
    public User create(String email, String name, String passwordHash) {
        calls++;
        if (findByEmail(email).isPresent()) {
            throw new EmailAlreadyExistsException(email);
        }
        User user = new User(users.size() + 1, email, name, passwordHash, Instant.EPOCH, Instant.EPOCH);
        users.add(user);
        return user;
    }

    @Override
    public Optional<User> findByEmail(String email) {
        calls++;
        String key = email.toLowerCase(Locale.ROOT);
        return users.stream().filter(u -> u.email().toLowerCase(Locale.ROOT).equals(key)).findFirst();
    }

    @Override
    public Optional<User> findById(long id) {
        calls++;
        return users.stream().filter(u -> u.id() == id).findFirst();
    }

    /** How often any method was reached. */
    int calls() {
        return calls;
    }

    int size() {
        return users.size();
    }
}
