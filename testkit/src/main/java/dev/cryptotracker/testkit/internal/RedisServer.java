package dev.cryptotracker.testkit.internal;

import dev.cryptotracker.testkit.RunningServers;
import java.util.Optional;

/** A running Redis server and the database index that belongs to the testkit. */
public interface RedisServer extends AutoCloseable {

    String host();

    int port();

    int database();

    /**
     * The database index for a slot of parallel tests; slot 0 gets {@link #database()}. Providers that share a
     * server with other runs claim the index first.
     */
    default int databaseForSlot(int slot) {
        int index = database() + slot;
        if (index > 15) {
            throw new IllegalStateException("Redis has 16 databases by default; slot " + slot
                    + " would need index " + index + ". Run fewer tests in parallel");
        }
        return index;
    }

    RunningServers.Server describe();

    /** The server's log, or empty when the provider has none of its own (an external server). */
    Optional<String> log();

    /** Why the server no longer runs, or empty while it runs or when the provider cannot tell. */
    default Optional<String> death() {
        return Optional.empty();
    }

    @Override
    void close();
}
