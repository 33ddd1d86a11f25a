package dev.cryptotracker.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cryptotracker.testkit.ConnectionDetails;
import dev.cryptotracker.testkit.ProviderKind;
import dev.cryptotracker.testkit.Testkit;
import dev.cryptotracker.testkit.TestkitConfig;
import dev.cryptotracker.testkit.TestkitSetting;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.redisson.Redisson;
import org.redisson.api.RBucket;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.redisson.config.Config;

/**
 * The external provider against real servers: the ones this JVM's testkit runs on, whatever the provider, used as
 * the "existing" servers.
 */
@Testkit
class ExternalProviderIT {

    @Test
    void eachJvmGetsADatabaseOfItsOwnThatIsDroppedAtClose(ConnectionDetails details, DSLContext sql)
            throws SQLException {
        PostgresUrl admin = PostgresUrl.parse(details.jdbcUrl(), details.username(), details.password());
        ExternalPostgres first = ExternalPostgres.create(admin);
        ExternalPostgres second = ExternalPostgres.create(admin);
        try {
            assertThat(first.database()).startsWith("testkit_" + ProcessHandle.current().pid() + "_")
                    .isNotEqualTo(second.database());
            assertThat(databases(sql)).contains(first.database(), second.database());
            assertThat(first.describe().id()).isEqualTo(first.database());
            assertThat(first.describe().address()).isEqualTo(first.jdbcUrl())
                    .isEqualTo(admin.jdbcUrl(first.database())).contains("/" + first.database());

            execute(first, "CREATE TABLE only_in_first (id int)");
            execute(second, "CREATE TABLE only_in_second (id int)");
            assertThat(tables(first)).contains("only_in_first").doesNotContain("only_in_second");
        } finally {
            first.close();
            second.close();
        }

        assertThat(databases(sql)).doesNotContain(first.database(), second.database());
    }

    @Test
    void dropsItsDatabaseEvenWhileAConnectionIsStillOpen(ConnectionDetails details, DSLContext sql)
            throws SQLException {
        ExternalPostgres server = ExternalPostgres.create(PostgresUrl.parse(details.jdbcUrl(), details.username(),
                details.password()));
        try (Connection leaked = DriverManager.getConnection(server.jdbcUrl(), server.username(),
                server.password())) {
            server.close();
            assertThat(leaked.isValid(2)).as("the leaked connection was ended by DROP ... WITH (FORCE)").isFalse();
        }

        assertThat(databases(sql)).doesNotContain(server.database());
    }

