package dev.cryptotracker.testkit.internal;

import dev.cryptotracker.testkit.ProviderKind;

/**
 * Starts the servers: Docker containers, embedded processes, or databases on existing servers. The lifecycle is
 * the same for every provider: {@link #sweepLeftovers()} once, then {@link #startPostgres()} and
 * {@link #startRedis()} as needed (possibly at the same time), and each server is closed by whoever started it.
 * Constructors only construct: nothing is contacted, started or removed before these calls.
 */
public interface ServerProvider {

    /** Which provider this is. */
    ProviderKind kind();

    /**
     * Removes what test JVMs of this host that are gone (killed with {@code kill -9}, say) left behind: their
     * containers, processes or databases. Never touches what a live JVM, or another host, owns. Failures are logged,
     * never thrown: a failed sweep must not fail the run.
     */
    void sweepLeftovers();

    PostgresServer startPostgres();

    RedisServer startRedis();
}
