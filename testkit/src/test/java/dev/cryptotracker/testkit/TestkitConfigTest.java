package dev.cryptotracker.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class TestkitConfigTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        TestkitConfig config = TestkitConfig.defaults();

        assertThat(config.provider()).isEqualTo(ProviderKind.AUTO);
        assertThat(config.postgresImage()).isEqualTo("postgres:17-alpine");
        assertThat(config.redisImage()).isEqualTo("redis:7-alpine");
        assertThat(config.migrations()).containsExactly("classpath:db/migration");
        assertThat(config.schemas()).containsExactly("public");
        assertThat(config.referenceTables()).isEmpty();
        assertThat(config.poolSize()).isEqualTo(8);
        assertThat(config.leakDetectionThreshold()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.startupTimeout()).isEqualTo(Duration.ofSeconds(120));
        assertThat(config.reuse()).isFalse();
        assertThat(config.postgresUrl()).isEmpty();
        assertThat(config.origin(TestkitSetting.POOL_SIZE)).isEqualTo("default");
    }

    @Test
    void systemPropertyWinsOverEnvironmentWhichWinsOverTheFile() {
        Properties file = properties("testkit.pool.size", "3", "testkit.schemas", "app", "testkit.reuse", "true");
        TestkitConfig config = TestkitConfig.from(Map.of("testkit.pool.size", "5"),
                Map.of("TESTKIT_POOL_SIZE", "4", "TESTKIT_SCHEMAS", "env_schema"), file);

        assertThat(config.poolSize()).isEqualTo(5);
        assertThat(config.origin(TestkitSetting.POOL_SIZE)).isEqualTo("system property -Dtestkit.pool.size");
        assertThat(config.schemas()).containsExactly("env_schema");
        assertThat(config.origin(TestkitSetting.SCHEMAS)).isEqualTo("environment variable TESTKIT_SCHEMAS");
        assertThat(config.reuse()).isTrue();
        assertThat(config.origin(TestkitSetting.REUSE)).isEqualTo("testkit.properties");
    }

    @Test
    void blankValuesCountAsUnsetAndListsAreTrimmed() {
        TestkitConfig config = TestkitConfig.from(Map.of("testkit.pool.size", "  "),
                Map.of("TESTKIT_REFERENCE_TABLES", " genres , app.countries ,, "), new Properties());

        assertThat(config.poolSize()).isEqualTo(8);
        assertThat(config.referenceTables()).containsExactly("genres", "app.countries");
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "testkit.pool.size; 0; use a whole number from 1 to 100",
        "testkit.pool.size; -1; use a whole number from 1 to 100",
        "testkit.pool.size; 101; use a whole number from 1 to 100",
        "testkit.pool.size; eight; use a whole number from 1 to 100",
        "testkit.startup-timeout-seconds; 0; use a whole number of seconds from 1 to 3600",
        "testkit.startup-timeout-seconds; -5; use a whole number of seconds from 1 to 3600",
        "testkit.startup-timeout-seconds; 3601; use a whole number of seconds from 1 to 3600",
        "testkit.pool.leak-detection-ms; 1999; use 0 (off) or a whole number of ms from 2000 to 3600000",
        "testkit.pool.leak-detection-ms; -1; use 0 (off) or a whole number of ms from 2000 to 3600000",
        "testkit.provider; podman; use one of: auto, docker, embedded, external",
        "testkit.reuse; yes; use true or false",
    })
    void rejectsAValueOutOfItsRangeNamingKeyValueAndWhereItWasRead(String key, String value, String expected) {
        assertThatThrownBy(() -> TestkitConfig.from(Map.of(key, value), Map.of(), new Properties()))
                .isInstanceOf(TestkitConfigurationException.class)
                .hasMessage(key + " is '" + value + "' (system property -D" + key + "): " + expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "testkit.pool.size; 1", "testkit.pool.size; 100", "testkit.startup-timeout-seconds; 1",
        "testkit.startup-timeout-seconds; 3600", "testkit.pool.leak-detection-ms; 0",
        "testkit.pool.leak-detection-ms; 2000", "testkit.pool.leak-detection-ms; 3600000",
        "testkit.provider; EMBEDDED", "testkit.reuse; TRUE",
    })
    void acceptsTheEdgesOfEachRange(String key, String value) {
        TestkitConfig config = TestkitConfig.from(Map.of(key, value), Map.of(), new Properties());

        assertThat(config.value(TestkitSetting.forKey(key).orElseThrow())).contains(value);
    }

    @Test
    void namesTheEnvironmentVariableAndTheFileAsOrigins() {
        assertThatThrownBy(() -> TestkitConfig.from(Map.of(), Map.of("TESTKIT_POOL_SIZE", "0"), new Properties()))
                .hasMessage("testkit.pool.size is '0' (environment variable TESTKIT_POOL_SIZE): use a whole number "
                        + "from 1 to 100");
        assertThatThrownBy(() -> TestkitConfig.from(Map.of(), Map.of(),
                properties("testkit.startup-timeout-seconds", "-5")))
                .hasMessage("testkit.startup-timeout-seconds is '-5' (testkit.properties): use a whole number of "
                        + "seconds from 1 to 3600");
    }

    @Test
    void namesTheAnnotationWhenAValueComesFromIt() {
        assertThatThrownBy(() -> TestkitConfig.defaults().with(TestkitSetting.POOL_SIZE, "0",
                "@Testkit on com.example.FooIT"))
                .hasMessage("testkit.pool.size is '0' (@Testkit on com.example.FooIT): use a whole number from 1 "
                        + "to 100");
    }

    @Test
    void listsEveryProblemAtOnce() {
        assertThatThrownBy(() -> TestkitConfig.from(Map.of("testkit.pool.size", "0", "testkit.reuse", "maybe"),
                Map.of(), new Properties()))
                .hasMessageStartingWith("the testkit's settings have 2 problems:")
                .hasMessageContaining("testkit.pool.size is '0'")
                .hasMessageContaining("testkit.reuse is 'maybe'");
    }

    @Test
    void rejectsAnUnknownKeyInTheFileAsTheTypoItUsuallyIs() {
        assertThatThrownBy(() -> TestkitConfig.from(Map.of(), Map.of(),
                properties("testkit.refrence-tables", "genres")))
                .isInstanceOf(TestkitConfigurationException.class)
                .hasMessageContaining("names 'testkit.refrence-tables', which is not a testkit setting")
                .hasMessageContaining("testkit.reference-tables");
    }

    @Test
    void neverShowsThePasswordInMessagesOrToString() {
        TestkitConfig config = TestkitConfig.from(Map.of("testkit.postgres.password", "s3cret-pw"), Map.of(),
                new Properties());

        assertThat(config.postgresPassword()).contains("s3cret-pw");
        assertThat(config.toString()).doesNotContain("s3cret-pw").contains("testkit.postgres.password=***");
    }

    @Test
    void withersReturnCheckedCopiesAndLeaveTheOriginalAlone() {
        TestkitConfig original = TestkitConfig.defaults();
        TestkitConfig changed = original.withMigrations("classpath:a", "classpath:b").withSchemas("app", "audit")
                .withReferenceTables("app.countries").withProvider(ProviderKind.EMBEDDED);

        assertThat(changed.migrations()).containsExactly("classpath:a", "classpath:b");
        assertThat(changed.schemas()).containsExactly("app", "audit");
        assertThat(changed.referenceTables()).containsExactly("app.countries");
        assertThat(changed.provider()).isEqualTo(ProviderKind.EMBEDDED);
        assertThat(changed.origin(TestkitSetting.MIGRATIONS)).isEqualTo("set in code");
        assertThat(original.migrations()).containsExactly("classpath:db/migration");
        assertThat(original.with(TestkitSetting.POOL_SIZE, " ").poolSize()).as("blank means the default")
                .isEqualTo(8);
    }

    @Test
    void twoConfigurationsAgreeOnTheSchemaSetupOnlyWithTheSameMigrationsSchemasAndReferenceTables() {
        TestkitConfig base = TestkitConfig.defaults().withReferenceTables("genres");

        assertThat(base.sameSchemaSetup(base.with(TestkitSetting.POOL_SIZE, "3"))).isTrue();
        assertThat(base.sameSchemaSetup(base.withReferenceTables("genres", "authors"))).isFalse();
        assertThat(base.sameSchemaSetup(base.withMigrations("classpath:other"))).isFalse();
        assertThat(base.sameSchemaSetup(base.withSchemas("public", "audit"))).isFalse();
        assertThat(base.schemaSetup()).isEqualTo("migrations [classpath:db/migration], schemas [public], reference "
                + "tables [genres]");
    }

    @Test
    void everySettingHasAnEnvironmentVariableDerivedFromItsKey() {
        assertThat(TestkitSetting.POOL_SIZE.environmentVariable()).isEqualTo("TESTKIT_POOL_SIZE");
        assertThat(TestkitSetting.LEAK_DETECTION_MS.environmentVariable()).isEqualTo("TESTKIT_POOL_LEAK_DETECTION_MS");
        assertThat(List.of(TestkitSetting.values())).allSatisfy(setting -> assertThat(TestkitSetting.forKey(
                setting.key())).contains(setting));
    }

    private static Properties properties(String... keyValues) {
        Properties properties = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            properties.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return properties;
    }
}
