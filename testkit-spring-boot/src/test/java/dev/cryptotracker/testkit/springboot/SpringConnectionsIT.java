package dev.cryptotracker.testkit.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.cryptotracker.testkit.TestkitLease;
import dev.cryptotracker.testkit.springboot.notes.NoteService;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.URI;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The application's own beans, built by Spring Boot's auto-configuration, reach the lease's database and Redis
 * database, although application.properties points both at a port where nothing listens.
 */
@NotesTest
class SpringConnectionsIT {

    @Autowired
    TestkitLease lease;
    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DSLContext dsl;
    @Autowired
    RedisConnectionFactory redisConnectionFactory;
    @Autowired
    NoteService notes;

    @Test
    void dataSourceJdbcClientAndJooqUseTheLeasesDatabaseInsteadOfTheConfiguredOne() {
        String leaseUrl = lease.connectionDetails().jdbcUrl();
        String leaseDatabase = URI.create(leaseUrl.substring("jdbc:".length())).getPath().substring(1);

        assertThat(dataSource).isInstanceOf(HikariDataSource.class);
        assertThat(((HikariDataSource) dataSource).getJdbcUrl()).isEqualTo(leaseUrl);
        assertThat(jdbc.sql("SELECT current_database()").query(String.class).single()).isEqualTo(leaseDatabase);
        assertThat(dsl.fetchValue("SELECT current_database()", String.class)).isEqualTo(leaseDatabase);

        notes.add("seen by the testkit", "red");
        assertThat(lease.databaseHelper().rowCount("notes")).isEqualTo(1);
    }

    @Test
    void redisConnectionFactoryUsesTheLeasesRedisDatabase() {
        URI leaseRedis = URI.create(lease.connectionDetails().redisUri());
        LettuceConnectionFactory lettuce = (LettuceConnectionFactory) redisConnectionFactory;
        assertThat(lettuce.getHostName()).isEqualTo(leaseRedis.getHost());
        assertThat(lettuce.getPort()).isEqualTo(leaseRedis.getPort());
        assertThat(lettuce.getDatabase()).isEqualTo(Integer.parseInt(leaseRedis.getPath().substring(1)));

        notes.add("cached", "green");
        RedisClient client = RedisClient.create(lease.connectionDetails().redisUri());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            assertThat(connection.sync().get("last-note:green")).isEqualTo("1");
        } finally {
            client.shutdown();
        }
    }
}
