package dev.cryptotracker.testkit.internal;

/** Starts the servers: Docker containers, embedded processes, or databases on existing servers. */
public interface ServerProvider {

    /** The provider's name as configured: {@code docker}, {@code embedded} or {@code external}. */
    String name();

    PostgresServer startPostgres();

    RedisServer startRedis();
}
