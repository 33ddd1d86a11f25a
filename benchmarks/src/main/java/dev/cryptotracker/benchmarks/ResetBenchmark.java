package dev.cryptotracker.benchmarks;

import dev.cryptotracker.testkit.Service;
import dev.cryptotracker.testkit.internal.DockerProvider;
import dev.cryptotracker.testkit.internal.PostgresServer;
import dev.cryptotracker.testkit.internal.ProviderChoice;
import dev.cryptotracker.testkit.internal.ServerProvider;
import dev.cryptotracker.testkit.internal.Slot;
import dev.cryptotracker.testkit.internal.TestkitSettings;
import dev.cryptotracker.testkit.internal.TestkitState;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * Measures, on the same servers and schema, what it costs to give a test a clean database: the testkit's reset
 * against the usual alternatives, with 0, 1, 3 and all tables written since the last reset. Prints a table of
 * medians and 95th percentiles and, last, one RESULT line. Numbers are printed, never asserted.
 */
public final class ResetBenchmark {

    private static final List<String> MIGRATIONS = List.of("classpath:db/migration", "classpath:db/benchmark");
    private static final Set<Service> BOTH = EnumSet.of(Service.POSTGRES, Service.REDIS);

    /** Tables in an order that inserts satisfy the foreign keys; children come after parents. */
    private static final List<String> TABLES = List.of("users", "tokens", "alerts", "bench_01", "bench_02",
            "bench_03", "bench_04", "bench_05", "bench_06", "bench_07", "bench_08", "bench_09", "bench_10");

    private static final Map<String, String> INSERTS = new LinkedHashMap<>();

    static {
        INSERTS.put("users", "INSERT INTO users (email, name, password_hash) VALUES ('a@example.com', 'A', 'x')");
        INSERTS.put("tokens", "INSERT INTO tokens (symbol, name) VALUES ('BTC', 'Bitcoin')");
        INSERTS.put("alerts", "INSERT INTO alerts (user_id, symbol, type, threshold)"
                + " SELECT min(id), 'BTC', 'above', 1 FROM users");
        INSERTS.put("bench_01", "INSERT INTO bench_01 (payload) VALUES ('x')");
        for (int i = 2; i <= 10; i++) {
            INSERTS.put(String.format("bench_%02d", i), String.format(
                    "INSERT INTO bench_%02d (parent_id, payload) SELECT min(id), 'x' FROM bench_%02d", i, i - 1));
        }
    }

    private static final Map<String, List<String>> DIRTY = new LinkedHashMap<>();

    static {
        DIRTY.put("0", List.of());
        DIRTY.put("1", List.of("tokens"));
        DIRTY.put("3", List.of("users", "tokens", "alerts"));
        DIRTY.put("all", TABLES);
    }

    private final int iterations;
    private final int containerIterations;
    private final List<String[]> rows = new ArrayList<>();

    private ResetBenchmark(int iterations, int containerIterations) {
        this.iterations = iterations;
        this.containerIterations = containerIterations;
    }

    public static void main(String[] args) throws Exception {
        int iterations = Integer.getInteger("benchmark.iterations", 100);
        int containerIterations = Integer.getInteger("benchmark.container-iterations", 5);
        new ResetBenchmark(iterations, containerIterations).run();
    }

