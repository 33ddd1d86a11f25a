package dev.cryptotracker.benchmarks;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Image;
import dev.cryptotracker.testkit.ConnectionDetails;
import dev.cryptotracker.testkit.ProviderKind;
import dev.cryptotracker.testkit.Service;
import dev.cryptotracker.testkit.TemplateBuild;
import dev.cryptotracker.testkit.TestkitConfig;
import dev.cryptotracker.testkit.TestkitLease;
import dev.cryptotracker.testkit.TestkitServers;
import dev.cryptotracker.testkit.TestkitSetting;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.testcontainers.DockerClientFactory;
import redis.clients.jedis.Jedis;

/**
 * Measures, on the same servers, what it costs to give a test a clean database: the testkit's reset against the
 * usual alternatives, on our 13-table schema and on generated schemas of 100 and 500 tables (three schemas,
 * foreign-key chains, identity and serial columns, partitioned tables, 200-odd migrations); and, in JVMs of their
 * own, how long the first test of a run waits, with the template cache cold and warm. Prints tables of medians and
 * 95th percentiles, writes an SVG chart and, last, one RESULT line. Numbers are printed, never asserted.
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

    static final String RESET = "testkit reset (PostgreSQL + Redis)";
    static final String PG_ONLY = "testkit reset, PostgreSQL only";
    static final String TRUNCATE_EACH = "TRUNCATE each table (article)";
    static final String TRUNCATE_ALL = "one TRUNCATE of all tables";
    static final String DELETE_ALL = "DELETE from all tables + restart ids";
    static final String CLONE = "clone the template database";
    static final String FRESH = "fresh PostgreSQL server + migrations";

    private final int iterations;
    private final int slowIterations;
    private final int containerIterations;
    private final int firstTestRuns;
    private final List<Integer> sizes;
    private final Path chartDirectory;
    private final List<String[]> rows = new ArrayList<>();
    private final List<String[]> largeRows = new ArrayList<>();
    private final Map<String, double[]> results = new LinkedHashMap<>();
    private final Map<Integer, SchemaFacts> facts = new LinkedHashMap<>();

    /** What was measured once per schema size. */
    private record SchemaFacts(int tables, int migrations, double coldStartMs, long migrateMs, long installMs) {
    }

    private ResetBenchmark(int iterations, int slowIterations, int containerIterations, int firstTestRuns,
                           List<Integer> sizes, Path chartDirectory) {
        this.iterations = iterations;
        this.slowIterations = slowIterations;
        this.containerIterations = containerIterations;
        this.firstTestRuns = firstTestRuns;
        this.sizes = sizes;
        this.chartDirectory = chartDirectory;
    }

    public static void main(String[] args) throws Exception {
        int iterations = Integer.getInteger("benchmark.iterations", 100);
        int slowIterations = Integer.getInteger("benchmark.slow-iterations", Math.max(5, iterations / 5));
        int containerIterations = Integer.getInteger("benchmark.container-iterations", 5);
        int firstTestRuns = Integer.getInteger("benchmark.first-test-runs", 5);
        List<Integer> sizes = Arrays.stream(System.getProperty("benchmark.sizes", "100,500").split(","))
                .map(String::trim).filter(size -> !size.isEmpty()).map(Integer::valueOf).toList();
        Path charts = Path.of(System.getProperty("benchmark.chart-directory", "."));
        new ResetBenchmark(iterations, slowIterations, containerIterations, firstTestRuns, sizes, charts).run();
    }

    private void run() throws Exception {
        String loadBefore = load();
        Path work = Files.createTempDirectory("reset-benchmark-");
        try {
            run(work, loadBefore);
        } finally {
            deleteRecursively(work);
        }
    }

    private void run(Path work, String loadBefore) throws Exception {
        // The template cache would turn every start after the first into a copy: the figures of this JVM are of
        // servers that migrate. What the cache does for a first test is measured in JVMs of their own below.
        TestkitConfig base = TestkitConfig.fromEnvironment().with(TestkitSetting.CACHE, "false");
        TestkitConfig config = base.withMigrations(MIGRATIONS.toArray(String[]::new));
        long coldStart = System.nanoTime();
        ProviderKind provider;
        double coldStartMs;
        double[] trigger;
        String reuseStart;
        try (TestkitServers servers = TestkitServers.start(config, Service.POSTGRES, Service.REDIS)) {
            TestkitLease lease = servers.lease();
            coldStartMs = millis(System.nanoTime() - coldStart);
            TemplateBuild build = servers.templateBuild().orElseThrow();
            facts.put(TABLES.size(), new SchemaFacts(TABLES.size(), build.migrationsApplied(), coldStartMs,
                    build.migrationTime().toMillis(), build.installTime().toMillis()));
            provider = servers.runningServers().provider();
            System.out.printf(Locale.ROOT, "provider %s; %d iterations per figure (%d for operations of 10 ms or "
                    + "more); schemas of %d and %s tables%n", provider, iterations, slowIterations, TABLES.size(),
                    sizes);

            DataSource db = lease.dataSource();
            ConnectionDetails details = lease.connectionDetails();
            // The test's Redis key goes over a plain synchronous connection: a Redisson client's I/O threads would
            // still be busy with its answer when the timer starts, which is the client's cost, not the reset's.
            Jedis redis = new Jedis(URI.create(details.redisUri()));
            lease.close();

            for (var dirty : DIRTY.entrySet()) {
                List<String> tables = dirty.getValue();
                double[][] resets = measureAlternately(iterations, new Timed(() -> {
                    dirty(db, tables);
                    redis.set("session", "x");
                }, () -> servers.lease(Service.POSTGRES, Service.REDIS).close()), new Timed(() -> dirty(db, tables),
                        () -> servers.lease(Service.POSTGRES).close()));
                record(RESET, dirty.getKey(), resets[0]);
                record(PG_ONLY, dirty.getKey(), resets[1]);
                record(TRUNCATE_EACH, dirty.getKey(), measure(iterations, () -> dirty(db, tables),
                        () -> truncateEach(db)));
                record(TRUNCATE_ALL, dirty.getKey(), measure(iterations, () -> dirty(db, tables),
                        () -> execute(db, "TRUNCATE " + String.join(", ", TABLES) + " RESTART IDENTITY CASCADE")));
                record(DELETE_ALL, dirty.getKey(), measure(iterations, () -> dirty(db, tables),
                        () -> deleteAll(db)));
            }
            redis.close();
            servers.lease().close();
            results.put(RESET + "|" + TABLES.size() + "|3", results.get(RESET + "|3"));
            results.put(PG_ONLY + "|" + TABLES.size() + "|3", results.get(PG_ONLY + "|3"));
            results.put(TRUNCATE_ALL + "|" + TABLES.size() + "|3", results.get(TRUNCATE_ALL + "|3"));

            double[] clone = templateClone(details, iterations);
            record(CLONE, "any", clone);
            results.put(CLONE + "|" + TABLES.size() + "|any", clone);

            trigger = triggerOverhead(db);

            double[] fresh = new double[containerIterations];
            for (int i = 0; i < containerIterations; i++) {
                long start = System.nanoTime();
                try (TestkitServers own = TestkitServers.start(config.withProvider(provider), Service.POSTGRES)) {
                    fresh[i] = millis(System.nanoTime() - start);
                }
            }
            Arrays.sort(fresh);
            record(FRESH, "any", fresh);

            reuseStart = "n/a (provider " + provider + ")";
            if (provider == ProviderKind.DOCKER) {
                try {
                    reuseStart = String.format(Locale.ROOT, "%.0f ms", reuseStartMs(config));
                } catch (RuntimeException e) {
                    // Reported, not hidden: the figure is missing from this run, and says why.
                    reuseStart = "failed: " + e.getMessage() + (e.getCause() == null ? ""
                            : " (" + e.getCause().getMessage().lines().findFirst().orElse("") + ")");
                }
            }
        }

        for (int size : sizes) {
            measureGenerated(base, GeneratedSchema.write(work, size, null));
        }

        FirstTests firstTests = new FirstTests(provider, base, work);
        firstTests.measure("project", projectSettings(), firstTestRuns);
        if (sizes.contains(500)) {
            GeneratedSchema large = GeneratedSchema.write(work.resolve("first-test"), 500, null);
            firstTests.measure("500 tables", generatedSettings(large), Math.max(2, firstTestRuns / 2));
        }
        firstTests.removeImagesOfColdRuns();

        String result = report(provider, coldStartMs, trigger, reuseStart, firstTests);
        System.out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cores, load average "
                + loadBefore + " at the start and " + load() + " at the end (1, 5, 15 minutes)");
        // Last, after the servers are closed, so that no log line of the shutdown comes after it.
        System.out.println(result);
    }

    private static List<String> projectSettings() {
        return List.of("-Dtestkit.migrations=" + String.join(",", MIGRATIONS));
    }

    private static List<String> generatedSettings(GeneratedSchema schema) {
        return List.of("-Dtestkit.migrations=" + schema.location(),
                "-Dtestkit.schemas=" + String.join(",", GeneratedSchema.SCHEMAS),
                "-Dtestkit.reference-tables=" + String.join(",", GeneratedSchema.REFERENCE_TABLES));
    }

    /** Resets with 0, 3 and 50 dirty tables, one TRUNCATE of all tables and a clone, on a generated schema. */
    private void measureGenerated(TestkitConfig base, GeneratedSchema schema) throws Exception {
        int size = schema.tables().size();
        TestkitConfig config = base.withMigrations(schema.location())
                .withSchemas(GeneratedSchema.SCHEMAS.toArray(String[]::new))
                .withReferenceTables(GeneratedSchema.REFERENCE_TABLES.toArray(String[]::new));
        System.out.printf(Locale.ROOT, "%d tables in %d migrations: starting and migrating ...%n", size,
                schema.migrations());
        long start = System.nanoTime();
        try (TestkitServers servers = TestkitServers.start(config, Service.POSTGRES, Service.REDIS)) {
            TestkitLease lease = servers.lease();
            double coldStartMs = millis(System.nanoTime() - start);
            TemplateBuild build = servers.templateBuild().orElseThrow();
            facts.put(size, new SchemaFacts(size, schema.migrations(), coldStartMs, build.migrationTime().toMillis(),
                    build.installTime().toMillis()));
            DataSource db = lease.dataSource();
            ConnectionDetails details = lease.connectionDetails();
            // The test's Redis key goes over a plain synchronous connection: a Redisson client's I/O threads would
            // still be busy with its answer when the timer starts, which is the client's cost, not the reset's.
            Jedis redis = new Jedis(URI.create(details.redisUri()));
            lease.close();
            List<String> writable = schema.writable();
            Map<String, List<String>> dirtySets = new LinkedHashMap<>();
            dirtySets.put("0", List.of());
            dirtySets.put("3", List.of(writable.get(0), writable.get(1), writable.get(2)));
            List<String> fifty = new ArrayList<>();
            for (int i = 0; fifty.size() < Math.min(50, writable.size()); i += Math.max(1, writable.size() / 50)) {
                fifty.add(writable.get(i));
            }
            dirtySets.put("50", fifty);
            String truncateAll = "TRUNCATE " + String.join(", ", schema.tables()) + " RESTART IDENTITY CASCADE";
            for (var dirty : dirtySets.entrySet()) {
                List<String> inserts = dirty.getValue().stream().map(GeneratedSchema::insert).toList();
                double[][] resets = measureAlternately(iterations, new Timed(() -> {
                    batch(db, inserts);
                    redis.set("session", "x");
                }, () -> servers.lease(Service.POSTGRES, Service.REDIS).close()), new Timed(() -> batch(db, inserts),
                        () -> servers.lease(Service.POSTGRES).close()));
                recordLarge(RESET, size, dirty.getKey(), resets[0]);
                recordLarge(PG_ONLY, size, dirty.getKey(), resets[1]);
                recordLarge(TRUNCATE_ALL, size, dirty.getKey(), measure(slowIterations, () -> batch(db, inserts),
                        () -> execute(db, truncateAll)));
            }
            redis.close();
            servers.lease().close();
            recordLarge(CLONE, size, "any", templateClone(details, slowIterations));
        }
    }

    /** How long a first test waits, in fresh JVMs, with the template cache cold and warm. */
    private final class FirstTests {

        /** The JVM option that makes the test JVM compile with C1 only, as the README's Failsafe sets it. */
        static final String C1_ONLY = "-XX:TieredStopAtLevel=1";

        private final ProviderKind provider;
        private final TestkitConfig base;
        private final Path work;
        private final Set<String> imagesBefore;
        /** Each schema's runs in milliseconds, sorted: cold, warm with default options, warm with C1 only. */
        private final Map<String, double[]> cold = new LinkedHashMap<>();
        private final Map<String, double[]> warm = new LinkedHashMap<>();
        private final Map<String, double[]> warmC1 = new LinkedHashMap<>();

        FirstTests(ProviderKind provider, TestkitConfig base, Path work) {
            this.provider = provider;
            this.base = base;
            this.work = work;
            this.imagesBefore = provider == ProviderKind.DOCKER ? cacheImages() : Set.of();
        }

        /**
         * Runs JVMs whose cache is cold (a cache directory of their own with the embedded provider; a migration of
         * their own, so a key no image has, with Docker), then JVMs that find the last one's template cached: by
         * turns one with the JVM's default options and one compiling with C1 only ({@value #C1_ONLY}, as the
         * README's and the archetype's Failsafe run tests), so that both series see the same machine. The times are
         * kept under the schema's name.
         */
        void measure(String name, List<String> settings, int runs) throws Exception {
            int coldRuns = Math.max(1, (runs + 1) / 2);
            double[] coldTimes = new double[coldRuns];
            List<String> last = null;
            for (int i = 0; i < coldRuns; i++) {
                last = coldSettings(settings);
                coldTimes[i] = run(List.of(), last);
            }
            double[] warmTimes = new double[runs];
            double[] c1Times = new double[runs];
            for (int i = 0; i < runs; i++) {
                warmTimes[i] = run(List.of(), last);
                c1Times[i] = run(List.of(C1_ONLY), last);
            }
            Arrays.sort(coldTimes);
            Arrays.sort(warmTimes);
            Arrays.sort(c1Times);
            cold.put(name, coldTimes);
            warm.put(name, warmTimes);
            warmC1.put(name, c1Times);
            System.out.printf(Locale.ROOT, "first test (%s, %s): cold %s ms, warm %s ms; warm with %s %s ms%n", name,
                    provider, list(coldTimes), list(warmTimes), C1_ONLY, list(c1Times));
        }

        private List<String> coldSettings(List<String> settings) throws IOException {
            List<String> options = new ArrayList<>(settings);
            String run = UUID.randomUUID().toString();
            if (provider == ProviderKind.DOCKER) {
                Path extra = Files.createDirectories(work.resolve("run-" + run));
                Files.writeString(extra.resolve("V9999__first_test_run.sql"), "SELECT 1; -- run " + run + "\n",
                        StandardCharsets.UTF_8);
                int at = indexOf(options, "-Dtestkit.migrations=");
                options.set(at, options.get(at) + ",filesystem:" + extra.toAbsolutePath());
            } else {
                options.add("-Dtestkit.cache.directory=" + Files.createDirectories(work.resolve("cache-" + run)));
            }
            return options;
        }

        private double run(List<String> jvmOptions, List<String> settings) throws Exception {
            String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
            List<String> command = new ArrayList<>(List.of(java));
            command.addAll(jvmOptions);
            command.add("-Dtestkit.provider=" + provider.configValue());
            command.addAll(settings);
            base.value(TestkitSetting.POSTGRES_IMAGE).ifPresent(image -> command.add("-Dtestkit.postgres.image="
                    + image));
            base.value(TestkitSetting.REDIS_IMAGE).ifPresent(image -> command.add("-Dtestkit.redis.image=" + image));
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), FirstTestJvm.class.getName()));
            Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!child.waitFor(10, TimeUnit.MINUTES) || child.exitValue() != 0) {
                throw new IllegalStateException("the first-test JVM failed:\n" + output);
            }
            Matcher time = Pattern.compile("FIRST_TEST_MS (\\d+)").matcher(output);
            if (!time.find()) {
                throw new IllegalStateException("the first-test JVM printed no time:\n" + output);
            }
            return Double.parseDouble(time.group(1));
        }

        /** The images the cold Docker runs committed: each has a key no later run will ask for. */
        void removeImagesOfColdRuns() {
            if (provider != ProviderKind.DOCKER) {
                return;
            }
            DockerClient docker = DockerClientFactory.instance().client();
            for (String id : cacheImages()) {
                if (!imagesBefore.contains(id)) {
                    try {
                        docker.removeImageCmd(id).withForce(true).exec();
                    } catch (RuntimeException e) {
                        System.out.println("could not remove the cached image " + id + ": " + e.getMessage());
                    }
                }
            }
        }

        private Set<String> cacheImages() {
            Set<String> ids = new HashSet<>();
            for (Image image : DockerClientFactory.instance().client().listImagesCmd()
                    .withLabelFilter(Map.of("dev.cryptotracker.testkit.template-cache", "true")).exec()) {
                ids.add(image.getId());
            }
            return ids;
        }
    }

    /** The machine's load average, where the system says (Linux), for reading the figures of a shared machine. */
    private static String load() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (var paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Collections.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static int indexOf(List<String> options, String prefix) {
        for (int i = 0; i < options.size(); i++) {
            if (options.get(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no " + prefix + " among " + options);
    }

    private String report(ProviderKind provider, double coldStartMs, double[] trigger, String reuseStart,
                          FirstTests firstTests) throws IOException {
        System.out.println();
        System.out.println("13 tables:");
        printTable("| method | dirty tables | p50 ms | p95 ms |", rows);
        System.out.println(sizes + " tables:");
        printTable("| method | tables | dirty tables | p50 ms | p95 ms |", largeRows);

        List<Integer> all = new ArrayList<>(facts.keySet());
        System.out.println("How cost grows with the schema (3 dirty tables; p50 ms):");
        List<String[]> growth = new ArrayList<>();
        for (int size : all) {
            SchemaFacts f = facts.get(size);
            growth.add(new String[] {String.valueOf(size), String.valueOf(f.migrations()),
                    ms(p50(RESET + "|" + size + "|3")), ms(p50(PG_ONLY + "|" + size + "|3")),
                    ms(p50(TRUNCATE_ALL + "|" + size + "|3")), ms(p50(CLONE + "|" + size + "|any")),
                    String.valueOf(f.installMs()), String.valueOf(f.migrateMs()),
                    String.format(Locale.ROOT, "%.0f", f.coldStartMs())});
        }
        printTable("| tables | migrations | testkit reset | PostgreSQL only | one TRUNCATE of all | clone | install "
                + "tracking ms | migrations ms | cold start ms |", growth);
        int largest = all.get(all.size() - 1);
        System.out.println("How cost grows with what was written (" + largest + " tables; p50 ms):");
        List<String[]> byDirty = new ArrayList<>();
        for (String dirty : List.of("0", "3", "50")) {
            byDirty.add(new String[] {dirty, ms(p50(RESET + "|" + largest + "|" + dirty)),
                    ms(p50(PG_ONLY + "|" + largest + "|" + dirty)),
                    ms(p50(TRUNCATE_ALL + "|" + largest + "|" + dirty))});
        }
        printTable("| dirty tables | testkit reset | PostgreSQL only | one TRUNCATE of all |", byDirty);

        System.out.println("reuse start (a second run finding the first run's PostgreSQL container): " + reuseStart);
        System.out.printf(Locale.ROOT, "insert overhead of the dirty-marking trigger: %.1f us per statement "
                + "(%.1f us tracked vs %.1f us untracked, median)%n", trigger[0] - trigger[1], trigger[0],
                trigger[1]);
        System.out.printf(Locale.ROOT, "cold start (servers, migrations, first clone and reset, cache off): "
                + "%.0f ms%n", coldStartMs);

        double[] cold = firstTests.cold.get("project");
        double reset500 = p50(RESET + "|500|3");
        double truncate500 = p50(TRUNCATE_ALL + "|500|3");
        double pgOnly = p50(PG_ONLY + "|3");
        double firstWarm = percentile(firstTests.warm.get("project"), 50);
        double firstCold = percentile(cold, 50);
        double firstWarmC1 = percentile(firstTests.warmC1.get("project"), 50);
        double warmGoal = provider == ProviderKind.DOCKER ? 2000 : 1000;
        System.out.println();
        System.out.println("Goals (read here, never asserted):");
        goal("reset at 500 tables, 3 dirty, p50 <= 0.5 ms", reset500, reset500 <= 0.5);
        goal("one TRUNCATE of all 500 tables / testkit reset >= 100", truncate500 / reset500,
                truncate500 / reset500 >= 100);
        goal("PostgreSQL + Redis / PostgreSQL only <= 1.2 (13 tables, 3 dirty)", p50(RESET + "|3") / pgOnly,
                p50(RESET + "|3") / pgOnly <= 1.2);
        goal("PostgreSQL + Redis / PostgreSQL only <= 1.2 (500 tables, 3 dirty)",
                reset500 / p50(PG_ONLY + "|500|3"), reset500 / p50(PG_ONLY + "|500|3") <= 1.2);
        goal("first test, warm cache, p50 <= " + (int) warmGoal + " ms", firstWarm, firstWarm <= warmGoal);
        goal("first test, warm cache, test JVM with " + FirstTests.C1_ONLY + ", p50 <= " + (int) warmGoal + " ms",
                firstWarmC1, firstWarmC1 <= warmGoal);
        if (provider == ProviderKind.EMBEDDED) {
            goal("first test, cold cache, p50 <= 4000 ms", firstCold, firstCold <= 4000);
        }

        writeChart(provider, largest);

        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "RESULT reset_p50_ms=%.3f "
                        + "truncate_each_p50_ms=%.3f truncate_all_p50_ms=%.3f delete_all_p50_ms=%.3f "
                        + "template_clone_p50_ms=%.3f fresh_container_p50_ms=%.1f cold_start_ms=%.0f",
                p50(RESET + "|3"), p50(TRUNCATE_EACH + "|3"), p50(TRUNCATE_ALL + "|3"), p50(DELETE_ALL + "|3"),
                p50(CLONE + "|any"), p50(FRESH + "|any"), coldStartMs));
        line.append(String.format(Locale.ROOT, " pg_only_p50_ms=%.3f", pgOnly));
        if (results.containsKey(RESET + "|500|3")) {
            line.append(String.format(Locale.ROOT, " reset_500_p50_ms=%.3f reset_500_pg_only_p50_ms=%.3f "
                            + "reset_500_dirty50_p50_ms=%.3f truncate_all_500_p50_ms=%.3f "
                            + "template_clone_500_p50_ms=%.1f track_500_ms=%d cold_start_500_ms=%.0f",
                    reset500, p50(PG_ONLY + "|500|3"), p50(RESET + "|500|50"), truncate500,
                    p50(CLONE + "|500|any"), facts.get(500).installMs(), facts.get(500).coldStartMs()));
        }
        line.append(String.format(Locale.ROOT, " first_test_warm_ms=%.0f first_test_warm_c1_ms=%.0f "
                + "first_test_cold_ms=%.0f", firstWarm, firstWarmC1, firstCold));
        if (firstTests.warm.containsKey("500 tables")) {
            line.append(String.format(Locale.ROOT, " first_test_warm_500_ms=%.0f first_test_warm_c1_500_ms=%.0f "
                            + "first_test_cold_500_ms=%.0f", percentile(firstTests.warm.get("500 tables"), 50),
                    percentile(firstTests.warmC1.get("500 tables"), 50),
                    percentile(firstTests.cold.get("500 tables"), 50)));
        }
        return line.toString();
    }

    private static void goal(String what, double value, boolean holds) {
        System.out.printf(Locale.ROOT, "- %s: %s (%s)%n", what, Chart.format(value), holds ? "holds" : "MISSED");
    }

    private void writeChart(ProviderKind provider, int largest) throws IOException {
        Map<String, Map<String, Double>> byDirty = new LinkedHashMap<>();
        for (String dirty : List.of("0", "3", "50")) {
            Map<String, Double> series = new LinkedHashMap<>();
            series.put(RESET, p50(RESET + "|" + largest + "|" + dirty));
            series.put(PG_ONLY, p50(PG_ONLY + "|" + largest + "|" + dirty));
            series.put(TRUNCATE_ALL, p50(TRUNCATE_ALL + "|" + largest + "|" + dirty));
            series.put(CLONE, p50(CLONE + "|" + largest + "|any"));
            byDirty.put(dirty + " dirty", series);
        }
        Map<String, Map<String, Double>> bySize = new LinkedHashMap<>();
        for (String method : List.of(RESET, PG_ONLY, TRUNCATE_ALL, CLONE)) {
            Map<String, Double> values = new LinkedHashMap<>();
            for (int size : facts.keySet()) {
                values.put(size + " tables", p50(method + "|" + size + "|" + (method.equals(CLONE) ? "any" : "3")));
            }
            bySize.put(method, values);
        }
        String svg = new Chart("Giving a test a clean database, " + provider.configValue() + " provider (p50)")
                .bars("Reset methods at " + largest + " tables, by tables written", byDirty)
                .lines("Cost against schema size (3 tables written)", bySize)
                .render();
        Files.createDirectories(chartDirectory);
        Path file = chartDirectory.resolve("reset-" + provider.configValue() + ".svg");
        Files.writeString(file, svg, StandardCharsets.UTF_8);
        System.out.println("chart: " + file.toAbsolutePath().normalize());
    }

    /**
     * A database per test: {@code DROP DATABASE ... WITH (FORCE)} and {@code CREATE DATABASE ... TEMPLATE} of the
     * testkit's own migrated template (nothing stays connected to it), timed.
     */
    private double[] templateClone(ConnectionDetails details, int samples) throws Exception {
        String template = details.jdbcUrl().replaceFirst(".*/([^/?]+)(\\?.*)?$", "$1").replaceFirst("_\\d+$", "");
        String admin = details.jdbcUrl().replaceFirst("/([^/?]+)(\\?|$)", "/postgres$2");
        try {
            return measure(samples, () -> { }, () -> execute(admin, details,
                    "DROP DATABASE IF EXISTS bench_clone WITH (FORCE)",
                    "CREATE DATABASE bench_clone TEMPLATE " + template));
        } finally {
            execute(admin, details, "DROP DATABASE IF EXISTS bench_clone WITH (FORCE)");
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
            DockerClientFactory.instance().client().removeContainerCmd(id).withForce(true).exec();
        }
    }

    private interface Step {
        void run() throws Exception;
    }

    /** Runs {@code prepare} untimed, then times {@code action}; a tenth of the samples warm up first. */
    private static double[] measure(int samples, Step prepare, Step action) throws Exception {
        return measureAlternately(samples, new Timed(prepare, action))[0];
    }

    /**
     * Like {@link #measure}, for methods that are compared with each other: their samples alternate, so that
     * whatever else the machine does while they run (a JIT compilation, a checkpoint, another process) weighs on all
     * alike instead of on whichever ran first.
     *
     * @return each method's samples, sorted, in the order given
     */
    private static double[][] measureAlternately(int samples, Timed... methods) throws Exception {
        int warmup = Math.max(3, samples / 10);
        double[][] times = new double[methods.length][samples];
        for (int i = 0; i < warmup + samples; i++) {
            for (int method = 0; method < methods.length; method++) {
                methods[method].prepare().run();
                long start = System.nanoTime();
                methods[method].action().run();
                long elapsed = System.nanoTime() - start;
                if (i >= warmup) {
                    times[method][i - warmup] = millis(elapsed);
                }
            }
        }
        for (double[] method : times) {
            Arrays.sort(method);
        }
        return times;
    }

    /** What to run untimed before each sample, and what to time. */
    private record Timed(Step prepare, Step action) {
    }

    private void record(String method, String dirty, double[] sortedSamples) {
        results.put(method + "|" + dirty, sortedSamples);
        rows.add(new String[] {method, dirty, ms(percentile(sortedSamples, 50)), ms(percentile(sortedSamples, 95))});
    }

    private void recordLarge(String method, int size, String dirty, double[] sortedSamples) {
        results.put(method + "|" + size + "|" + dirty, sortedSamples);
        largeRows.add(new String[] {method, String.valueOf(size), dirty, ms(percentile(sortedSamples, 50)),
                ms(percentile(sortedSamples, 95))});
    }

    private double p50(String key) {
        double[] samples = results.get(key);
        return samples == null ? Double.NaN : percentile(samples, 50);
    }

    private static String ms(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }

    private static String list(double[] values) {
        List<String> text = new ArrayList<>();
        for (double value : values) {
            text.add(String.format(Locale.ROOT, "%.0f", value));
        }
        return String.join(", ", text);
    }

    private static void printTable(String header, List<String[]> table) {
        System.out.println();
        System.out.println(header);
        System.out.println(header.replaceAll("[^|]+", "---"));
        for (String[] row : table) {
            System.out.println("| " + String.join(" | ", row) + " |");
        }
        System.out.println();
    }

    private static void dirty(DataSource db, List<String> tables) throws SQLException {
        if (tables.isEmpty()) {
            return;
        }
        List<String> inserts = new ArrayList<>();
        for (String table : TABLES) {
            if (tables.contains(table)) {
                inserts.add(INSERTS.get(table));
            }
        }
        batch(db, inserts);
    }

    private static void batch(DataSource db, List<String> statements) throws SQLException {
        if (statements.isEmpty()) {
            return;
        }
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.addBatch(sql);
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
        Collections.reverse(reversed);
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
        double[] tracked = measure(iterations, () -> { }, () -> execute(db,
                "INSERT INTO bench_01 (payload) VALUES ('x')"));
        double[] untracked = measure(iterations, () -> { }, () -> execute(db,
                "INSERT INTO untracked (payload) VALUES ('x')"));
        execute(db, "DROP TABLE untracked");
        return new double[] {percentile(tracked, 50) * 1000, percentile(untracked, 50) * 1000};
    }

    static double percentile(double[] sorted, int p) {
        if (sorted == null || sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }
}
