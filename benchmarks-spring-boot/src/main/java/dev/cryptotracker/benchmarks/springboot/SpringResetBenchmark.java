package dev.cryptotracker.benchmarks.springboot;

import dev.cryptotracker.testkit.Service;
import dev.cryptotracker.testkit.TestkitLease;
import dev.cryptotracker.testkit.springboot.AutoConfigureTestkit;
import io.zonky.test.db.AutoConfigureEmbeddedDatabase;
import io.zonky.test.db.AutoConfigureEmbeddedDatabase.DatabaseProvider;
import io.zonky.test.db.AutoConfigureEmbeddedDatabase.RefreshMode;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.flywaydb.core.Flyway;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestContextManager;

/**
 * What a test waits for between two tests of one Spring test context, on our schema (users, tokens, alerts): the
 * testkit's reset before each test method ({@link AutoConfigureTestkit}) against zonky's refresh after each test
 * method ({@code @AutoConfigureEmbeddedDatabase(refresh = AFTER_EACH_TEST_METHOD)}, a database re-created from a
 * template). Spring's test framework runs each configuration as JUnit would: one {@link TestContextManager}, and
 * for every sample {@code beforeTestMethod}, one row written into each table (untimed; plus a Redis key for the
 * testkit), {@code afterTestMethod}. A sample is the time spent in the two listener phases. Prints a Markdown table
 * and, last, a {@code RESULT} line. Figures are read, never asserted.
 */
public final class SpringResetBenchmark {

    private static final int ITERATIONS = Integer.getInteger("benchmark.iterations", 100);
    private static final int FLYWAY_ITERATIONS = 20;

    private SpringResetBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<String> rows = new ArrayList<>();
        List<String> result = new ArrayList<>();

        Run testkit = run(TestkitBoth.class, true);
        rows.add(testkit.row("testkit reset in a Spring context (PostgreSQL + Redis)"));
        result.add("spring_reset_p50_ms=" + ms(testkit.p50()));
        result.add("spring_context_start_ms=" + testkit.startMillis);

        TestkitLease lease = testkit.context.getBean(TestkitLease.class);
        JdbcTemplate jdbc = testkit.context.getBean(JdbcTemplate.class);
        StringRedisTemplate redis = testkit.context.getBean(StringRedisTemplate.class);
        long resetAlone = median(ITERATIONS, () -> {
            writeOneRowEach(jdbc, 0);
            redis.opsForValue().set("benchmark", "dirty");
            return time(lease::reset);
        });
        rows.add("| the same reset called directly, without Spring's listeners | " + ms(resetAlone) + " | | |");
        result.add("lease_reset_p50_ms=" + ms(resetAlone));

        Flyway flyway = testkit.context.getBean(Flyway.class);
        long migrate = median(FLYWAY_ITERATIONS, () -> time(flyway::migrate));
        long validate = median(FLYWAY_ITERATIONS, () -> time(flyway::validate));

        Run postgresOnly = run(TestkitPostgres.class, false);
        rows.add(postgresOnly.row("testkit reset in a Spring context, PostgreSQL only"));
        result.add("spring_reset_postgres_p50_ms=" + ms(postgresOnly.p50()));

        Run listenersOnly = run(ZonkyNever.class, false);
        rows.add(listenersOnly.row("Spring's test listeners alone, no reset (zonky, refresh = NEVER)"));
        result.add("spring_listeners_p50_ms=" + ms(listenersOnly.p50()));

        Run zonky = run(ZonkyRefresh.class, false);
        rows.add(zonky.row("zonky refresh = AFTER_EACH_TEST_METHOD (PostgreSQL only)"));
        result.add("zonky_refresh_p50_ms=" + ms(zonky.p50()));
        result.add("zonky_context_start_ms=" + zonky.startMillis);

