package dev.cryptotracker.testkit.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;

/**
 * The testkit's settings. Each key is looked up as a system property ({@code testkit.postgres.image}), then as an
 * environment variable ({@code TESTKIT_POSTGRES_IMAGE}), then in {@code testkit.properties} on the classpath,
 * then falls back to its default.
 */
public final class TestkitSettings {

    /** Official images, pinned; never {@code latest}. */
    public static final String DEFAULT_POSTGRES_IMAGE = "postgres:17-alpine";
    public static final String DEFAULT_REDIS_IMAGE = "redis:7-alpine";

    public static final String PROVIDER = "testkit.provider";
    public static final String POSTGRES_IMAGE = "testkit.postgres.image";
    public static final String REDIS_IMAGE = "testkit.redis.image";
    /** For images whose data directory, and so the password, was set when the image was built. */
    public static final String POSTGRES_PASSWORD = "testkit.postgres.password";
    public static final String MIGRATIONS = "testkit.migrations";
    public static final String SCHEMAS = "testkit.schemas";
    public static final String REFERENCE_TABLES = "testkit.reference-tables";
    public static final String POOL_SIZE = "testkit.pool.size";
    public static final String LEAK_DETECTION_MS = "testkit.pool.leak-detection-ms";
    public static final String STARTUP_TIMEOUT_SECONDS = "testkit.startup-timeout-seconds";
    /** Keep containers running after the JVM ends and reuse them in the next run (Testcontainers' reuse). */
    public static final String REUSE = "testkit.reuse";

    private final Function<String, String> systemProperties;
    private final Function<String, String> environment;
    private final Properties file;

    TestkitSettings(Function<String, String> systemProperties, Function<String, String> environment, Properties file) {
        this.systemProperties = systemProperties;
        this.environment = environment;
        this.file = file;
    }

    /** Settings from this JVM's system properties, environment and {@code testkit.properties}. */
    public static TestkitSettings fromEnvironment() {
        return new TestkitSettings(System::getProperty, System::getenv, loadFile());
    }

    /** Settings from explicit maps, for tests of the settings themselves. */
    public static TestkitSettings of(Map<String, String> systemProperties, Map<String, String> environment,
                                     Properties file) {
        return new TestkitSettings(systemProperties::get, environment::get, file);
    }

    private static Properties loadFile() {
        Properties properties = new Properties();
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try (InputStream in = loader == null ? null : loader.getResourceAsStream("testkit.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("testkit.properties on the classpath could not be read", e);
        }
        return properties;
    }

    /** The environment variable name of a key: {@code testkit.pool.size} → {@code TESTKIT_POOL_SIZE}. */
    public static String environmentName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    public Optional<String> get(String key) {
        return first(systemProperties.apply(key), environment.apply(environmentName(key)), file.getProperty(key));
    }

    private static Optional<String> first(String... values) {
        return Arrays.stream(values).filter(v -> v != null && !v.isBlank()).map(String::trim).findFirst();
    }

    public String get(String key, String fallback) {
        return get(key).orElse(fallback);
    }

    public List<String> list(String key, List<String> fallback) {
        return get(key).map(TestkitSettings::split).orElse(fallback);
    }

    public int integer(String key, int fallback) {
        String value = get(key, String.valueOf(fallback));
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, was '" + value + "'", e);
        }
    }

    public String postgresImage() {
        return get(POSTGRES_IMAGE, DEFAULT_POSTGRES_IMAGE);
    }

    public String redisImage() {
        return get(REDIS_IMAGE, DEFAULT_REDIS_IMAGE);
    }

    public List<String> schemas() {
        return list(SCHEMAS, List.of("public"));
    }

    static List<String> split(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
