package dev.cryptotracker.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cryptotracker.testkit.TestkitConfigurationException;
import dev.cryptotracker.testkit.TestkitSetting;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingValuesTest {

    private static final Map<String, String> NONE = Map.of();

    private static SettingValues read(Map<String, String> system, Map<String, String> environment, Properties file) {
        return SettingValues.read(system::get, environment::get, file, "testkit.properties");
    }

    private static Properties file(String... keysAndValues) {
        Properties properties = new Properties();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            properties.setProperty(keysAndValues[i], keysAndValues[i + 1]);
        }
        return properties;
    }

    @Test
    void anUnsetSettingHasItsDefaultOrNone() {
        SettingValues values = read(NONE, NONE, new Properties());

        assertThat(values.raw(TestkitSetting.POOL_SIZE)).contains("8");
        assertThat(values.origin(TestkitSetting.POOL_SIZE)).isEqualTo("default");
        assertThat(values.raw(TestkitSetting.POSTGRES_URL)).isEmpty();
        assertThat(values.origin(TestkitSetting.POSTGRES_URL)).isEqualTo("default");
    }

    @Test
    void readsTrimmedValuesAndNamesWhereEachCameFrom() {
        SettingValues values = read(Map.of("testkit.pool.size", " 5 "), Map.of("TESTKIT_SCHEMAS", "app"),
                file("testkit.reuse", "true", "testkit.schemas", "from_file"));

        assertThat(values.raw(TestkitSetting.POOL_SIZE)).contains("5");
        assertThat(values.origin(TestkitSetting.POOL_SIZE)).isEqualTo("system property -Dtestkit.pool.size");
        assertThat(values.raw(TestkitSetting.SCHEMAS)).contains("app");
        assertThat(values.origin(TestkitSetting.SCHEMAS)).isEqualTo("environment variable TESTKIT_SCHEMAS");
        assertThat(values.raw(TestkitSetting.REUSE)).contains("true");
        assertThat(values.origin(TestkitSetting.REUSE)).isEqualTo("testkit.properties");
    }

    @Test
    void keysOfTheFileOutsideTheTestkitsPrefixAreLeftAlone() {
        SettingValues values = read(NONE, NONE, file("spring.datasource.url", "x", "testkitish", "y"));

        assertThat(values).isEqualTo(read(NONE, NONE, new Properties()));
    }

    @Test
    void anUnknownKeyAndABadValueAreReportedTogether() {
        assertThatThrownBy(() -> read(Map.of("testkit.pool.size", "0"), NONE, file("testkit.pool.sise", "4")))
                .isInstanceOf(TestkitConfigurationException.class)
                .hasMessage("the testkit's settings have 2 problems:\n"
                        + "  - testkit.properties names 'testkit.pool.sise', which is not a testkit setting; known "
                        + "settings: " + String.join(", ", TestkitSetting.keys()) + "\n"
                        + "  - testkit.pool.size is '0' (system property -Dtestkit.pool.size): use a whole number "
                        + "from 1 to 100");
    }

    @Test
    void aSingleProblemIsTheWholeMessage() {
        assertThatThrownBy(() -> read(NONE, Map.of("TESTKIT_REUSE", "yes"), new Properties()))
                .isInstanceOf(TestkitConfigurationException.class)
                .hasMessage("testkit.reuse is 'yes' (environment variable TESTKIT_REUSE): use true or false");
    }

    @Test
    void withReplacesOneValueAndLeavesTheOriginalAlone() {
        SettingValues original = read(NONE, NONE, file("testkit.pool.size", "3"));

        SettingValues changed = original.with(TestkitSetting.POOL_SIZE, " 4 ", "@Testkit(poolSize)");

        assertThat(changed.raw(TestkitSetting.POOL_SIZE)).contains("4");
        assertThat(changed.origin(TestkitSetting.POOL_SIZE)).isEqualTo("@Testkit(poolSize)");
        assertThat(original.raw(TestkitSetting.POOL_SIZE)).contains("3");
        assertThat(changed).isNotEqualTo(original);
    }

    @Test
    void withABlankValueMeansTheDefault() {
        SettingValues changed = read(NONE, NONE, file("testkit.pool.size", "3"))
                .with(TestkitSetting.POOL_SIZE, "  ", "@Testkit(poolSize)");

        assertThat(changed.raw(TestkitSetting.POOL_SIZE)).contains("8");
        assertThat(changed.origin(TestkitSetting.POOL_SIZE)).isEqualTo("default");
    }

    @Test
    void withChecksTheNewValue() {
        SettingValues values = read(NONE, NONE, new Properties());

        assertThatThrownBy(() -> values.with(TestkitSetting.POOL_SIZE, "101", "@Testkit(poolSize)"))
                .isInstanceOf(TestkitConfigurationException.class)
                .hasMessage("testkit.pool.size is '101' (@Testkit(poolSize)): use a whole number from 1 to 100");
    }

    @Test
    void neverRepeatsAPassword() {
        SettingValues values = read(NONE, NONE, new Properties());

        assertThat(values.with(TestkitSetting.POSTGRES_PASSWORD, "s3cret", "x").raw(TestkitSetting.POSTGRES_PASSWORD))
                .contains("s3cret");
        assertThat(values.toString()).doesNotContain("s3cret");
    }

    @Test
    void valuesAreEqualWhenTheRawValuesAreWhereverTheyCameFrom() {
        SettingValues fromFile = read(NONE, NONE, file("testkit.pool.size", "4"));
        SettingValues fromSystem = read(Map.of("testkit.pool.size", "4"), NONE, new Properties());
        SettingValues other = read(Map.of("testkit.pool.size", "5"), NONE, new Properties());

        assertThat(fromFile).isEqualTo(fromSystem).hasSameHashCodeAs(fromSystem).isNotEqualTo(other)
                .isNotEqualTo("testkit.pool.size=4");
        assertThat(fromFile.hashCode()).isNotEqualTo(other.hashCode());
    }

    @Test
    void loadsAPropertiesFile(@TempDir Path directory) throws IOException {
        Path file = Files.writeString(directory.resolve("testkit.properties"), "testkit.pool.size=4\n# note\nb = 2\n");

        Properties properties = SettingValues.load(file.toUri().toURL());

        assertThat(properties).containsOnly(Map.entry("testkit.pool.size", "4"), Map.entry("b", "2"));
    }

    @Test
    void noFileMeansNoProperties() {
        assertThat(SettingValues.load(null)).isEmpty();
    }

    @Test
    void aFileThatCannotBeReadIsNamed(@TempDir Path directory) throws IOException {
        var missing = directory.resolve("gone.properties").toUri().toURL();

        assertThatThrownBy(() -> SettingValues.load(missing))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessage(missing + " could not be read");
    }
}
