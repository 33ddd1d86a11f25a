package dev.cryptotracker.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The testkit's JUnit-free entry on its own: servers started and migrated, clean leases, leases held at once kept
 * apart, everything stopped at close; and, in a JVM of its own, the same without JUnit, jOOQ or Redisson on the
 * classpath.
 */
class TestkitServersIT {

    @Test
    void startsMigratesAndHandsOutCleanLeasesWithoutJunit() throws Exception {
        String output = ChildJvm.run(WithoutJunitMain.class, ChildJvm.testkitProperties(), List.of(), Map.of(),
                entry -> !entry.contains(File.separator + "junit") && !entry.contains("opentest4j")
                        && !entry.contains("apiguardian") && !entry.contains(path("org", "jooq"))
                        && !entry.contains(path("org", "redisson")));

        assertThat(output)
                .contains("OWNERS AFTER RESET 0", "SPECIES KEPT 2", "CLOSED")
                .contains("DSLCONTEXT REFUSED a DSLContext needs org.jooq:jooq, which is not on the classpath; add "
                        + "org.jooq:jooq to your test dependencies")
                .contains("REDISSON REFUSED a RedissonClient needs org.redisson:redisson, which is not on the "
                        + "classpath; add org.redisson:redisson to your test dependencies")
                .doesNotContain("NoClassDefFoundError", "Exception in thread");
    }

    @Test
    void leasesHeldAtTheSameTimeGetTheirOwnDatabaseAndRedisDatabase() throws Exception {
        try (TestkitServers servers = TestkitServers.start(TestkitConfig.fromEnvironment());
             TestkitLease first = servers.lease();
             TestkitLease second = servers.lease()) {
            insertOwner(first.connectionDetails(), "first");

            assertThat(second.connectionDetails().jdbcUrl()).isNotEqualTo(first.connectionDetails().jdbcUrl());
            assertThat(second.connectionDetails().redisUri()).isNotEqualTo(first.connectionDetails().redisUri());
            assertThat(second.databaseHelper().rowCount("owners")).isZero();
            assertThat(first.databaseHelper().rowCount("owners")).isEqualTo(1);
        }
    }

    @Test
    void aLeaseResetInPlaceIsCleanAgainAndStaysTheSameDatabase() throws Exception {
        try (TestkitServers servers = TestkitServers.start(TestkitConfig.fromEnvironment());
             TestkitLease lease = servers.lease()) {
            insertOwner(lease.connectionDetails(), "before the reset");
            lease.redisson().getBucket("key").set("value");
            String database = lease.connectionDetails().jdbcUrl();

            lease.reset();

            assertThat(lease.databaseHelper().rowCount("owners")).isZero();
            assertThat(lease.redisson().getKeys().count()).isZero();
            assertThat(lease.connectionDetails().jdbcUrl()).isEqualTo(database);
        }
    }

    @Test
    void saysHowTheTemplateWasMadeOncePostgresRuns() {
        TestkitConfig uncached = TestkitConfig.fromEnvironment().with(TestkitSetting.CACHE, "false");
        try (TestkitServers servers = TestkitServers.create(uncached)) {
            assertThat(servers.templateBuild()).as("before PostgreSQL runs").isEmpty();

            servers.ensureStarted(Service.POSTGRES);

            TemplateBuild build = servers.templateBuild().orElseThrow();
            assertThat(build.fromCache()).isFalse();
            assertThat(build.migrationsApplied()).as("V1 to V6 of the test migrations").isEqualTo(6);
            assertThat(build.migrationTime()).isPositive();
            assertThat(build.installTime()).isPositive();
        }
    }

    @Test
    void closingStopsWhatItStarted() throws Exception {
        ConnectionDetails details;
        try (TestkitServers servers = TestkitServers.start(TestkitConfig.fromEnvironment(), Service.POSTGRES);
             TestkitLease lease = servers.lease(Service.POSTGRES)) {
            details = lease.connectionDetails();
            insertOwner(details, "before close");
        }

        assertThatThrownBy(() -> insertOwner(details, "after close")).isInstanceOf(SQLException.class);
    }

    @Test
    void aLeaseHandsOutOnlyWhatItWasTakenFor() {
        try (TestkitServers servers = TestkitServers.start(TestkitConfig.fromEnvironment(), Service.REDIS);
             TestkitLease lease = servers.lease(Service.REDIS)) {
            assertThat(lease.connectionDetails().jdbcUrl()).isNull();
            assertThatThrownBy(lease::dataSource).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("a DataSource needs POSTGRES, which this lease was not taken for");
            assertThat(servers.runningServers().postgres()).as("PostgreSQL never started").isNull();
        }
    }

    private static String path(String... parts) {
        return String.join(File.separator, parts) + File.separator;
    }

    private static void insertOwner(ConnectionDetails details, String name) throws SQLException {
        try (Connection connection = DriverManager.getConnection(details.jdbcUrl(), details.username(),
                details.password()); Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO owners (name) VALUES ('" + name + "')");
        }
    }
}
