package dev.cryptotracker.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cryptotracker.testkit.TestkitConfig;
import dev.cryptotracker.testkit.TestkitConfigurationException;
import org.junit.jupiter.api.Test;

class ExternalProviderTest {

    @Test
    void movesCredentialsOutOfTheJdbcUrlAndKeepsOtherParameters() {
        PostgresUrl url = PostgresUrl.parse(
                "jdbc:postgresql://db:5432/postgres?user=admin&password=s%26cret&sslmode=disable", null, null);

        assertThat(url.user()).isEqualTo("admin");
        assertThat(url.password()).isEqualTo("s&cret");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/postgres?sslmode=disable");
        assertThat(url.jdbcUrl("testkit_1_ab")).isEqualTo("jdbc:postgresql://db:5432/testkit_1_ab?sslmode=disable");
        assertThat(url.toString()).doesNotContain("s&cret").doesNotContain("s%26cret");
    }

    @Test
    void settingsWinOverCredentialsInTheUrl() {
        PostgresUrl url = PostgresUrl.parse("jdbc:postgresql://db/postgres?user=admin", "testkit", "pw");

        assertThat(url.user()).isEqualTo("testkit");
        assertThat(url.password()).isEqualTo("pw");
        assertThat(url.jdbcUrl("other")).isEqualTo("jdbc:postgresql://db/other");
    }

    @Test
    void acceptsAUrlWithoutDatabaseAndSeveralHosts() {
        PostgresUrl url = PostgresUrl.parse("jdbc:postgresql://a:5432,b:5433", "u", null);

        assertThat(url.database()).isEmpty();
        assertThat(url.jdbcUrl("testkit_9_00")).isEqualTo("jdbc:postgresql://a:5432,b:5433/testkit_9_00");
    }

    @Test
    void rejectsAUrlOfAnotherDatabaseWithoutEchoingItsParameters() {
        assertThatThrownBy(() -> PostgresUrl.parse("jdbc:mysql://db/x?password=secret", null, null))
                .isInstanceOf(TestkitConfigurationException.class)
                .hasMessageContaining("jdbc:postgresql://host:port/database")
                .hasMessageNotContaining("secret");
    }

    @Test
    void readsRedisHostAndPortWithTheDefaultPort() {
        assertThat(RedisAddress.parse("redis://127.0.0.1:6390")).isEqualTo(new RedisAddress("127.0.0.1", 6390));
        assertThat(RedisAddress.parse("redis://cache")).isEqualTo(new RedisAddress("cache", 6379));
        assertThat(RedisAddress.parse("redis://cache:6379/")).isEqualTo(new RedisAddress("cache", 6379));
    }

    @Test
    void rejectsARedisUrlThatPicksTheDatabaseIndex() {
        assertThatThrownBy(() -> RedisAddress.parse("redis://cache:6379/3"))
                .isInstanceOf(TestkitConfigurationException.class)
                .hasMessageContaining("names database 3")
                .hasMessageContaining("claims a free index itself");
    }

    @Test
    void rejectsARedisUrlWithCredentialsWithoutEchoingThem() {
        assertThatThrownBy(() -> RedisAddress.parse("redis://user:hunter2@cache:6379"))
                .isInstanceOf(TestkitConfigurationException.class)
                .hasMessageContaining("carries credentials")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void namesTheMissingSettingWhenAskedForAServerWithoutIt() {
        ExternalProvider provider = new ExternalProvider(TestkitConfig.defaults());

        assertThatThrownBy(provider::startPostgres).isInstanceOf(TestkitConfigurationException.class)
                .hasMessageContaining("needs TESTKIT_POSTGRES_URL");
        assertThatThrownBy(provider::startRedis).isInstanceOf(TestkitConfigurationException.class)
                .hasMessageContaining("needs TESTKIT_REDIS_URL");
    }
}
