package dev.cryptotracker.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JdbcUrlsTest {

    @Test
    void readsTheDatabaseOfAUrl() {
        assertThat(JdbcUrls.database("jdbc:postgresql://h:5432/testkit_slot_1?ApplicationName=x"))
                .isEqualTo("testkit_slot_1");
        assertThat(JdbcUrls.database("jdbc:postgresql://h:5432/app")).isEqualTo("app");
        assertThat(JdbcUrls.database("jdbc:postgresql://h:5432/")).isEmpty();
    }

    @Test
    void replacesTheDatabaseKeepingHostPortAndParameters() {
        assertThat(JdbcUrls.withDatabase("jdbc:postgresql://h1:5432,h2:5433/app?a=1&b=2", "other"))
                .isEqualTo("jdbc:postgresql://h1:5432,h2:5433/other?a=1&b=2");
        assertThat(JdbcUrls.withDatabase("jdbc:postgresql://h:5432/app", "other"))
                .isEqualTo("jdbc:postgresql://h:5432/other");
    }

    @Test
    void rejectsAUrlWithoutDatabaseOrOfAnotherDriver() {
        assertThatThrownBy(() -> JdbcUrls.database("jdbc:postgresql://h:5432"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a PostgreSQL JDBC URL with a database: jdbc:postgresql://h:5432");
        assertThatThrownBy(() -> JdbcUrls.withDatabase("jdbc:mysql://h:3306/app", "other"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a PostgreSQL JDBC URL with a database: jdbc:mysql://h:3306/app");
    }
}
