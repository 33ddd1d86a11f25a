package dev.cryptotracker.testkit.springboot;

import dev.cryptotracker.testkit.Service;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a Spring Boot test context on the testkit's servers: its {@code DataSource} (and so {@code JdbcClient},
 * {@code JdbcTemplate} and jOOQ's {@code DSLContext}) and its Redis connection factory (Lettuce, Jedis or Redisson's
 * starter) point at one clean testkit lease, and that lease is reset before every test method. Put it next to
 * {@code @SpringBootTest} or a test slice such as {@code @JdbcTest}.
 *
 * <pre>{@code
 * @SpringBootTest
 * @AutoConfigureTestkit
 * class GreetingServiceIT {
 *
 *     @Autowired GreetingService greetings;
 *     @Autowired DatabaseHelper db;
 *     @Autowired StringRedisTemplate redis;
 *
 *     @RepeatedTest(2)
 *     void startsEveryTestClean() {
 *         assertThat(db.rowCount("greetings")).isZero();
 *         assertThat(redis.keys("*")).isEmpty();
 *
 *         greetings.greet("Ada");
 *     }
 * }
 * }</pre>
 *
 * <p>How it works, and what follows from it:
 * <ul>
 *   <li>The context gets Spring Boot connection details beans, {@code JdbcConnectionDetails} and
 *       {@code DataRedisConnectionDetails}, for the lease's database and Redis database; Spring Boot's
 *       auto-configuration builds the application's own pool and clients from them, with the application's own
 *       settings ({@code spring.datasource.hikari.*}, {@code spring.data.redis.timeout}, ...). Where the URLs,
 *       users and passwords in the application's properties point does not matter.</li>
 *   <li>One lease per application context: Spring caches contexts, and every test class with the same
 *       configuration shares one context and so one lease. Different contexts hold different leases (their own
 *       database cloned from the migrated template, their own Redis database), so they never see each other's
 *       data. The lease is given back when the context closes.</li>
 *   <li>Before every test method (before {@code @BeforeEach} methods, {@code @Transactional} and {@code @Sql}),
 *       the lease is reset: what the last test wrote, and what the application wrote while it started, is gone;
 *       reference tables keep their migrated rows.</li>
 *   <li>Migrations run once per JVM, by the testkit. Spring Boot's Flyway, if the application uses it, only
 *       validates the database against its own configuration, and fails the context with a message when its
 *       migrations are not the ones the testkit applied.</li>
 *   <li>Two tests must not run in one context at the same time: they would share its data. The second one fails
 *       at once, naming the first. Test classes with different contexts may run in parallel.</li>
 * </ul>
 *
 * <p>The servers are the JVM's
 * {@link dev.cryptotracker.testkit.TestkitServers#shared(dev.cryptotracker.testkit.TestkitConfig) shared ones},
 * configured like every other use of the testkit ({@code testkit.properties}, {@code -Dtestkit.*},
 * {@code TESTKIT_*}), and shared with {@code @Testkit} classes of the same JVM. The context can inject the
 * {@link dev.cryptotracker.testkit.TestkitLease} and, with PostgreSQL, the
 * {@link dev.cryptotracker.testkit.DatabaseHelper} of its lease. Needs Spring Boot 4.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface AutoConfigureTestkit {

    /**
     * The servers the context needs; only these are started, pointed at and reset.
     *
     * @return the services, by default PostgreSQL and Redis
     */
    Service[] value() default {Service.POSTGRES, Service.REDIS};
}