        System.out.println();
        System.out.println("Testkit lease: " + lease.connectionDetails());
        System.out.println(ITERATIONS + " samples each, after " + Math.max(1, ITERATIONS / 10) + " warm-up rounds.");
        System.out.println();
        System.out.println("| method | p50 ms | p95 ms | context start ms |");
        System.out.println("|---|---|---|---|");
        rows.forEach(System.out::println);
        System.out.println();
        System.out.println("Spring Boot's Flyway on an already migrated lease, medians of " + FLYWAY_ITERATIONS
                + ": migrate() " + ms(migrate) + " ms, validate() " + ms(validate) + " ms.");
        result.add("flyway_migrate_noop_ms=" + ms(migrate));
        result.add("flyway_validate_ms=" + ms(validate));
        System.out.println();
        System.out.println("RESULT " + String.join(" ", result));
        System.exit(0);
    }

    private static Run run(Class<?> testClass, boolean redis) throws Exception {
        TestContextManager manager = new TestContextManager(testClass);
        long start = System.nanoTime();
        ApplicationContext context = manager.getTestContext().getApplicationContext();
        long startMillis = (System.nanoTime() - start) / 1_000_000;
        Object instance = testClass.getDeclaredConstructor().newInstance();
        Method method = testClass.getDeclaredMethod("sample");
        manager.prepareTestInstance(instance);
        JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
        StringRedisTemplate redisTemplate = redis ? context.getBean(StringRedisTemplate.class) : null;

        int warmUp = Math.max(1, ITERATIONS / 10);
        long[] samples = new long[ITERATIONS];
        for (int i = -warmUp; i < ITERATIONS; i++) {
            long t0 = System.nanoTime();
            manager.beforeTestMethod(instance, method);
            long t1 = System.nanoTime();
            writeOneRowEach(jdbc, i);
            if (redisTemplate != null) {
                redisTemplate.opsForValue().set("benchmark:" + i, "dirty");
            }
            long t2 = System.nanoTime();
            manager.afterTestMethod(instance, method, null);
            long t3 = System.nanoTime();
            if (i >= 0) {
                samples[i] = (t1 - t0) + (t3 - t2);
            }
        }
        Arrays.sort(samples);
        return new Run(context, samples, startMillis);
    }

    private static void writeOneRowEach(JdbcTemplate jdbc, int i) {
        String email = "bench" + (i + 1_000) + "@example.org";
        jdbc.update("INSERT INTO users (email, name, password_hash) VALUES (?, 'Bench', 'x')", email);
        String symbol = "B" + (i + 1_000);
        jdbc.update("INSERT INTO tokens (symbol, name) VALUES (?, 'Bench')", symbol);
        jdbc.update("INSERT INTO alerts (user_id, symbol, type, threshold) "
                + "SELECT id, ?, 'above', 1 FROM users WHERE email = ?", symbol, email);
    }

    private static long time(Runnable action) {
        long start = System.nanoTime();
        action.run();
        return System.nanoTime() - start;
    }

    private static long median(int count, LongSupplier sample) {
        long[] samples = new long[count];
        for (int i = 0; i < count; i++) {
            samples[i] = sample.getAsLong();
        }
        Arrays.sort(samples);
        return samples[count / 2];
    }

    private static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1_000_000.0);
    }

    private record Run(ApplicationContext context, long[] sorted, long startMillis) {
        long p50() {
            return sorted[sorted.length / 2];
        }

        long p95() {
            return sorted[(int) Math.ceil(sorted.length * 0.95) - 1];
        }

        String row(String method) {
            return "| " + method + " | " + ms(p50()) + " | " + ms(p95()) + " | " + startMillis + " |";
        }
    }

    @SpringBootTest(classes = BenchmarkApplication.class)
    @AutoConfigureTestkit
    static class TestkitBoth {
        void sample() {
        }
    }

    @SpringBootTest(classes = BenchmarkApplication.class)
    @AutoConfigureTestkit(Service.POSTGRES)
    static class TestkitPostgres {
        void sample() {
        }
    }

    /** A property of its own: zonky's context cache key does not tell refresh modes apart. */
    @SpringBootTest(classes = BenchmarkApplication.class, properties = "benchmark.refresh=never")
    @AutoConfigureEmbeddedDatabase(provider = DatabaseProvider.ZONKY, refresh = RefreshMode.NEVER)
    static class ZonkyNever {
        void sample() {
        }
    }

    @SpringBootTest(classes = BenchmarkApplication.class)
    @AutoConfigureEmbeddedDatabase(provider = DatabaseProvider.ZONKY, refresh = RefreshMode.AFTER_EACH_TEST_METHOD)
    static class ZonkyRefresh {
        void sample() {
        }
    }
}
