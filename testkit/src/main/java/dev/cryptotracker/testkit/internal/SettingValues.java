package dev.cryptotracker.testkit.internal;

import dev.cryptotracker.testkit.TestkitConfigurationException;
import dev.cryptotracker.testkit.TestkitSetting;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The raw value of every setting and where it was read from, checked as a whole: what
 * {@link dev.cryptotracker.testkit.TestkitConfig} is made of. Immutable.
 */
public final class SettingValues {

    private static final String DEFAULT = "default";

    private final Map<TestkitSetting, Value> values;

    private SettingValues(Map<TestkitSetting, Value> values) {
        this.values = Collections.unmodifiableMap(new EnumMap<>(values));
    }

    /**
     * Reads every setting: system property, then environment variable, then the file, then the default.
     *
     * @throws TestkitConfigurationException listing every value that is not allowed, and every key of the file
     *                                       that is not a setting
     */
    public static SettingValues read(Function<String, String> systemProperties, Function<String, String> environment,
                                     Properties file, String fileName) {
        List<String> problems = new ArrayList<>();
        for (String key : file.stringPropertyNames()) {
            if (key.startsWith("testkit.") && TestkitSetting.forKey(key).isEmpty()) {
                problems.add(fileName + " names '" + key + "', which is not a testkit setting; known settings: "
                        + String.join(", ", TestkitSetting.keys()));
            }
        }
        Map<TestkitSetting, Value> values = new EnumMap<>(TestkitSetting.class);
        for (TestkitSetting setting : TestkitSetting.values()) {
            values.put(setting, Stream.of(
                            Value.of(systemProperties.apply(setting.key()), "system property -D" + setting.key()),
                            Value.of(environment.apply(setting.environmentVariable()),
                                    "environment variable " + setting.environmentVariable()),
                            Value.of(file.getProperty(setting.key()), fileName))
                    .flatMap(Optional::stream).findFirst().orElseGet(() -> Value.defaultOf(setting)));
        }
        return checked(values, problems);
    }

    /** The contents of a properties file, or none when there is no file. */
    public static Properties load(URL file) {
        Properties properties = new Properties();
        if (file != null) {
            try (InputStream in = file.openStream()) {
                properties.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(file + " could not be read", e);
            }
        }
        return properties;
    }

    /** A copy with one value replaced; blank means the default. */
    public SettingValues with(TestkitSetting setting, String raw, String origin) {
        Map<TestkitSetting, Value> changed = new EnumMap<>(values);
        changed.put(setting, Value.of(raw, origin).orElseGet(() -> Value.defaultOf(setting)));
        return checked(changed, new ArrayList<>());
    }

    public Optional<String> raw(TestkitSetting setting) {
        return Optional.ofNullable(values.get(setting).raw());
    }

    public String origin(TestkitSetting setting) {
        return values.get(setting).origin();
    }

    private static SettingValues checked(Map<TestkitSetting, Value> values, List<String> problems) {
        values.forEach((setting, value) -> {
            if (value.raw() != null) {
                setting.problem(value.raw()).ifPresent(problem -> problems.add(setting.key() + " is '"
                        + (setting == TestkitSetting.POSTGRES_PASSWORD ? "***" : value.raw()) + "' ("
                        + value.origin() + "): " + problem));
            }
        });
        if (!problems.isEmpty()) {
            throw new TestkitConfigurationException(problems.size() == 1 ? problems.get(0)
                    : "the testkit's settings have " + problems.size() + " problems:\n  - "
                    + String.join("\n  - ", problems));
        }
        return new SettingValues(values);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SettingValues that && rawValues().equals(that.rawValues());
    }

    @Override
    public int hashCode() {
        return rawValues().hashCode();
    }

    private Map<TestkitSetting, Optional<String>> rawValues() {
        Map<TestkitSetting, Optional<String>> raw = new EnumMap<>(TestkitSetting.class);
        values.keySet().forEach(setting -> raw.put(setting, raw(setting)));
        return raw;
    }

    /** A value and where it came from. */
    private record Value(String raw, String origin) {

        static Optional<Value> of(String raw, String origin) {
            return raw == null || raw.isBlank() ? Optional.empty() : Optional.of(new Value(raw.trim(), origin));
        }

        static Value defaultOf(TestkitSetting setting) {
            return new Value(setting.defaultValue().orElse(null), DEFAULT);
        }
    }
}