    private void run() throws Exception {
        TestkitSettings settings = TestkitSettings.fromEnvironment();
        long coldStart = System.nanoTime();
        String result;
        try (TestkitState state = new TestkitState(settings, new ProviderChoice())) {
            state.ensure(BOTH, MIGRATIONS, List.of());
            state.lease(BOTH).close();
            double coldStartMs = millis(System.nanoTime() - coldStart);
            System.out.printf(Locale.ROOT, "provider %s; %d tables; %d iterations per figure%n",
                    state.runningServers().provider(), TABLES.size(), iterations);

            Slot slot = state.primary();
            DataSource db = slot.dataSource();
            RedissonClient redis = slot.redisson();

            for (var dirty : DIRTY.entrySet()) {
                List<String> tables = dirty.getValue();
                record("testkit reset (PostgreSQL + Redis)", dirty.getKey(), measure(() -> {
                    dirty(db, tables);
                    redis.getBucket("session", StringCodec.INSTANCE).set("x");
                }, () -> state.lease(BOTH).close()));
                record("testkit reset, PostgreSQL only", dirty.getKey(), measure(() -> dirty(db, tables),
                        () -> state.lease(EnumSet.of(Service.POSTGRES)).close()));
                record("TRUNCATE each table (article)", dirty.getKey(), measure(() -> dirty(db, tables),
                        () -> truncateEach(db)));
                record("one TRUNCATE of all tables", dirty.getKey(), measure(() -> dirty(db, tables),
                        () -> execute(db, "TRUNCATE " + String.join(", ", TABLES) + " RESTART IDENTITY CASCADE")));
                record("DELETE from all tables + restart ids", dirty.getKey(), measure(() -> dirty(db, tables),
                        () -> deleteAll(db)));
            }
            state.lease(BOTH).close();

            String template = state.templateJdbcUrl();
            String admin = template.replaceFirst("/([^/?]+)(\\?|$)", "/postgres$2");
            String templateName = template.replaceFirst("^.*/([^/?]+)(\\?.*)?$", "$1");
            var creds = state.primary().connectionDetails();
            double[] clone = measure(() -> { }, () -> {
                try (Connection c = DriverManager.getConnection(admin, creds.username(), creds.password());
                     Statement s = c.createStatement()) {
                    s.execute("DROP DATABASE IF EXISTS bench_clone WITH (FORCE)");
                    s.execute("CREATE DATABASE bench_clone TEMPLATE " + templateName);
                }
            });
            record("clone the template database", "any", clone);

            double[] trigger = triggerOverhead(db);

            ServerProvider provider = new ProviderChoice().choose(settings);
            double[] fresh = new double[containerIterations];
            for (int i = 0; i < containerIterations; i++) {
                long start = System.nanoTime();
                try (PostgresServer server = provider.startPostgres()) {
                    Flyway.configure().dataSource(server.jdbcUrl(), server.username(), server.password())
                            .locations(MIGRATIONS.toArray(String[]::new)).load().migrate();
                    fresh[i] = millis(System.nanoTime() - start);
                }
            }
            Arrays.sort(fresh);
            record("fresh PostgreSQL server + migrations", "any", fresh);

            String reuseStart = "n/a (provider " + provider.name() + ")";
            if ("docker".equals(provider.name())) {
                reuseStart = String.format(Locale.ROOT, "%.0f ms", reuseStartMs(settings));
            }

            printTable();
            System.out.println("reuse start (a second run finding the first run's PostgreSQL container): "
                    + reuseStart);
            System.out.printf(Locale.ROOT, "insert overhead of the dirty-marking trigger: %.1f us per statement "
                    + "(%.1f us tracked vs %.1f us untracked, median)%n", trigger[0] - trigger[1], trigger[0],
                    trigger[1]);
            System.out.printf(Locale.ROOT, "cold start (servers, migrations, first clone and reset): %.0f ms%n",
                    coldStartMs);
            result = String.format(Locale.ROOT, "RESULT reset_p50_ms=%.3f truncate_each_p50_ms=%.3f "
                            + "truncate_all_p50_ms=%.3f delete_all_p50_ms=%.3f template_clone_p50_ms=%.3f "
                            + "fresh_container_p50_ms=%.1f cold_start_ms=%.0f",
                    p50("testkit reset (PostgreSQL + Redis)", "3"), p50("TRUNCATE each table (article)", "3"),
                    p50("one TRUNCATE of all tables", "3"), p50("DELETE from all tables + restart ids", "3"),
                    percentile(clone, 50), percentile(fresh, 50), coldStartMs);
        }
        // Last, after the servers are closed, so that no log line of the shutdown comes after it.
        System.out.println(result);
    }

