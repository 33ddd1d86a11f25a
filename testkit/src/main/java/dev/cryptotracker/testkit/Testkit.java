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
 * {@link javax.sql.DataSource} (a HikariCP pool), {@link org.jooq.DSLContext}, {@link org.redisson.api.RedissonClient},
 * {@link ConnectionDetails}, {@link DatabaseHelper} and {@link RunningServers}.
 *
 * <pre>{@code
 * @Testkit
 * class AlertRepositoryIT {
 *
 *     @Test
 *     void insertedRowIsCounted(DSLContext sql, DatabaseHelper db) {
 *         sql.execute("INSERT INTO tokens (symbol, name) VALUES ('BTC', 'Bitcoin')");
 *         assertThat(db.rowCount("tokens")).isEqualTo(1);
 *     }
 *
 *     @Test
 *     void startsEveryTestClean(DatabaseHelper db, RedissonClient redis) {
 *         assertThat(db.rowCount("tokens")).isZero();
 *         assertThat(redis.getKeys().count()).isZero();
 *     }
 * }
 * }</pre>
 *
 * <p>Settings (provider, images, migration locations, schemas, reference tables, pool size) come from system
 * properties, environment variables or a {@code testkit.properties} file on the test classpath; the attributes of
 * this annotation, where set, override the file. See the project README, section "Configuration".
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
