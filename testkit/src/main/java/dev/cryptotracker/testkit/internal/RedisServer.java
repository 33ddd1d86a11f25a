package dev.cryptotracker.testkit.internal;

import dev.cryptotracker.testkit.RunningServers;

/** A running Redis server and the database index that belongs to the testkit. */
public interface RedisServer extends AutoCloseable {

    String host();

    int port();

    int database();

    default String uri() {
        return "redis://" + host() + ":" + port() + "/" + database();
    }

    RunningServers.Server describe();

    /** The last lines the server logged, for a failing test's diagnostics; empty when unknown. */
    String logTail(int lines);

    @Override
    void close();
}
