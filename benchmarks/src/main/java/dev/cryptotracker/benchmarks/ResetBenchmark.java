package dev.cryptotracker.benchmarks;

import dev.cryptotracker.testkit.ConnectionDetails;
import dev.cryptotracker.testkit.ProviderKind;
import dev.cryptotracker.testkit.Service;
import dev.cryptotracker.testkit.TestkitConfig;
import dev.cryptotracker.testkit.TestkitLease;
import dev.cryptotracker.testkit.TestkitServers;
import dev.cryptotracker.testkit.TestkitSetting;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
        TestkitConfig config = TestkitConfig.fromEnvironment().withMigrations(MIGRATIONS.toArray(String[]::new));
        long coldStart = System.nanoTime();
        String result;
        try (TestkitServers servers = TestkitServers.start(config, Service.POSTGRES, Service.REDIS)) {
            TestkitLease lease = servers.lease();
            double coldStartMs = millis(System.nanoTime() - coldStart);
            ProviderKind provider = servers.runningServers().provider();
            System.out.printf(Locale.ROOT, "provider %s; %d tables; %d iterations per figure%n", provider,
                    TABLES.size(), iterations);

            DataSource db = lease.dataSource();
            RedissonClient redis = lease.redisson();
            ConnectionDetails details = lease.connectionDetails();
            lease.close();

            for (var dirty : DIRTY.entrySet()) {
                List<String> tables = dirty.getValue();
                record("testkit reset (PostgreSQL + Redis)", dirty.getKey(), measure(() -> {
                    dirty(db, tables);
                    redis.getBucket("session", StringCodec.INSTANCE).set("x");
                }, () -> servers.lease(Service.POSTGRES, Service.REDIS).close()));
                record("testkit reset, PostgreSQL only", dirty.getKey(), measure(() -> dirty(db, tables),
                        () -> servers.lease(Service.POSTGRES).close()));
                record("TRUNCATE each table (article)", dirty.getKey(), measure(() -> dirty(db, tables),
                        () -> truncateEach(db)));
                record("one TRUNCATE of all tables", dirty.getKey(), measure(() -> dirty(db, tables),
                        () -> execute(db, "TRUNCATE " + String.join(", ", TABLES) + " RESTART IDENTITY CASCADE")));
                record("DELETE from all tables + restart ids", dirty.getKey(), measure(() -> dirty(db, tables),
                        () -> deleteAll(db)));
            }
            servers.lease().close();

            double[] clone = templateClone(details);
            record("clone the template database", "any", clone);

            double[] trigger = triggerOverhead(db);

            double[] fresh = new double[containerIterations];
            for (int i = 0; i < containerIterations; i++) {
                long start = System.nanoTime();
                try (TestkitServers own = TestkitServers.start(config.withProvider(provider), Service.POSTGRES)) {
                    fresh[i] = millis(System.nanoTime() - start);
                }
            }
            Arrays.sort(fresh);
            record("fresh PostgreSQL server + migrations", "any", fresh);

            String reuseStart = "n/a (provider " + provider + ")";
            if (provider == ProviderKind.DOCKER) {
                reuseStart = String.format(Locale.ROOT, "%.0f ms", reuseStartMs(config));
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
     * A database per test: the same migrations into a template of the benchmark's own on the same server, then
     * {@code DROP DATABASE ... WITH (FORCE)} and {@code CREATE DATABASE ... TEMPLATE} of it, timed.
     */
    private double[] templateClone(ConnectionDetails details) throws Exception {
        String admin = details.jdbcUrl().replaceFirst("/([^/?]+)(\\?|$)", "/postgres$2");
        String template = details.jdbcUrl().replaceFirst("/([^/?]+)(\\?|$)", "/bench_template$2");
        execute(admin, details, "DROP DATABASE IF EXISTS bench_template WITH (FORCE)",
                "CREATE DATABASE bench_template");
        Flyway.configure().dataSource(template, details.username(), details.password())
                .locations(MIGRATIONS.toArray(String[]::new)).load().migrate();
        try {
            return measure(() -> { }, () -> execute(admin, details, "DROP DATABASE IF EXISTS bench_clone WITH (FORCE)",
                    "CREATE DATABASE bench_clone TEMPLATE bench_template"));
        } finally {
            execute(admin, details, "DROP DATABASE IF EXISTS bench_clone WITH (FORCE)",
                    "DROP DATABASE IF EXISTS bench_template WITH (FORCE)");
        }
    }

    private static void execute(String jdbcUrl, ConnectionDetails details, String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl, details.username(), details.password());
             Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    /**
     * Starts a reusable PostgreSQL container, then starts it again as a second run would, and times the second
     * start. Needs Testcontainers' reuse switch, which the benchmark's pom sets for this process.
     */
    private static double reuseStartMs(TestkitConfig base) {
        TestkitConfig config = base.withProvider(ProviderKind.DOCKER).with(TestkitSetting.REUSE, "true");
        String id;
        try (TestkitServers first = TestkitServers.start(config, Service.POSTGRES)) {
            id = first.runningServers().postgres().id();
        }
        try {
            long start = System.nanoTime();
            try (TestkitServers second = TestkitServers.start(config, Service.POSTGRES)) {
                double elapsed = millis(System.nanoTime() - start);
                if (!second.runningServers().postgres().id().equals(id)) {
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
