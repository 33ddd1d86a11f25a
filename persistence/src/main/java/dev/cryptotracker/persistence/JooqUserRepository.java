package dev.cryptotracker.persistence;

import static dev.cryptotracker.persistence.jooq.Tables.USERS;

import dev.cryptotracker.domain.EmailAlreadyExistsException;
import dev.cryptotracker.domain.user.User;
import dev.cryptotracker.domain.user.UserRepository;
import dev.cryptotracker.persistence.jooq.tables.records.UsersRecord;
import java.util.Objects;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * Users in PostgreSQL. Emails are unique by {@code lower(email)}; a race between two signups ends in 23505. A
 * password hash is replaced by compare-and-set ({@code UPDATE ... WHERE id = ? AND password_hash = ?}): under READ
 * COMMITTED a second update of the row waits for the first, re-checks the condition on the new row version and
 * matches nothing. Deleting a user deletes their alerts in the same statement ({@code ON DELETE CASCADE}).
 */
public final class JooqUserRepository implements UserRepository {

    static final String EMAIL_UNIQUE_INDEX = "users_email_lower_key";

    private final DSLContext sql;

    public JooqUserRepository(DSLContext sql) {
        this.sql = Objects.requireNonNull(sql, "sql");
    }

    @Override
    public User create(String email, String name, String passwordHash) {
        try {
            UsersRecord row = sql.insertInto(USERS)
                    .set(USERS.EMAIL, email)
                    .set(USERS.NAME, name)
                    .set(USERS.PASSWORD_HASH, passwordHash)
                    .returning()
                    .fetchSingle();
            return toUser(row);
        } catch (DataAccessException e) {
            throw PersistenceErrors.translate("create a user", e,
                    constraint -> EMAIL_UNIQUE_INDEX.equals(constraint) ? new EmailAlreadyExistsException(email, e) : null);
        }
    }

    @Override
    public Optional<User> findByEmail(String email) {
        try {
            return sql.selectFrom(USERS)
                    .where(DSL.lower(USERS.EMAIL).eq(DSL.lower(DSL.val(email))))
                    .fetchOptional()
                    .map(JooqUserRepository::toUser);
        } catch (DataAccessException e) {
            throw PersistenceErrors.translate("find a user by email", e, constraint -> null);
        }
    }

    @Override
    public Optional<User> findById(long id) {
        try {
            return sql.selectFrom(USERS)
                    .where(USERS.ID.eq(id))
                    .fetchOptional()
                    .map(JooqUserRepository::toUser);
        } catch (DataAccessException e) {
            throw PersistenceErrors.translate("find a user by id", e, constraint -> null);
        }
    }

    @Override
    public boolean exists(long id) {
        try {
            return sql.fetchExists(USERS, USERS.ID.eq(id));
        } catch (DataAccessException e) {
            throw PersistenceErrors.translate("check that a user exists", e, constraint -> null);
        }
    }

    @Override
    public boolean replacePasswordHash(long id, String expectedHash, String newHash) {
        try {
            return sql.update(USERS)
                    .set(USERS.PASSWORD_HASH, newHash)
                    .where(USERS.ID.eq(id))
                    .and(USERS.PASSWORD_HASH.eq(expectedHash))
                    .execute() == 1;
        } catch (DataAccessException e) {
            throw PersistenceErrors.translate("replace a password hash", e, constraint -> null);
        }
    }

    @Override
    public boolean delete(long id) {
        try {
            return sql.deleteFrom(USERS)
                    .where(USERS.ID.eq(id))
                    .execute() == 1;
        } catch (DataAccessException e) {
            throw PersistenceErrors.translate("delete a user", e, constraint -> null);
        }
    }

    private static User toUser(UsersRecord row) {
        return new User(row.getId(), row.getEmail(), row.getName(), row.getPasswordHash(), row.getCreatedAt(),
                row.getUpdatedAt());
    }
}
