package dev.cryptotracker.testkit;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** How the testkit runs its servers: the values of {@code testkit.provider}. */
public enum ProviderKind {

    /** Docker when an engine answers and has (or can pull) the images, the embedded servers otherwise. */
    AUTO,
    /** PostgreSQL and Redis containers, through Testcontainers. */
    DOCKER,
    /** PostgreSQL and Redis as child processes of the test JVM, from binaries on Maven Central; no Docker. */
    EMBEDDED,
    /** Servers that already run: a database of its own per JVM, and claimed Redis database indexes. */
    EXTERNAL;

    /**
     * The name as written in settings and logs.
     *
     * @return {@code auto}, {@code docker}, {@code embedded} or {@code external}
     */
    public String configValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The kind a setting names, ignoring case.
     *
     * @param value a setting's value, such as {@code embedded}
     * @return the kind, or empty when the value names none
     */
    public static Optional<ProviderKind> fromConfigValue(String value) {
        return Arrays.stream(values()).filter(kind -> kind.configValue().equalsIgnoreCase(value.trim())).findFirst();
    }

    /**
     * Every value a setting may take, for error messages.
     *
     * @return {@code auto, docker, embedded, external}
     */
    public static String allowedValues() {
        return Arrays.stream(values()).map(ProviderKind::configValue).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return configValue();
    }
}
