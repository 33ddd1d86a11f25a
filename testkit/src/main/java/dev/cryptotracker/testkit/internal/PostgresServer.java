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
     * that caches templates stores this one now, with the first slot's clone made already (see
     * {@link #takePristineClone(String)}). A template that cannot be cached is logged and the run goes on without.
     */
    default void templateMigrated() {
    }

    /**
     * Whether a clone of the template by this name exists already, made right after the migrations (and cached
     * with the template) and never connected to since, so that it need not be made again. True at most once for
     * each name: whoever is told so owns the clone.
     */
    default boolean takePristineClone(String database) {
        return false;
    }

    @Override
    void close();
}
