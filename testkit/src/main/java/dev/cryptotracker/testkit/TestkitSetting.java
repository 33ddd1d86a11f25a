package dev.cryptotracker.testkit;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Every setting of the testkit: its key, environment variable, default, allowed values and meaning. This is the one
 * list; the README's configuration table is checked against it by a test, and {@link TestkitConfig} validates every
 * value against it before any server starts.
 *
 * <p>Each key is read first as a system property ({@code -Dtestkit.pool.size=4}), then as an environment variable
 * ({@code TESTKIT_POOL_SIZE=4}), then from {@code testkit.properties} on the classpath; otherwise it takes its
 * default. Annotation attributes and values set in code win over all three.
 */
public enum TestkitSetting {

    /** Which provider runs the servers. */
    PROVIDER("testkit.provider", Kind.PROVIDER, "auto", null,
            "How servers run: `docker`, `embedded`, `external`, or `auto` (Docker when it answers and has the "
                    + "images, else embedded)."),
    /** External provider: JDBC URL of a database whose user may create databases. */
    POSTGRES_URL("testkit.postgres.url", Kind.TEXT, null, "—",
            "`external` only: JDBC URL of a database whose user may create databases."),
    /** External provider: the PostgreSQL user. */
    POSTGRES_USER("testkit.postgres.user", Kind.TEXT, null, "—",
            "`external` only, unless the URL carries it."),
    /** The PostgreSQL password of an external server or of a pre-initialised image. */
    POSTGRES_PASSWORD("testkit.postgres.password", Kind.TEXT, null, "random per container",
            "`external`: the server's password. `docker`: for images whose data directory, and so the password, "
                    + "was made when the image was built."),
    /** External provider: where Redis runs. */
    REDIS_URL("testkit.redis.url", Kind.TEXT, null, "—",
            "`external` only: `redis://host:port`."),
    /** Docker provider: the PostgreSQL image. */
    POSTGRES_IMAGE("testkit.postgres.image", Kind.TEXT, "postgres:17-alpine", null,
            "PostgreSQL image; any image honouring the official image's contract."),
    /** Docker provider: the Redis image. */
    REDIS_IMAGE("testkit.redis.image", Kind.TEXT, "redis:7-alpine", null,
            "Redis image."),
    /** Flyway locations, migrated once per JVM. */
    MIGRATIONS("testkit.migrations", Kind.LIST, "classpath:db/migration", null,
            "Flyway locations, applied once per JVM."),
    /** Schemas that Flyway migrates and every reset cleans. */
    SCHEMAS("testkit.schemas", Kind.LIST, "public", null,
            "Schemas that Flyway migrates and resets empty; unqualified `DatabaseHelper` names are looked up here, "
                    + "in order. Each must exist once the migrations ran."),
    /** Tables whose migrated rows every test relies on. */
    REFERENCE_TABLES("testkit.reference-tables", Kind.LIST, null, "(none)",
            "Tables (`table` or `schema.table`) whose migrated rows survive every reset. `flyway_schema_history` is "
                    + "always kept. Each must exist once the migrations ran."),
    /** Size of each slot's connection pool. */
    POOL_SIZE("testkit.pool.size", Kind.INTEGER, "8", null,
            "Maximum size of each HikariCP pool (`testkit-postgres-N`), 1 to 100."),
    /** HikariCP's leak-detection threshold. */
    LEAK_DETECTION_MS("testkit.pool.leak-detection-ms", Kind.LEAK_THRESHOLD, "10000", null,
            "Hikari leak-detection threshold in ms, 2000 to 3600000; `0` turns it off."),
    /** How long a server may take to start. */
    STARTUP_TIMEOUT_SECONDS("testkit.startup-timeout-seconds", Kind.INTEGER_SECONDS, "120", null,
            "How long to wait for each server to become ready, 1 to 3600 s."),
    /** Docker provider: keep containers for the next run. */
    REUSE("testkit.reuse", Kind.BOOLEAN, "false", null,
            "`true` or `false`: keep the containers after the run and reuse them in the next "
                    + "([Reusing containers](#reusing-containers-across-runs))."),
    /** Whether the migrated PostgreSQL is cached across runs. */
    CACHE("testkit.cache", Kind.BOOLEAN, "true", null,
            "`true` or `false`: `docker` and `embedded` keep the migrated PostgreSQL and start later runs from it "
                    + "while nothing it was built from has changed ([The template cache](#the-template-cache))."),
    /** Where the embedded provider keeps its cached data directories. */
    CACHE_DIRECTORY("testkit.cache.directory", Kind.TEXT, null, "`~/.cache/cryptotracker-testkit`",
            "`embedded`: the directory of the template cache. `docker` keeps its cache as images."),
    ;

