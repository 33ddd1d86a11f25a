package dev.cryptotracker.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cryptotracker.testkit.TestkitConfigurationException;
import java.util.List;
import org.junit.jupiter.api.Test;

class PostgresUrlTest {

    @Test
    void splitsTheUrlIntoBaseDatabaseParametersAndCredentials() {
        PostgresUrl url = PostgresUrl.parse(
                " jdbc:postgresql://db.example:5433/app?sslmode=disable&user=alice&password=p%40ss%26word&ApplicationName=x ",
                null, null);

        assertThat(url).isEqualTo(new PostgresUrl("jdbc:postgresql://db.example:5433", "app",
                List.of("sslmode=disable", "ApplicationName=x"), "alice", "p@ss&word"));
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:5433/app?sslmode=disable&ApplicationName=x");
    }

    @Test
    void userAndPasswordFromTheSettingsWinOverTheUrls() {
        PostgresUrl url = PostgresUrl.parse("jdbc:postgresql://h/app?user=url_user&password=url_secret",
                "setting_user", "setting_secret");

        assertThat(url.user()).isEqualTo("setting_user");
        assertThat(url.password()).isEqualTo("setting_secret");
    }

    @Test
    void withoutCredentialsAnywhereLeavesThemToTheDriver() {
        PostgresUrl url = PostgresUrl.parse("jdbc:postgresql://h:5432/app", null, null);

        assertThat(url.user()).isNull();
        assertThat(url.password()).isNull();
        assertThat(url.params()).isEmpty();
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://h:5432/app");
    }

    @Test
    void aUrlWithoutDatabaseHasAnEmptyOne() {
        PostgresUrl url = PostgresUrl.parse("jdbc:postgresql://h1:5432,h2:5433?targetServerType=primary", "u", null);

        assertThat(url.base()).isEqualTo("jdbc:postgresql://h1:5432,h2:5433");
        assertThat(url.database()).isEmpty();
        assertThat(url.params()).containsExactly("targetServerType=primary");
        assertThat(url.jdbcUrl("other")).isEqualTo("jdbc:postgresql://h1:5432,h2:5433/other?targetServerType=primary");
    }

    @Test
    void keepsParametersWithoutValueAndSkipsEmptyOnes() {
        PostgresUrl url = PostgresUrl.parse("jdbc:postgresql://h/app?&ssl&&user&password=", null, null);

        assertThat(url.params()).containsExactly("ssl");
        assertThat(url.user()).isEmpty();
        assertThat(url.password()).isEmpty();
        assertThat(PostgresUrl.parse("jdbc:postgresql://h/app?", null, null).params()).isEmpty();
    }

    @Test
    void theUrlOfAnotherDatabaseKeepsHostAndParameters() {
        PostgresUrl url = PostgresUrl.parse("jdbc:postgresql://h:1/app?a=1&b=2&password=secret", "u", null);

        assertThat(url.jdbcUrl("testkit_template")).isEqualTo("jdbc:postgresql://h:1/testkit_template?a=1&b=2");
        assertThat(PostgresUrl.parse("jdbc:postgresql://h:1/app", null, null).jdbcUrl("postgres"))
                .isEqualTo("jdbc:postgresql://h:1/postgres");
    }

    @Test
    void describesItselfWithUserButNeverPassword() {
        PostgresUrl url = PostgresUrl.parse("jdbc:postgresql://h:1/app?password=secret", "alice", null);

        assertThat(url).hasToString("jdbc:postgresql://h:1/app as alice");
    }

    @Test
    void rejectsAUrlOfAnotherSchemeNamingItWithoutItsQuery() {
        assertThatThrownBy(() -> PostgresUrl.parse("jdbc:mysql://h:3306/app?password=secret", null, null))
                .isInstanceOf(TestkitConfigurationException.class)
                .hasMessage("TESTKIT_POSTGRES_URL must look like jdbc:postgresql://host:port/database, was "
                        + "'jdbc:mysql://h:3306/app?…'");
        assertThatThrownBy(() -> PostgresUrl.parse("postgres://h/app", null, null))
                .isInstanceOf(TestkitConfigurationException.class)
                .hasMessage("TESTKIT_POSTGRES_URL must look like jdbc:postgresql://host:port/database, was "
                        + "'postgres://h/app'");
    }

    @Test
    void neverRepeatsTheQueryOfARejectedUrlEvenWhenItIsAllQuery() {
        assertThatThrownBy(() -> PostgresUrl.parse("?password=secret", null, null))
                .isInstanceOf(TestkitConfigurationException.class)
                .hasMessage("TESTKIT_POSTGRES_URL must look like jdbc:postgresql://host:port/database, was '?…'");
    }
}
