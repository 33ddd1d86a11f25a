package dev.cryptotracker.testkit;

import dev.cryptotracker.testkit.internal.Fixtures;
import dev.cryptotracker.testkit.internal.Slot;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.redisson.api.RedissonClient;

/**
 * A clean place for one test, held until closed: a database cloned from the migrated template and a Redis database,
 * both as the migrations left them. Tests that hold leases at the same time never see each other's data. Closing
 * cleans the slot and gives it back for the next test; its clients stay open and are reused by that test.
 *
 * <p>Obtained from {@link TestkitServers#lease(Service...)}; the JUnit extension takes one per test.
 */
public final class TestkitLease implements AutoCloseable {

    private final TestkitServers owner;
    private final Slot slot;
    private final Set<Service> services;
    /** Who holds the lease, for messages; {@code null} for a view of a slot that was not leased. */
    private final String holder;
    private boolean released;

    TestkitLease(TestkitServers owner, Slot slot, Set<Service> services, String holder) {
        this.owner = owner;
        this.slot = slot;
        this.services = Set.copyOf(services);
        this.holder = holder;
    }

    /**
     * The services this lease was reset for.
     *
     * @return the services
     */
    public Set<Service> services() {
        return services;
    }

    /**
     * A HikariCP pool of connections to this lease's database, named {@code testkit-postgres-N}, with leak
     * detection.
     *
     * @return the pool; the testkit closes it
     * @throws IllegalStateException when the lease has no PostgreSQL
     */
    public DataSource dataSource() {
        require(Service.POSTGRES, "DataSource");
        return explained(Service.POSTGRES, slot::dataSource);
    }

    /**
     * A jOOQ context over {@link #dataSource()}. Needs {@code org.jooq:jooq} on the classpath.
     *
     * @return the context
     * @throws IllegalStateException when the lease has no PostgreSQL, or jOOQ is missing (the message names the
     *                               dependency to add)
     */
    public DSLContext dsl() {
        require(Service.POSTGRES, "DSLContext");
        // Not through explained(): a method reference would load jOOQ's classes, which are optional.
        try {
            return slot.dsl();
        } catch (RuntimeException e) {
            throw owner.explain(Service.POSTGRES, e);
        }
    }

    /**
     * The catalog-checked helper over {@link #dataSource()}.
     *
     * @return the helper
     * @throws IllegalStateException when the lease has no PostgreSQL
     */
    public DatabaseHelper databaseHelper() {
        require(Service.POSTGRES, "DatabaseHelper");
        return explained(Service.POSTGRES, slot::helper);
    }

    /**
     * A Redisson client of this lease's Redis database. Needs {@code org.redisson:redisson} on the classpath.
     *
     * @return the client; the testkit shuts it down
     * @throws IllegalStateException when the lease has no Redis, or Redisson is missing (the message names the
     *                               dependency to add)
     */
    public RedissonClient redisson() {
        require(Service.REDIS, "RedissonClient");
        // Not through explained(): a method reference would load Redisson's classes, which are optional.
        try {
            return slot.redisson();
        } catch (RuntimeException e) {
            throw owner.explain(Service.REDIS, e);
        }
    }

    /**
     * How to reach this lease's database and Redis database from code under test.
     *
     * @return JDBC URL, user, password and Redis URI; {@code null} parts for services not started
     */
    public ConnectionDetails connectionDetails() {
        return slot.connectionDetails();
    }

    /**
     * Applies fixture scripts from the classpath to this lease's database, in one round trip and one transaction:
     * the data a test starts from. What they write is emptied (or, in reference tables, restored) like anything a
     * test writes.
     *
     * @param scripts such as {@code fixtures/users.sql}, applied in this order
     * @throws SqlFixtureException naming the script, the line and PostgreSQL's message when one fails (nothing is
     *                             kept), or a script that is not on the classpath
     */
    public void applyFixtures(String... scripts) {
        require(Service.POSTGRES, "fixture");
        slot.applyFixtures(Fixtures.load(List.of(scripts)));
    }

    /**
     * Makes this lease clean again without giving it back: for holders that keep one lease for many tests, such
     * as a cached Spring test context, and reset it between them.
     *
     * @throws OpenTransactionException when a transaction was left open; it has been ended, and the lease is clean
     * @throws IllegalStateException    when a server cannot be reset; a server that died is named
     */
    public void reset() {
        reset(holder == null ? "a lease" : holder);
    }

    /**
     * Like {@link #reset()}, naming who used the lease since the last reset, such as a test, when it left a
     * transaction open.
     *
     * @param user who used the lease, for the message: {@code test FooIT#bar()}
     * @throws OpenTransactionException when a transaction was left open; it has been ended, and the lease is clean
     * @throws IllegalStateException    when a server cannot be reset; a server that died is named
     */
    public void reset(String user) {
        owner.reset(slot, services, user);
    }

    private void require(Service service, String type) {
        if (!services.contains(service)) {
            throw new IllegalStateException("a " + type + " needs " + service + ", which this lease was not taken "
                    + "for; lease it with " + service + " as well");
        }
    }

    /**
     * Cleans the slot and gives it back for the next test. Closing twice does nothing.
     *
     * @throws OpenTransactionException when the holder left a transaction open; it has been ended, the slot is
     *                                  clean and given back all the same
     */
    @Override
    public void close() {
        synchronized (this) {
            if (released || holder == null) {
                released = true;
                return;
            }
            released = true;
        }
        owner.release(slot, services, holder);
    }

    /** A client of the lease, made on first use; when that fails because its server died, the failure says so. */
    private <T> T explained(Service service, Supplier<T> client) {
        try {
            return client.get();
        } catch (RuntimeException e) {
            throw owner.explain(service, e);
        }
    }
}
