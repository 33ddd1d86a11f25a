package dev.cryptotracker.domain.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class UserTest {

    private static final String HASH = "$2a$12$abcdefghijklmnopqrstuuH5a2wV3Xf0v7W1qAqZK0qKQ3Nn3H8m2";

    @Test
    void keepsTheHashOutOfTheUsersToString() {
        User user = new User(1, "alice@example.com", "Alice", HASH, Instant.EPOCH, Instant.EPOCH);

        assertThat(user.toString()).doesNotContain(HASH).contains("alice@example.com", "Alice");
    }
}
