package dev.cryptotracker.testkit.internal;

import dev.cryptotracker.testkit.OpenTransactionException;
import dev.cryptotracker.testkit.RunningServers;
import dev.cryptotracker.testkit.Service;
import dev.cryptotracker.testkit.TemplateBuild;
import dev.cryptotracker.testkit.TestkitConfig;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the testkit keeps for one set of servers: the servers, the migrated template database, and the slots that
 * tests run in. The public {@link dev.cryptotracker.testkit.TestkitServers} is a thin layer over it.
 *
 * <p>The template is migrated once, as soon as PostgreSQL runs; each slot gets its own clone and its own Redis
 * database index. A test leases a free slot, which is reset as it is leased; tests running at the same time
 * therefore never share data.
 */
public final class TestkitCore implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TestkitCore.class);

    private final TestkitConfig config;
    private final StartedServers servers;
    private final SlotPool slots;
    private volatile TemplateDatabase template;
    private volatile TemplateBuild templateBuild;

    public TestkitCore(TestkitConfig config) {
        this(config, new ProviderChoice());
    }

    TestkitCore(TestkitConfig config, ProviderChoice choice) {
        this.config = Objects.requireNonNull(config, "config");
        this.servers = new StartedServers(config, choice);
        this.slots = new SlotPool(config, this::attach);
    }

    public TestkitConfig config() {
        return config;
    }

    /** Starts (and for PostgreSQL, migrates) what is asked for and not running yet. */
    public synchronized void start(Set<Service> services) {
        slots.first();
        Set<Service> started = servers.start(services);
        if (started.contains(Service.POSTGRES)) {
            TemplateDatabase migrated = new TemplateDatabase(servers.postgres(), config);
            try {
                templateBuild = migrateUnlessCached(servers.postgres(), migrated);
            } catch (RuntimeException e) {
                servers.fail(Service.POSTGRES, e);
                throw e;
            }
            template = migrated;
        }
        for (Slot slot : slots.all()) {
            if (started.contains(Service.POSTGRES)) {
                attachPostgres(slot);
            }
            if (started.contains(Service.REDIS)) {
                attachRedis(slot);
            }
        }
    }

    /** Migrates the template, or takes it as it is when it came from the template cache already migrated. */
    private static TemplateBuild migrateUnlessCached(PostgresServer postgres, TemplateDatabase template) {
        if (postgres.templateFromCache()) {
            return TemplateBuild.FROM_CACHE;
        }
        TemplateBuild build = template.migrate();
        postgres.templateMigrated();
        return build;
    }

    /** How the template was made, or empty before PostgreSQL runs. */
    public Optional<TemplateBuild> templateBuild() {
        return Optional.ofNullable(templateBuild);
    }

    /** Connects a new slot to whatever runs already. */
    private void attach(Slot slot) {
        if (template != null) {
            attachPostgres(slot);
        }
        if (servers.redis() != null) {
            attachRedis(slot);
        }
    }

    private void attachPostgres(Slot slot) {
        PostgresServer postgres = servers.postgres();
        slot.attachPostgres(template.cloneFor(slot.index), postgres.username(), postgres.password());
    }

    private void attachRedis(Slot slot) {
        RedisServer redis = servers.redis();
        slot.attachRedis(redis.host(), redis.port(), redis.databaseForSlot(slot.index));
    }

    /**
     * Takes a free slot for one test; it is clean already unless something wrote to it outside a lease. A server
     * that died is named, with the end of its log, and every later lease fails at once with the same message.
     */
    public Slot lease(Set<Service> services) {
        services.forEach(servers::throwIfFailed);
        Slot slot = slots.take();
        try {
            if (slot.dirty(services)) {
                List<OpenTransaction> open = clean(slot, services);
                if (!open.isEmpty()) {
                    log.warn("Before a test started, code outside any test (a @BeforeAll method, say) {}",
                            OpenTransaction.describe(open, slot.database(), Instant.now()));
                }
            }
            return slot;
        } catch (RuntimeException e) {
            slots.giveBack(slot);
            throw e;
        }
    }

    /**
     * Cleans a leased slot for its next use, without giving it back.
     *
     * @param holder who held the slot, for the message, such as a test's name
     * @throws OpenTransactionException when the holder left transactions open (they are ended, the slot is clean)
     */
    public void reset(Slot slot, Set<Service> services, String holder) {
        List<OpenTransaction> open = clean(slot, services);
        if (!open.isEmpty()) {
            throw new OpenTransactionException(holder + " " + OpenTransaction.describe(open, slot.database(),
                    Instant.now()));
        }
    }

    /** Cleans a slot after its test and gives it back, even when cleaning failed; see {@link #reset}. */
    public void release(Slot slot, Set<Service> services, String holder) {
        try {
            reset(slot, services, holder);
        } finally {
            slots.giveBack(slot);
        }
    }

    private List<OpenTransaction> clean(Slot slot, Set<Service> services) {
        services.forEach(servers::throwIfFailed);
        try {
            return slot.clean(services);
        } catch (RuntimeException e) {
            throw explain(services, e);
        }
    }

    /**
     * Explains a failure of the servers' clients: when one of these services' servers died, a failure naming what
     * died and what it logged last (and every later lease fails with it at once); otherwise the failure itself.
     */
    public RuntimeException explain(Set<Service> services, RuntimeException failure) {
        for (Service service : services) {
            Optional<String> death = servers.death(service);
            if (death.isPresent()) {
                String log = Optional.ofNullable(service == Service.POSTGRES ? servers.postgres().log().orElse(null)
                        : servers.redis().log().orElse(null)).map(text -> Logs.relevant(text, 10)).orElse("");
                IllegalStateException dead = new IllegalStateException(death.get()
                        + (log.isEmpty() ? "" : "; what it logged last:\n" + log), failure);
                servers.fail(service, dead);
                return dead;
            }
        }
        return failure;
    }

    /** Slot 0, neither leased nor reset: what class-level callers get. The next lease of it cleans it first. */
    public Slot first() {
        Slot slot = slots.first();
        slot.markDirty();
        return slot;
    }

    public RunningServers runningServers() {
        return servers.describe();
    }

    /** Provider, servers and the end of each server's log, for a failing test. Never contains a password. */
    public String diagnostics() {
        return Diagnostics.describe(servers.kind(), servers.postgres(), servers.redis());
    }

    /** Closes clients first, then drops the clones, then stops the servers. */
    @Override
    public synchronized void close() {
        List<Slot> all = slots.all();
        slots.close();
        if (template != null) {
            template.dropClones(all.stream().filter(Slot::hasPostgres).map(Slot::database).toList());
        }
        servers.close();
    }
}
