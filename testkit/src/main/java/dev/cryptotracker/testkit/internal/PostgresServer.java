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

    @Override
    void close();
}
