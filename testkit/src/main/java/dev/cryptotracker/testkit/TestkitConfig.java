package dev.cryptotracker.testkit;

import dev.cryptotracker.testkit.internal.SettingValues;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * The testkit's settings, read once and checked as a whole before any server starts: every key of
 * {@link TestkitSetting} with its value and where the value came from. Immutable; the {@code with…} methods return
 * a changed copy, checked again.
 *
 * <pre>{@code
 * TestkitConfig config = TestkitConfig.fromEnvironment()          // -D…, TESTKIT_…, testkit.properties
 *         .withMigrations("classpath:db/migration")
 *         .withReferenceTables("genres");
 * }</pre>
 *
 * <p>A value that is not allowed fails with a {@link TestkitConfigurationException} naming the key, the value and
 * where it was read from ("testkit.pool.size is '0' (system property -Dtestkit.pool.size): use a whole number from
 * 1 to 100"); every bad value is listed at once. So does a key in {@code testkit.properties} that the testkit does
 * not know, which is usually a typo.
 */
public final class TestkitConfig {

    /** The file read from the classpath. */
    public static final String PROPERTIES_FILE = "testkit.properties";

    private final SettingValues values;

    private TestkitConfig(SettingValues values) {
        this.values = values;
    }

    /**
     * The settings of this JVM: system properties, then environment variables, then {@value #PROPERTIES_FILE} on
     * the context class loader's classpath, then defaults.
     *
     * @return the checked settings
     * @throws TestkitConfigurationException when a value is not allowed or the file names an unknown key
     */
    public static TestkitConfig fromEnvironment() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        URL file = (loader != null ? loader : TestkitConfig.class.getClassLoader()).getResource(PROPERTIES_FILE);
        return new TestkitConfig(SettingValues.read(System::getProperty, System::getenv, SettingValues.load(file),
                file == null ? PROPERTIES_FILE : PROPERTIES_FILE + " (" + file + ")"));
    }

    /**
     * Settings from explicit sources, in the same order of precedence as {@link #fromEnvironment()}.
     *
     * @param systemProperties values by key, such as {@code testkit.pool.size}
     * @param environment      values by environment variable, such as {@code TESTKIT_POOL_SIZE}
     * @param file             the contents of a {@value #PROPERTIES_FILE}
     * @return the checked settings
     * @throws TestkitConfigurationException when a value is not allowed or the file names an unknown key
     */
    public static TestkitConfig from(Map<String, String> systemProperties, Map<String, String> environment,
                                     Properties file) {
        return new TestkitConfig(SettingValues.read(systemProperties::get, environment::get, file, PROPERTIES_FILE));
    }

    /**
     * Only the defaults, whatever this JVM's properties and environment say.
     *
     * @return the default settings
     */
    public static TestkitConfig defaults() {
        return from(Map.of(), Map.of(), new Properties());
    }

    /**
     * A copy with one setting changed, as if set in code.
     *
     * @param setting the setting
     * @param value   its new value; {@code null} or blank for the default
     * @return the changed, checked copy
     * @throws TestkitConfigurationException when the value is not allowed
     */
    public TestkitConfig with(TestkitSetting setting, String value) {
        return with(setting, value, "set in code");
    }

    /**
     * A copy with one setting changed, naming where the new value comes from in errors.
     *
     * @param setting the setting
     * @param value   its new value; {@code null} or blank for the default
     * @param origin  where the value comes from, such as {@code @Testkit(migrations) on FooIT}
     * @return the changed, checked copy
     * @throws TestkitConfigurationException when the value is not allowed
     */
    public TestkitConfig with(TestkitSetting setting, String value, String origin) {
        return new TestkitConfig(values.with(setting, value, origin));
    }

    /**
     * A copy with another provider.
     *
     * @param provider the provider
     * @return the changed copy
     */
    public TestkitConfig withProvider(ProviderKind provider) {
        return with(TestkitSetting.PROVIDER, provider.configValue());
    }

    /**
     * A copy with other Flyway locations.
     *
     * @param locations such as {@code classpath:db/migration}
     * @return the changed copy
     */
    public TestkitConfig withMigrations(String... locations) {
        return with(TestkitSetting.MIGRATIONS, String.join(",", locations));
    }

    /**
     * A copy with other schemas.
     *
     * @param schemas the schemas Flyway migrates and every reset cleans
     * @return the changed copy
     */
    public TestkitConfig withSchemas(String... schemas) {
        return with(TestkitSetting.SCHEMAS, String.join(",", schemas));
    }

    /**
     * A copy with other reference tables.
     *
     * @param tables tables whose migrated rows every test sees, as {@code table} or {@code schema.table}
     * @return the changed copy
     */
    public TestkitConfig withReferenceTables(String... tables) {
        return with(TestkitSetting.REFERENCE_TABLES, String.join(",", tables));
    }

    /**
     * A setting's value as configured.
     *
     * @param setting the setting
     * @return the value, or empty when neither set nor defaulted
     */
    public Optional<String> value(TestkitSetting setting) {
        return values.raw(setting);
    }

    /**
     * Where a setting's value was read from, as errors name it.
     *
     * @param setting the setting
     * @return for example {@code environment variable TESTKIT_POOL_SIZE}, or {@code default}
     */
    public String origin(TestkitSetting setting) {
        return values.origin(setting);
    }

    /** @return the provider that runs the servers */
    public ProviderKind provider() {
        return ProviderKind.fromConfigValue(required(TestkitSetting.PROVIDER)).orElseThrow();
    }

    /** @return the PostgreSQL image of the Docker provider */
    public String postgresImage() {
        return required(TestkitSetting.POSTGRES_IMAGE);
    }

    /** @return the Redis image of the Docker provider */
    public String redisImage() {
        return required(TestkitSetting.REDIS_IMAGE);
    }

    /** @return the external provider's JDBC URL, if set */
    public Optional<String> postgresUrl() {
        return value(TestkitSetting.POSTGRES_URL);
    }

    /** @return the external provider's PostgreSQL user, if set */
    public Optional<String> postgresUser() {
        return value(TestkitSetting.POSTGRES_USER);
    }

    /** @return the configured PostgreSQL password, if set */
    public Optional<String> postgresPassword() {
        return value(TestkitSetting.POSTGRES_PASSWORD);
    }

    /** @return the external provider's Redis URL, if set */
    public Optional<String> redisUrl() {
        return value(TestkitSetting.REDIS_URL);
    }

    /** @return the Flyway locations */
    public List<String> migrations() {
        return list(TestkitSetting.MIGRATIONS);
    }

    /** @return the schemas Flyway migrates and every reset cleans, in lookup order */
    public List<String> schemas() {
        return list(TestkitSetting.SCHEMAS);
    }

    /** @return the tables whose migrated rows survive every reset */
    public List<String> referenceTables() {
        return list(TestkitSetting.REFERENCE_TABLES);
    }

    /** @return the maximum size of each slot's pool */
    public int poolSize() {
        return Integer.parseInt(required(TestkitSetting.POOL_SIZE));
    }

    /** @return HikariCP's leak-detection threshold; zero when off */
    public Duration leakDetectionThreshold() {
        return Duration.ofMillis(Long.parseLong(required(TestkitSetting.LEAK_DETECTION_MS)));
    }

    /** @return how long each server may take to become ready */
    public Duration startupTimeout() {
        return Duration.ofSeconds(Long.parseLong(required(TestkitSetting.STARTUP_TIMEOUT_SECONDS)));
    }

    /** @return whether containers are kept and reused across runs */
    public boolean reuse() {
        return Boolean.parseBoolean(required(TestkitSetting.REUSE));
    }

    /** @return whether the migrated PostgreSQL is cached across runs */
    public boolean cache() {
        return Boolean.parseBoolean(required(TestkitSetting.CACHE));
    }

    /** @return where the embedded provider keeps its cached data directories */
    public Path cacheDirectory() {
        return value(TestkitSetting.CACHE_DIRECTORY).map(Path::of)
                .orElseGet(() -> Path.of(System.getProperty("user.home"), ".cache", "cryptotracker-testkit"));
    }

    /**
     * Whether another configuration migrates the same way: same locations, schemas and reference tables. Servers
     * are migrated once per JVM, so every user of them must agree on this.
     *
     * @param other another configuration
     * @return whether both would build the same template database
     */
    public boolean sameSchemaSetup(TestkitConfig other) {
        return migrations().equals(other.migrations()) && schemas().equals(other.schemas())
                && referenceTables().equals(other.referenceTables());
    }

    /** @return migrations, schemas and reference tables, for messages */
    public String schemaSetup() {
        return "migrations " + migrations() + ", schemas " + schemas() + ", reference tables " + referenceTables();
    }

    private String required(TestkitSetting setting) {
        return value(setting).orElseThrow(() -> new IllegalStateException(setting.key() + " has no value"));
    }

    private List<String> list(TestkitSetting setting) {
        return value(setting).map(TestkitConfig::split).orElse(List.of());
    }

    static List<String> split(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(part -> !part.isEmpty()).toList();
    }

    /** Every setting with its value; the password is masked. */
    @Override
    public String toString() {
        return Arrays.stream(TestkitSetting.values())
                .map(setting -> setting.key() + "=" + (setting == TestkitSetting.POSTGRES_PASSWORD
                        ? value(setting).map(password -> "***").orElse(null) : value(setting).orElse(null)))
                .collect(Collectors.joining(", ", "TestkitConfig[", "]"));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TestkitConfig config && values.equals(config.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }
}
