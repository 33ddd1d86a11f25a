package dev.cryptotracker.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.redisson.Redisson;
import org.redisson.api.RBucket;
import org.redisson.api.RedissonClient;
import org.redisson.client.RedisException;
import org.redisson.client.codec.StringCodec;
import org.redisson.config.Config;

@Testkit
class FaultInjectingProxyIT {

    @Test
    void pausedRedisTimesOutThenAnswersAgainOnTheSameClient(ConnectionDetails details) {
        URI redis = URI.create(details.redisUri());
        try (FaultInjectingProxy proxy = FaultInjectingProxy.to(redis.getHost(), redis.getPort())) {
            Config config = new Config();
            config.useSingleServer().setAddress("redis://" + proxy.host() + ":" + proxy.port())
                    .setDatabase(Integer.parseInt(redis.getPath().substring(1)))
                    .setConnectTimeout(1_000).setTimeout(500).setRetryAttempts(0)
                    .setConnectionMinimumIdleSize(1).setConnectionPoolSize(2);
            RedissonClient client = Redisson.create(config);
            try {
                RBucket<String> bucket = client.getBucket("k", StringCodec.INSTANCE);
                bucket.set("before");

                proxy.pause();
                assertThatThrownBy(bucket::get).isInstanceOf(RedisException.class);

                proxy.resume();
                assertThat(bucket.get()).isEqualTo("before");
            } finally {
                client.shutdown();
            }
        }
    }

    @Test
    void stoppedPostgresRefusesConnectionsUntilStarted(ConnectionDetails details) throws SQLException {
        URI jdbc = URI.create(details.jdbcUrl().substring("jdbc:".length()));
        try (FaultInjectingProxy proxy = FaultInjectingProxy.to(jdbc.getHost(), jdbc.getPort())) {
            String viaProxy = "jdbc:postgresql://" + proxy.host() + ":" + proxy.port() + jdbc.getPath();
            Properties credentials = new Properties();
            credentials.setProperty("user", details.username());
            credentials.setProperty("password", details.password());
            credentials.setProperty("connectTimeout", "2");
            credentials.setProperty("socketTimeout", "2");
            try (Connection before = DriverManager.getConnection(viaProxy, credentials)) {
                assertThat(selectOne(before)).isEqualTo(1);

                proxy.stop();

                assertThatThrownBy(() -> selectOne(before)).isInstanceOf(SQLException.class);
                assertThatThrownBy(() -> DriverManager.getConnection(viaProxy, credentials).close())
                        .isInstanceOf(SQLException.class);
            }
            proxy.start();
            try (Connection after = DriverManager.getConnection(viaProxy, credentials)) {
                assertThat(selectOne(after)).isEqualTo(1);
            }
        }
    }

    @Test
    void droppedConnectionsBreakButNewOnesWork(ConnectionDetails details) throws SQLException {
        URI jdbc = URI.create(details.jdbcUrl().substring("jdbc:".length()));
        try (FaultInjectingProxy proxy = FaultInjectingProxy.to(jdbc.getHost(), jdbc.getPort())) {
            String viaProxy = "jdbc:postgresql://" + proxy.host() + ":" + proxy.port() + jdbc.getPath();
            try (Connection before = DriverManager.getConnection(viaProxy, details.username(), details.password())) {
                proxy.dropConnections();
                assertThatThrownBy(() -> selectOne(before)).isInstanceOf(SQLException.class);
            }
            try (Connection after = DriverManager.getConnection(viaProxy, details.username(), details.password())) {
                assertThat(selectOne(after)).isEqualTo(1);
            }
        }
    }

    private static int selectOne(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             var rows = statement.executeQuery("SELECT 1")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
