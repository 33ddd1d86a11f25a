package dev.cryptotracker.domain.user;

import java.time.Instant;

/**
 * A registered user. {@link #toString()} leaves out the password hash.
 *
 * @param id           database id, &gt; 0
 * @param email        email as given at signup (unique case-insensitively)
 * @param name         display name
 * @param passwordHash bcrypt hash
 * @param createdAt    creation time
 * @param updatedAt    last update time
 */
public record User(long id, String email, String name, String passwordHash, Instant createdAt, Instant updatedAt) {

    @Override
    public String toString() {
        return "User[id=" + id + ", email=" + email + ", name=" + name + ", createdAt=" + createdAt + "]";
    }
}