    /**
     * Starts a reusable PostgreSQL container, then starts it again as a second run would, and times the second
     * start. Needs Testcontainers' reuse switch, which the benchmark's pom sets for this process.
     */
    private static double reuseStartMs(TestkitSettings base) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(TestkitSettings.REUSE, "true");
        properties.put(TestkitSettings.POSTGRES_IMAGE, base.postgresImage());
        TestkitSettings settings = TestkitSettings.of(properties, System.getenv(), new java.util.Properties());
        String id;
        try (PostgresServer first = new DockerProvider(settings).startPostgres()) {
            id = first.describe().id();
        }
        try {
            long start = System.nanoTime();
            try (PostgresServer second = new DockerProvider(settings).startPostgres()) {
                double elapsed = millis(System.nanoTime() - start);
                if (!second.describe().id().equals(id)) {
                    System.out.println("warning: reuse did not find the first container (is reuse enabled?)");
                }
                return elapsed;
            }
        } finally {
            org.testcontainers.DockerClientFactory.instance().client().removeContainerCmd(id).withForce(true).exec();
        }
    }

    private interface Step {
        void run() throws Exception;
    }

    /** Runs {@code prepare} untimed, then times {@code action}; a tenth of the iterations warm up first. */
    private double[] measure(Step prepare, Step action) throws Exception {
        int warmup = Math.max(5, iterations / 10);
        double[] samples = new double[iterations];
        for (int i = 0; i < warmup + iterations; i++) {
            prepare.run();
            long start = System.nanoTime();
            action.run();
            long elapsed = System.nanoTime() - start;
            if (i >= warmup) {
                samples[i - warmup] = millis(elapsed);
            }
        }
        Arrays.sort(samples);
        return samples;
    }

    private final Map<String, double[]> results = new LinkedHashMap<>();

    private void record(String method, String dirty, double[] sortedSamples) {
        results.put(method + "|" + dirty, sortedSamples);
        rows.add(new String[] {method, dirty, String.format(Locale.ROOT, "%.3f", percentile(sortedSamples, 50)),
                String.format(Locale.ROOT, "%.3f", percentile(sortedSamples, 95))});
    }

    private double p50(String method, String dirty) {
        return percentile(results.get(method + "|" + dirty), 50);
    }

    private void printTable() {
        System.out.println();
        System.out.println("| method | dirty tables | p50 ms | p95 ms |");
        System.out.println("|---|---|---|---|");
        for (String[] row : rows) {
            System.out.println("| " + String.join(" | ", row) + " |");
        }
        System.out.println();
    }

    private static void dirty(DataSource db, List<String> tables) throws SQLException {
        if (tables.isEmpty()) {
            return;
        }
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            for (String table : TABLES) {
                if (tables.contains(table)) {
                    s.addBatch(INSERTS.get(table));
                }
            }
            s.executeBatch();
        }
    }

    private static void truncateEach(DataSource db) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            for (String table : TABLES) {
                s.execute("TRUNCATE TABLE " + table + " RESTART IDENTITY CASCADE");
            }
        }
    }

    private static void deleteAll(DataSource db) throws SQLException {
        List<String> reversed = new ArrayList<>(TABLES);
        java.util.Collections.reverse(reversed);
        StringBuilder sql = new StringBuilder();
        for (String table : reversed) {
            sql.append("DELETE FROM ").append(table).append(';');
        }
        // Like TRUNCATE ... RESTART IDENTITY, so that every method leaves the same state: ids from 1.
        sql.append("SELECT setval(pg_get_serial_sequence(t, 'id'), 1, false) FROM unnest(ARRAY['")
                .append(String.join("','", TABLES)).append("']) AS t;");
        execute(db, sql.toString());
    }

    private static void execute(DataSource db, String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Median microseconds of a one-row insert into a tracked table and into an identical untracked one. */
    private double[] triggerOverhead(DataSource db) throws Exception {
        execute(db, "CREATE TABLE IF NOT EXISTS untracked (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
                + " payload text NOT NULL)");
        double[] tracked = measure(() -> { }, () -> execute(db, "INSERT INTO bench_01 (payload) VALUES ('x')"));
        double[] untracked = measure(() -> { }, () -> execute(db, "INSERT INTO untracked (payload) VALUES ('x')"));
        execute(db, "DROP TABLE untracked");
        return new double[] {percentile(tracked, 50) * 1000, percentile(untracked, 50) * 1000};
    }

    private static double percentile(double[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }
}
