package dev.cryptotracker.testkit;

import java.time.Duration;

/**
 * How this set of servers got its migrated template, the database every lease's clone is made from: from the
 * template cache (nothing migrated in this run), or by applying the migrations and installing the testkit's reset.
 *
 * @param fromCache         whether the template came from the template cache, already migrated
 * @param migrationsApplied how many migrations Flyway applied; 0 when {@code fromCache}
 * @param migrationTime     how long Flyway took; zero when {@code fromCache}
 * @param installTime       how long installing the reset (its triggers, markers and snapshots) took; zero when
 *                          {@code fromCache}
 */
public record TemplateBuild(boolean fromCache, int migrationsApplied, Duration migrationTime, Duration installTime) {

    /** A template that came from the cache: nothing was migrated or installed. */
    public static final TemplateBuild FROM_CACHE = new TemplateBuild(true, 0, Duration.ZERO, Duration.ZERO);
}
