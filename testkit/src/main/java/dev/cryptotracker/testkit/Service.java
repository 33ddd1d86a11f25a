package dev.cryptotracker.testkit;

/** A server the testkit can provide to a test class. */
public enum Service {
    /** A PostgreSQL server, migrated with Flyway once per JVM and emptied before every test. */
    POSTGRES,
    /** A Redis server whose testkit database is flushed before every test. */
    REDIS
}
