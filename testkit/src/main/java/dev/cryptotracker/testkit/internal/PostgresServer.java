package dev.cryptotracker.testkit.internal;

import dev.cryptotracker.testkit.RunningServers;

/** A running PostgreSQL server with a database, user and password for the testkit. */
public interface PostgresServer extends AutoCloseable {

    String jdbcUrl();

    String username();

    String password();

    RunningServers.Server describe();

    /** The last lines the server logged, for a failing test's diagnostics; empty when unknown. */
    String logTail(int lines);

    @Override
    void close();
}
