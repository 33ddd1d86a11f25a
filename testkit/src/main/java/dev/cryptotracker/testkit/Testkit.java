package dev.cryptotracker.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives a test class a real PostgreSQL and a real Redis, each started at most once per JVM (lazily, on the first
 * class that needs it, both at once when a class needs both), migrated once with Flyway, and clean before every
 * test: every table of the migrated schemas emptied with identity sequences restarted (Flyway's history and
 * reference tables kept), and the testkit's Redis database flushed.
 *
 * <p>Test constructors, lifecycle methods and test methods can declare parameters of these types:
 * {@link javax.sql.DataSource} (a HikariCP pool), {@link org.jooq.DSLContext} (with {@code org.jooq:jooq} on the
 * test classpath), {@link org.redisson.api.RedissonClient} (with {@code org.redisson:redisson}),
 * {@link ConnectionDetails}, {@link DatabaseHelper} and {@link RunningServers}. Any other type fails with a message
 * that lists these.
 *
 * <p>The second repetition below fails if anything the first one wrote survived, or if the genres that a migration
 * inserted did not (the project declares {@code testkit.reference-tables=genres} in {@code testkit.properties}):
 *
 * <pre>{@code
 * @Testkit
 * class QuickStartIT {
 *
 *     @RepeatedTest(2)
 *     void startsEveryTestCleanButKeepsTheGenres(DataSource dataSource, DatabaseHelper db, RedissonClient redis) {
 *         assertThat(db.rowCount("books")).isZero();
 *         assertThat(db.rowCount("genres")).isEqualTo(4);
 *         assertThat(redis.getKeys().count()).isZero();
 *
 *         BookCatalog catalog = new BookCatalog(dataSource);
 *         catalog.addBook("978-0-14-044913-6", "Crime and Punishment", catalog.addAuthor("Dostoevsky"), "fiction");
 *         redis.getBucket("last-added").set("978-0-14-044913-6");
 *     }
 * }
 * }</pre>
 *
 * <p>A class that needs only one server says so, and only that server is started and reset for it:
 * {@code @Testkit(Service.POSTGRES)} or {@code @Testkit(Service.REDIS)}. Asking such a class for a parameter of
 * the other server fails with a {@link org.junit.jupiter.api.extension.ParameterResolutionException}.
 *
 * <p>Settings (provider, images, migration locations, schemas, reference tables, pool size, leak detection, startup
 * timeout; every one is listed in {@link TestkitSetting}) are read from system properties
 * ({@code -Dtestkit.reference-tables=genres}), then environment variables ({@code TESTKIT_REFERENCE_TABLES=genres}),
 * then a {@code testkit.properties} file on the test classpath, and checked before any server starts. The
 * {@link #migrations()} and {@link #referenceTables()} attributes, where set, take precedence over all three.
 * Migrations run once per JVM, so every class of one test JVM must agree on migrations and reference tables.
 *
 * <p>The annotation is a thin layer over {@link TestkitServers}, which works without JUnit: every class in a JVM
 * shares {@link TestkitServers#shared(TestkitConfig) its shared servers}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(TestkitExtension.class)
public @interface Testkit {

    /**
     * The servers this class needs; only these are started for it.
     *
     * @return the services, by default PostgreSQL and Redis
     */
    Service[] value() default {Service.POSTGRES, Service.REDIS};

    /**
     * Flyway locations to migrate from, such as {@code classpath:db/migration}. Empty means the configured
     * {@code testkit.migrations}, by default {@code classpath:db/migration}. Migrations run once per JVM, so every
     * class in one JVM must agree on them.
     *
     * @return the Flyway locations
     */
    String[] migrations() default {};

    /**
     * Tables whose rows, as the migrations left them, survive every reset (reference data). Names may be
     * schema-qualified. Empty means the configured {@code testkit.reference-tables}.
     *
     * @return the reference tables
     */
    String[] referenceTables() default {};
}