    private final String key;
    private final Kind kind;
    private final String defaultValue;
    private final String defaultDescription;
    private final String description;

    TestkitSetting(String key, Kind kind, String defaultValue, String defaultDescription, String description) {
        this.key = key;
        this.kind = kind;
        this.defaultValue = defaultValue;
        this.defaultDescription = defaultDescription;
        this.description = description;
    }

    /**
     * The key, as a system property or in {@code testkit.properties}.
     *
     * @return for example {@code testkit.pool.size}
     */
    public String key() {
        return key;
    }

    /**
     * The environment variable read when no system property is set.
     *
     * @return for example {@code TESTKIT_POOL_SIZE}
     */
    public String environmentVariable() {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /**
     * The value used when nothing is configured.
     *
     * @return the default, or empty when the setting has none
     */
    public Optional<String> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    /**
     * The default as the README states it.
     *
     * @return the default value in backticks, or what happens when the setting is not set
     */
    public String defaultDescription() {
        return defaultDescription != null ? defaultDescription : "`" + defaultValue + "`";
    }

    /**
     * What the setting means, with its allowed values; the README's "meaning" column.
     *
     * @return one or two sentences in Markdown
     */
    public String description() {
        return description;
    }

    /**
     * The setting with this key.
     *
     * @param key a key such as {@code testkit.pool.size}
     * @return the setting, or empty when the key is not the testkit's
     */
    public static Optional<TestkitSetting> forKey(String key) {
        return Arrays.stream(values()).filter(setting -> setting.key.equals(key)).findFirst();
    }

    /**
     * Checks a value and says what is wrong with it.
     *
     * @param value a trimmed, non-empty value
     * @return why the value is not allowed ("use a whole number from 1 to 100"), or empty when it is
     */
    public Optional<String> problem(String value) {
        return kind.problem(value);
    }

    /**
     * Every key, in declaration order.
     *
     * @return the keys
     */
    public static List<String> keys() {
        return Arrays.stream(values()).map(TestkitSetting::key).toList();
    }

    /** What a setting's value may be. */
    enum Kind {
        TEXT, LIST,
        PROVIDER {
            @Override
            Optional<String> problem(String value) {
                return ProviderKind.fromConfigValue(value).isPresent() ? Optional.empty()
                        : Optional.of("use one of: " + ProviderKind.allowedValues());
            }
        },
        BOOLEAN {
            @Override
            Optional<String> problem(String value) {
                return value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false") ? Optional.empty()
                        : Optional.of("use true or false");
            }
        },
        INTEGER {
            @Override
            Optional<String> problem(String value) {
                return range(value, 1, 100, "a whole number from 1 to 100");
            }
        },
        INTEGER_SECONDS {
            @Override
            Optional<String> problem(String value) {
                return range(value, 1, 3600, "a whole number of seconds from 1 to 3600");
            }
        },
        LEAK_THRESHOLD {
            @Override
            Optional<String> problem(String value) {
                // HikariCP ignores thresholds below 2 s; say so instead of switching detection off silently.
                return "0".equals(value) ? Optional.empty()
                        : range(value, 2_000, 3_600_000, "0 (off) or a whole number of ms from 2000 to 3600000");
            }
        };

        Optional<String> problem(String value) {
            return Optional.empty();
        }

        private static Optional<String> range(String value, long min, long max, String expected) {
            try {
                long number = Long.parseLong(value);
                return number >= min && number <= max ? Optional.empty() : Optional.of("use " + expected);
            } catch (NumberFormatException e) {
                return Optional.of("use " + expected);
            }
        }
    }
}
