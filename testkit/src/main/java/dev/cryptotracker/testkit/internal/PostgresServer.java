package dev.cryptotracker.testkit.internal;

import dev.cryptotracker.testkit.RunningServers;
import java.util.Optional;

/** A running PostgreSQL server with a database, user and password for the testkit. */
public interface PostgresServer extends AutoCloseable {

    String jdbcUrl();

    String username();

    String password();

    RunningServers.Server describe();

    /** The server's log, or empty when the provider has none of its own (an external server). */
    Optional<String> log();

    /**
     * Why the server no longer runs ("exited with 137"), or empty while it runs or when the provider cannot tell.
     * Cheap enough to ask before every test.
     */
    default Optional<String> death() {
        return Optional.empty();
    }

    /**
     * Whether the template database came from the template cache with its migrations and the testkit's reset in
     * place, so that migrating it again would only repeat what is there.
     */
    default boolean templateFromCache() {
        return false;
    }

    /**
     * Told once the template database is migrated and the reset installed, before any clone of it exists: a server
     * that caches templates stores this one now. Never fails: a template that cannot be cached is logged and the
     * run goes on without.
     */
    default void templateMigrated() {
    }

    @Override
    void close();
}
