package dev.cryptotracker.testkit.internal;

import dev.cryptotracker.testkit.RunningServers;
import dev.cryptotracker.testkit.Service;
import dev.cryptotracker.testkit.TestkitConfig;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the testkit keeps for one set of servers: the servers, the migrated template database, and the slots that
 * tests run in. The public {@link dev.cryptotracker.testkit.TestkitServers} is a thin layer over it.
 *
 * <p>The template is migrated once, as soon as PostgreSQL runs; each slot gets its own clone and its own Redis
 * database index. A test leases a free slot, which is reset as it is leased; tests running at the same time
 * therefore never share data.
 */
public final class TestkitCore implements AutoCloseable {

    private final TestkitConfig config;
    private final StartedServers servers;
    private final SlotPool slots;
    private volatile TemplateDatabase template;

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
                migrateUnlessCached(servers.postgres(), migrated);
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
    private static void migrateUnlessCached(PostgresServer postgres, TemplateDatabase template) {
        if (!postgres.templateFromCache()) {
            template.migrate();
            postgres.templateMigrated();
        }
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
     * Takes a free slot for one test and resets it for the services asked for. A server that died is named,
     * with the end of its log, and every later lease fails at once with the same message.
     */
    public Slot lease(Set<Service> services) {
        Slot slot = slots.take();
        try {
            reset(slot, services);
            return slot;
        } catch (RuntimeException e) {
            slots.giveBack(slot);
            throw e;
        }
    }

    /** Resets a slot that is already leased; see {@link #lease(Set)} for what a failure says. */
    public void reset(Slot slot, Set<Service> services) {
        services.forEach(servers::throwIfFailed);
        try {
            slot.reset(services);
        } catch (RuntimeException e) {
            throw diagnose(services, e);
        }
    }

    private RuntimeException diagnose(Set<Service> services, RuntimeException failure) {
        for (Service service : services) {
            Optional<String> death = servers.death(service);
            if (death.isPresent()) {
                String log = Optional.ofNullable(service == Service.POSTGRES ? servers.postgres().log().orElse(null)
                        : servers.redis().log().orElse(null)).map(text -> Logs.tail(text, 20)).orElse("");
                IllegalStateException dead = new IllegalStateException(death.get()
                        + (log.isEmpty() ? "" : "; its log ends with:\n" + log), failure);
                servers.fail(service, dead);
                return dead;
            }
        }
        return failure;
    }

    /** Gives a leased slot back for the next test. */
    public void release(Slot slot) {
        slots.giveBack(slot);
    }

    /** Slot 0, neither leased nor reset: what class-level callers get. */
    public Slot first() {
        return slots.first();
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
