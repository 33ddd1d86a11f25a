package dev.cryptotracker.testkit;

import dev.cryptotracker.testkit.internal.Slot;
import dev.cryptotracker.testkit.internal.TestkitCore;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The testkit without JUnit: a real PostgreSQL and a real Redis, started by the configured provider, migrated once
 * with Flyway, and a clean place for each test. {@link Testkit} is a thin layer over it; so are the jOOQ code
 * generator and the benchmarks of this project, and anything else that wants the same servers outside a JUnit
 * test (a main method, another test framework, a Spring test context).
 *
 * <pre>{@code
 * TestkitConfig config = TestkitConfig.fromEnvironment().withReferenceTables("genres");
 * try (TestkitServers servers = TestkitServers.start(config, Service.POSTGRES, Service.REDIS)) {
 *     try (TestkitLease lease = servers.lease()) {          // clean: tables emptied, Redis flushed
 *         DataSource dataSource = lease.dataSource();
 *         new BookCatalog(dataSource).addAuthor("Dostoevsky");
 *     }
 *     try (TestkitLease lease = servers.lease()) {          // clean again, in well under a millisecond
 *         assert lease.databaseHelper().rowCount("authors") == 0;
 *     }
 * }                                                          // clients closed, then the servers stopped
 * }</pre>
 *
 * <p>What "clean" means: every table of the migrated schemas that was written since the last lease is emptied and
 * its sequences restarted, whoever wrote it; reference tables and Flyway's history keep their migrated rows; the
 * lease's Redis database is flushed. Leases held at the same time get different databases (clones of the migrated
 * template) and different Redis databases. Each instance is thread-safe.
 *
 * <p>{@link #shared(TestkitConfig)} gives the one instance of this JVM that the JUnit extension and the Spring Boot
 * support use, so that every user in one JVM shares one set of servers.
 */
public final class TestkitServers implements AutoCloseable {

    private static final Object SHARED_LOCK = new Object();
    private static TestkitServers shared;
    private static int sharedUsers;
    private static boolean shutdownHookAdded;

    private final TestkitCore core;
    private final boolean isShared;
    private volatile boolean closed;

    private TestkitServers(TestkitConfig config, boolean isShared) {
        this.core = new TestkitCore(Objects.requireNonNull(config, "config"));
        this.isShared = isShared;
    }

    /**
     * Servers that start when first needed: by {@link #ensureStarted(Service...)} or {@link #lease(Service...)}.
     *
     * @param config the settings, checked already
     * @return servers of your own; close them when done
     */
    public static TestkitServers create(TestkitConfig config) {
        return new TestkitServers(config, false);
    }

    /**
     * Starts servers now: both at once when both are asked for, PostgreSQL migrated before this returns.
     *
     * @param config   the settings, checked already
     * @param services the servers to start; none means both
     * @return the running servers; close them when done
     * @throws TestkitConfigurationException when the configuration cannot work here (Docker asked for but absent,
     *                                       an external server refusing the credentials, ...)
     * @throws IllegalStateException         when a server or the migrations failed; the cause says why
     */
    public static TestkitServers start(TestkitConfig config, Service... services) {
        TestkitServers servers = create(config);
        try {
            servers.ensureStarted(services);
        } catch (RuntimeException e) {
            servers.close();
            throw e;
        }
        return servers;
    }

    /**
     * The servers this JVM shares between all their users: created by the first call with its configuration,
     * returned again by every later call. Servers are migrated once per JVM, so every caller must agree on
     * migrations, schemas and reference tables; other settings of the first caller apply to all. Each call counts
     * as one user: call {@link #close()} once per call, and the servers stop when the last user closes (or when the
     * JVM exits, whichever comes first).
     *
     * @param config the caller's settings
     * @return the shared servers, started lazily
     * @throws TestkitConfigurationException when the caller's schema setup differs from the one in use
     */
    public static TestkitServers shared(TestkitConfig config) {
        synchronized (SHARED_LOCK) {
            if (shared == null) {
                shared = new TestkitServers(config, true);
                if (!shutdownHookAdded) {
                    Runtime.getRuntime().addShutdownHook(new Thread(TestkitServers::closeSharedAtExit,
                            "testkit-shared-servers-stop"));
                    shutdownHookAdded = true;
                }
            } else {
                shared.requireSameSchemaSetup(config, "another user of this JVM's servers");
            }
            sharedUsers++;
            return shared;
        }
    }

    private static void closeSharedAtExit() {
        synchronized (SHARED_LOCK) {
            if (shared != null) {
                shared.core.close();
                shared = null;
                sharedUsers = 0;
            }
        }
    }

    /**
     * Fails unless a configuration builds the same template database as these servers.
     *
     * @param other who asks, for the message
     * @param config that caller's settings
     * @throws TestkitConfigurationException when migrations, schemas or reference tables differ
     */
    void requireSameSchemaSetup(TestkitConfig config, String other) {
        if (!core.config().sameSchemaSetup(config)) {
            throw new TestkitConfigurationException("this JVM's database was migrated with "
                    + core.config().schemaSetup() + "; " + other + " asks for " + config.schemaSetup()
                    + ". Migrations run once per JVM: give every class the same settings (testkit.properties), or "
                    + "run the odd ones in a separate Failsafe execution");
        }
    }

    /**
     * Starts what is asked for and not running yet; both at once when both are missing.
     *
     * @param services the servers to start; none means both
     * @return these servers
     * @throws IllegalStateException when a server or the migrations failed now or earlier: once failed, a server
     *                               is not tried again, and every later call fails with the first cause
     */
    public TestkitServers ensureStarted(Service... services) {
        ensureStarted(services(services));
        return this;
    }

    void ensureStarted(Set<Service> services) {
        requireOpen();
        core.start(services);
    }

    /**
     * Takes a clean place for one test, starting what is missing first. Close the lease when the test ends: that
     * cleans it for the next one, and fails if the test left a transaction open.
     *
     * @param services the servers the test needs; none means both
     * @return the lease, clean for those services
     * @throws IllegalStateException when a server cannot be reset; a server that died is named, with the end of
     *                               its log
     */
    public TestkitLease lease(Service... services) {
        return lease(services(services));
    }

    TestkitLease lease(Set<Service> services) {
        return lease(services, "a lease");
    }

    /** A lease whose holder, such as a test, is named when it leaves a transaction open. */
    TestkitLease lease(Set<Service> services, String holder) {
        ensureStarted(services);
        return new TestkitLease(this, core.lease(services), services, holder);
    }

    /** Slot 0 without lease or reset, for class-level callers such as a {@code @BeforeAll} method. */
    TestkitLease unleased(Set<Service> services) {
        requireOpen();
        return new TestkitLease(this, core.first(), services, null);
    }

    void reset(Slot slot, Set<Service> services, String holder) {
        requireOpen();
        core.reset(slot, services, holder);
    }

    /** The failure, or, when the server died, a failure naming what died with the failure as its cause. */
    RuntimeException explain(Service service, RuntimeException failure) {
        return core.explain(Set.of(service), failure);
    }

    void release(Slot slot, Set<Service> services, String holder) {
        core.release(slot, services, holder);
    }

    /**
     * The settings these servers run with.
     *
     * @return the configuration
     */
    public TestkitConfig config() {
        return core.config();
    }

    /**
     * Which provider runs which server.
     *
     * @return the provider and servers started so far
     */
    public RunningServers runningServers() {
        return core.runningServers();
    }

    /**
     * How the migrated template that every lease's database is cloned from was made: from the template cache, or by
     * migrating (with how many migrations, and how long that and installing the reset took).
     *
     * @return how the template was made, or empty while PostgreSQL has not been started
     */
    public Optional<TemplateBuild> templateBuild() {
        return core.templateBuild();
    }

    /**
     * Provider, servers and the end of each server's log, as attached to a failing test. Never contains a
     * password.
     *
     * @return the diagnostics text
     */
    public String diagnostics() {
        return core.diagnostics();
    }

    /**
     * Closes clients, drops the cloned databases and stops the servers. For {@link #shared(TestkitConfig)} servers,
     * ends one user's hold; the last one stops them.
     */
    @Override
    public void close() {
        if (isShared) {
            synchronized (SHARED_LOCK) {
                if (shared != this || --sharedUsers > 0) {
                    return;
                }
                shared = null;
            }
        }
        closed = true;
        core.close();
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("these testkit servers are closed");
        }
    }

    private static Set<Service> services(Service... services) {
        return services.length == 0 ? EnumSet.allOf(Service.class) : EnumSet.copyOf(Arrays.asList(services));
    }
}
