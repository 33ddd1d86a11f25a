package dev.cryptotracker.testkit.internal;

import dev.cryptotracker.testkit.RunningServers;

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

    default String uri() {
        return "redis://" + host() + ":" + port() + "/" + database();
    }

    RunningServers.Server describe();

    /** The last lines the server logged, for a failing test's diagnostics; empty when unknown. */
    String logTail(int lines);

    @Override
    void close();
}
