package dev.cryptotracker.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Test data that a test starts from: SQL scripts on the classpath, applied to the test's own database after it was
 * cleaned and before the test (and its {@code @BeforeEach} methods) run. The class's scripts come first, then the
 * method's; all of them go to PostgreSQL in one round trip, in one transaction. Whatever they write is emptied (or,
 * for reference tables, restored) when the test ends, like anything else the test writes.
 *
 * <pre>{@code
 * @Testkit
 * @SqlFixture("fixtures/alice.sql")                 // a user every test of the class starts with
 * class AlertServiceIT {
 *
 *     @Test
 *     @SqlFixture("fixtures/bitcoin-and-ether.sql") // and, for this test, two tokens
 *     void createsAnAlertForAKnownToken(DataSource dataSource) { ... }
 * }
 * }</pre>
 *
 * <p>A script that fails fails the test with a {@link SqlFixtureException} naming the script, the line and
 * PostgreSQL's message; nothing of any script is kept. A script that does not exist fails it too, naming the path.
 * Without JUnit: {@link TestkitLease#applyFixtures(String...)}.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface SqlFixture {

    /**
     * Classpath resources, applied in this order, such as {@code fixtures/users.sql} (a leading {@code /} or
     * {@code classpath:} is allowed).
     *
     * @return the scripts
     */
    String[] value();
}
