package dev.cryptotracker.testkit.internal;

import dev.cryptotracker.testkit.RunningServers;
import dev.cryptotracker.testkit.Service;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything the testkit keeps for one JVM: the provider, the servers (each started lazily, at most once), the
 * migrated template database, and the slots that tests run in. Kept in JUnit's root store and closed when the test
 * run ends: clients first, then servers.
 *
 * <p>The provider's database is migrated once and then used only as a template: each slot gets its own clone
 * ({@code CREATE DATABASE ... TEMPLATE}) and its own Redis database index. A test leases a free slot, which is
 * reset as it is leased; tests running at the same time therefore never share data, and a sequential run only
 * ever uses slot 0.
 */
public final class TestkitState implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TestkitState.class);
    private static final String FLYWAY_TABLE = "flyway_schema_history";

    private final TestkitSettings settings;
    private final ProviderChoice providerChoice;
    private ServerProvider provider;

    private PostgresServer postgres;
    private List<String> migrations;
    private List<String> referenceTables;

    private RedisServer redis;

    private final List<Slot> slots = new ArrayList<>();
    private final TreeSet<Integer> free = new TreeSet<>();

    public TestkitState(TestkitSettings settings, ProviderChoice providerChoice) {
        this.settings = settings;
        this.providerChoice = providerChoice;
    }

    /**
     * Starts what a test class needs and has not been started yet; both servers at once when both are missing.
     *
     * @param services        the services the class needs
     * @param migrations      the class's migration locations, or empty for the configured ones
     * @param referenceTables the class's reference tables, or empty for the configured ones
     */
    public synchronized void ensure(Set<Service> services, List<String> migrations, List<String> referenceTables) {
        if (services.contains(Service.POSTGRES)) {
            checkSameSchemaSetup(migrations, referenceTables);
        }
        boolean needPostgres = services.contains(Service.POSTGRES) && postgres == null;
        boolean needRedis = services.contains(Service.REDIS) && redis == null;
        if (slots.isEmpty()) {
            free.add(newSlot().index);
        }
        if (!needPostgres && !needRedis) {
            return;
        }
        if (provider == null) {
            provider = providerChoice.choose(settings);
        }
        CompletableFuture<PostgresServer> pg = needPostgres
                ? CompletableFuture.supplyAsync(provider::startPostgres) : CompletableFuture.completedFuture(null);
        CompletableFuture<RedisServer> rd = needRedis
                ? CompletableFuture.supplyAsync(provider::startRedis) : CompletableFuture.completedFuture(null);
        try {
            CompletableFuture.allOf(pg, rd).join();
        } catch (CompletionException e) {
            // Keep whichever server did start, so that it is closed with the state.
            pg.thenAccept(server -> postgres = server);
            rd.thenAccept(server -> redis = server);
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
        if (needPostgres) {
            postgres = pg.join();
            migrateTemplate();
            slots.forEach(this::attachPostgres);
        }
        if (needRedis) {
            redis = rd.join();
            slots.forEach(this::attachRedis);
        }
    }

    private void checkSameSchemaSetup(List<String> classMigrations, List<String> classReferenceTables) {
        List<String> wantedMigrations = classMigrations.isEmpty()
                ? settings.list(TestkitSettings.MIGRATIONS, List.of("classpath:db/migration")) : classMigrations;
        List<String> wantedReference = classReferenceTables.isEmpty()
                ? settings.list(TestkitSettings.REFERENCE_TABLES, List.of()) : classReferenceTables;
        if (migrations == null) {
            migrations = wantedMigrations;
            referenceTables = wantedReference;
        } else if (!migrations.equals(wantedMigrations) || !referenceTables.equals(wantedReference)) {
            throw new IllegalStateException("this JVM's database was migrated from " + migrations
                    + " with reference tables " + referenceTables + "; a class asks for " + wantedMigrations
                    + " and " + wantedReference + ". Migrations run once per JVM: give every class the same "
                    + "settings (testkit.properties), or run the classes in separate Failsafe executions");
        }
    }

    /** Migrates the provider's database and installs the reset; nothing connects to it afterwards. */
    private void migrateTemplate() {
        List<String> schemas = settings.schemas();
        MigrateResult result = Flyway.configure()
                .dataSource(postgres.jdbcUrl(), postgres.username(), postgres.password())
                .locations(migrations.toArray(String[]::new))
                .schemas(schemas.toArray(String[]::new))
                .table(FLYWAY_TABLE)
                .load()
                .migrate();
        log.info("Applied {} migrations from {} to schemas {}", result.migrationsExecuted, migrations, schemas);
        List<String> excluded = new ArrayList<>(referenceTables);
        excluded.add(FLYWAY_TABLE);
        try (Connection connection = connect(postgres.jdbcUrl())) {
            try (Statement statement = connection.createStatement()) {
                statement.execute(resource("reset.sql"));
            }
            try (PreparedStatement track = connection.prepareStatement("SELECT testkit.track(?, ?)")) {
                track.setArray(1, connection.createArrayOf("text", schemas.toArray()));
                track.setArray(2, connection.createArrayOf("text", excluded.toArray()));
                track.execute();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not install the testkit's reset on " + postgres.jdbcUrl(), e);
        }
    }

    private Slot newSlot() {
        Slot slot = new Slot(slots.size(), settings.integer(TestkitSettings.POOL_SIZE, 8),
                settings.integer(TestkitSettings.LEAK_DETECTION_MS, 10_000), settings.schemas());
        slots.add(slot);
        if (postgres != null) {
            attachPostgres(slot);
        }
        if (redis != null) {
            attachRedis(slot);
        }
        return slot;
    }

    private void attachPostgres(Slot slot) {
        String template = JdbcUrls.database(postgres.jdbcUrl());
        String clone = template + "_" + slot.index;
        try (Connection admin = connect(JdbcUrls.withDatabase(postgres.jdbcUrl(), "postgres"));
             Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + clone + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + clone + " TEMPLATE " + template);
        } catch (SQLException e) {
            throw new IllegalStateException("could not clone database " + template + " into " + clone, e);
        }
        slot.attachPostgres(JdbcUrls.withDatabase(postgres.jdbcUrl(), clone), postgres.username(),
                postgres.password());
    }

    private void attachRedis(Slot slot) {
        slot.attachRedis(redis.host(), redis.port(), redis.databaseForSlot(slot.index));
    }

    private Connection connect(String jdbcUrl) throws SQLException {
        return DriverManager.getConnection(jdbcUrl, postgres.username(), postgres.password());
    }

    /**
     * Leases a free slot for one test, resetting it for the services the test's class needs. A new slot is
     * cloned when every existing one is leased (tests running in parallel).
     */
    public Lease lease(Set<Service> services) {
        Slot slot;
        synchronized (this) {
            Integer index = free.pollFirst();
            slot = index == null ? newSlot() : slots.get(index);
        }
        Lease lease = new Lease(slot);
        try {
            slot.reset(services);
        } catch (RuntimeException e) {
            lease.close();
            throw e;
        }
        return lease;
    }

    /** The slot that class-level callers (a {@code @BeforeAll} method, say) get. */
    public synchronized Slot primary() {
        return slots.get(0);
    }

    /** The JDBC URL of the migrated template database that slots are cloned from; {@code null} before. */
    public synchronized String templateJdbcUrl() {
        return postgres == null ? null : postgres.jdbcUrl();
    }

    public synchronized RunningServers runningServers() {
        return new RunningServers(provider == null ? "none" : provider.name(),
                postgres == null ? null : postgres.describe(),
                redis == null ? null : redis.describe());
    }

    /** Provider, servers and the end of each server's log, for a failing test. Never contains a password. */
    public synchronized String diagnostics(int logLines) {
        StringBuilder text = new StringBuilder("testkit: provider ")
                .append(provider == null ? "none" : provider.name());
        if (postgres != null) {
            RunningServers.Server server = postgres.describe();
            text.append("\n  PostgreSQL: image ").append(server.image()).append(", id ").append(server.id())
                    .append(", url ").append(server.address())
                    .append("\n  PostgreSQL log (last ").append(logLines).append(" lines):\n")
                    .append(indent(postgres.logTail(logLines)));
        }
        if (redis != null) {
            RunningServers.Server server = redis.describe();
            text.append("\n  Redis: image ").append(server.image()).append(", id ").append(server.id())
                    .append(", address ").append(server.address())
                    .append("\n  Redis log (last ").append(logLines).append(" lines):\n")
                    .append(indent(redis.logTail(logLines)));
        }
        return text.toString();
    }

    private static String indent(String text) {
        return text.lines().map(line -> "    " + line).reduce((a, b) -> a + "\n" + b).orElse("    (empty)");
    }

    @Override
    public synchronized void close() {
        slots.forEach(TestkitState::closeQuietly);
        if (postgres != null && slots.size() > 0) {
            dropClones();
        }
        closeQuietly(redis);
        closeQuietly(postgres);
    }

    private void dropClones() {
        try (Connection admin = connect(JdbcUrls.withDatabase(postgres.jdbcUrl(), "postgres"));
             Statement statement = admin.createStatement()) {
            for (Slot slot : slots) {
                if (slot.hasPostgres()) {
                    statement.execute("DROP DATABASE IF EXISTS " + slot.database() + " WITH (FORCE)");
                }
            }
        } catch (SQLException e) {
            log.warn("Could not drop the testkit's cloned databases: {}", e.toString());
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            log.warn("Could not close {}: {}", closeable, e.toString());
        }
    }

    private static String resource(String name) {
        try (InputStream in = TestkitState.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the testkit's resource " + name + " is missing from its jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Services a test class asked for, as a set. */
    public static Set<Service> services(Service[] services) {
        return services.length == 0 ? EnumSet.noneOf(Service.class) : EnumSet.copyOf(List.of(services));
    }

    /** A test's hold on a slot; closing it (JUnit does, when the test ends) frees the slot for the next test. */
    public final class Lease implements AutoCloseable {

        private final Slot slot;
        private boolean released;

        private Lease(Slot slot) {
            this.slot = slot;
        }

        public Slot slot() {
            return slot;
        }

        @Override
        public void close() {
            synchronized (TestkitState.this) {
                if (!released) {
                    released = true;
                    free.add(slot.index);
                }
            }
        }
    }
}