    @Test
    void databasesOfAJvmKilledWithSigkillAreDroppedByTheNextRun(ConnectionDetails details, DSLContext sql)
            throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        String left = "testkit_" + gone.pid() + "_0badf00d";
        sql.execute("CREATE DATABASE " + left);
        sql.execute("COMMENT ON DATABASE " + left + " IS '" + ExternalPostgres.ownerComment(gone.pid()) + "'");
        sql.execute("CREATE DATABASE " + left + "_0 TEMPLATE " + left);
        String live = "testkit_" + ProcessHandle.current().pid() + "_0livef00";
        sql.execute("CREATE DATABASE " + live);
        sql.execute("COMMENT ON DATABASE " + live + " IS '"
                + ExternalPostgres.ownerComment(ProcessHandle.current().pid()) + "'");
        try {
            new ExternalProvider(TestkitConfig.defaults().withProvider(ProviderKind.EXTERNAL)
                    .with(TestkitSetting.POSTGRES_URL, details.jdbcUrl())
                    .with(TestkitSetting.POSTGRES_USER, details.username())
                    .with(TestkitSetting.POSTGRES_PASSWORD, details.password()))
                    .sweepLeftovers();

            assertThat(databases(sql)).as("databases of the killed JVM, and its clone")
                    .doesNotContain(left, left + "_0")
                    .as("a live JVM's database").contains(live);
        } finally {
            sql.execute("DROP DATABASE IF EXISTS " + live + " WITH (FORCE)");
        }
    }

    @Test
    void twoClaimsOnOneServerGetDifferentIndexesAndReleaseThemAtClose(ConnectionDetails details) {
        URI uri = URI.create(details.redisUri());
        int testkitsOwnIndex = Integer.parseInt(uri.getPath().substring(1));
        RedisAddress address = new RedisAddress(uri.getHost(), uri.getPort());
        RedissonClient claims = databaseZero(address);
        try {
            ExternalRedis first = ExternalRedis.claim(address, "it-first");
            ExternalRedis second = ExternalRedis.claim(address, "it-second");
            int firstIndex = first.database();
            int secondIndex = second.database();
            try {
                assertThat(firstIndex).isNotEqualTo(secondIndex).isNotZero().isNotEqualTo(testkitsOwnIndex);
                assertThat(secondIndex).isNotZero().isNotEqualTo(testkitsOwnIndex);

                RBucket<String> firstClaim = claims.getBucket("testkit:claim:" + firstIndex, StringCodec.INSTANCE);
                assertThat(firstClaim.get()).isEqualTo("it-first");
                assertThat(firstClaim.remainTimeToLive()).as("claim expires unless renewed")
                        .isPositive().isLessThanOrEqualTo(ExternalRedis.CLAIM_TTL.toMillis());
                assertThat(second.describe().address()).isEqualTo(address + "/" + secondIndex);
            } finally {
                first.close();
                second.close();
            }

            assertThat(claims.getBucket("testkit:claim:" + firstIndex, StringCodec.INSTANCE).isExists()).isFalse();
            assertThat(claims.getBucket("testkit:claim:" + secondIndex, StringCodec.INSTANCE).isExists()).isFalse();
            ExternalRedis again = ExternalRedis.claim(address, "it-again");
            try {
                assertThat(again.database()).as("a released index is free again")
                        .isEqualTo(Math.min(firstIndex, secondIndex));
            } finally {
                again.close();
            }
        } finally {
            claims.shutdown();
        }
    }

    @Test
    void skipsAnIndexWhoseClaimAnotherOwnerHolds(ConnectionDetails details) {
        URI uri = URI.create(details.redisUri());
        RedisAddress address = new RedisAddress(uri.getHost(), uri.getPort());
        RedissonClient claims = databaseZero(address);
        try {
            ExternalRedis probe = ExternalRedis.claim(address, "it-probe");
            int lowestFree = probe.database();
            probe.close();
            RBucket<String> foreign = claims.getBucket("testkit:claim:" + lowestFree, StringCodec.INSTANCE);
            assertThat(foreign.setIfAbsent("another-machine:4242:beef", ExternalRedis.CLAIM_TTL)).isTrue();
            try {
                ExternalRedis mine = ExternalRedis.claim(address, "it-mine");
                try {
                    assertThat(mine.database()).isNotEqualTo(lowestFree);
                } finally {
                    mine.close();
                }
                assertThat(foreign.get()).as("closing never releases another owner's claim")
                        .isEqualTo("another-machine:4242:beef");
            } finally {
                foreign.delete();
            }
        } finally {
            claims.shutdown();
        }
    }

    private static RedissonClient databaseZero(RedisAddress address) {
        Config config = new Config();
        config.useSingleServer().setAddress("redis://" + address).setDatabase(0)
                .setConnectionMinimumIdleSize(1).setConnectionPoolSize(2);
        return Redisson.create(config);
    }

    private static List<String> databases(DSLContext sql) {
        return sql.fetch("SELECT datname FROM pg_database").getValues(0, String.class);
    }

    private static void execute(ExternalPostgres server, String statementSql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), server.username(),
                server.password()); Statement statement = connection.createStatement()) {
            statement.execute(statementSql);
        }
    }

    private static List<String> tables(ExternalPostgres server) throws SQLException {
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), server.username(),
                server.password()); Statement statement = connection.createStatement();
             var result = statement.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")) {
            List<String> names = new ArrayList<>();
            while (result.next()) {
                names.add(result.getString(1));
            }
            return names;
        }
    }
}
