package dev.cryptotracker.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded provider's template cache, run in JVMs of their own with a cache directory of the test's own: a
 * second run starts from the template the first one migrated, a changed migration is migrated afresh, the cache
 * off touches nothing, and JVMs starting at once share one template. Whether a run migrated is read from
 * {@code migration_runs}, where a Flyway callback records when it ran. Needs no Docker: it runs with every provider.
 */
class TemplateCacheIT {

    @TempDir
    Path cache;

    @TempDir
    Path migrations;

    @Test
    void aSecondRunStartsFromTheCachedTemplateWithItsTablesReferenceRowsAndAWorkingReset() throws Exception {
        Run first = run();
        Run second = run();

        assertThat(first.line("MIGRATED")).as("the first run").isEqualTo("HERE");
        assertThat(second.line("MIGRATED")).as("the second run").isEqualTo("BEFORE");
        assertThat(first.line("TEMPLATE_BUILD")).isEqualTo("fromCache=false migrations=6");
        assertThat(second.line("TEMPLATE_BUILD")).isEqualTo("fromCache=true migrations=0");
        assertThat(second.migratedAt()).as("the second run's template, migrated by the first")
                .isEqualTo(first.migratedAt());
        assertThat(second.line("TABLES")).isEqualTo(first.line("TABLES"))
                .contains("owners", "pets", "species", "notes", "migration_runs", "flyway_schema_history");
        assertThat(second.line("MIGRATION_RUNS")).isEqualTo("1");
        assertThat(second.line("SPECIES")).as("reference rows").isEqualTo("2");
        assertThat(second.line("AFTER_RESET")).isEqualTo("owners=0 pets=0 notes=0 species=2");
        assertThat(second.line("NEXT_OWNER_ID")).isEqualTo("1");
        assertThat(entries()).hasSize(1);
    }

    @Test
    void anEditedMigrationIsMigratedAfreshAndCachedUnderAKeyOfItsOwn() throws Exception {
        Path extra = migrations.resolve("V900__extra.sql");
        Files.writeString(extra, "CREATE TABLE extra_one (id int);\n");
        Run original = run(extraLocation());
        Run again = run(extraLocation());

        Files.writeString(extra, "CREATE TABLE extra_two (id int);\n");
        Run edited = run(extraLocation());
        Run editedAgain = run(extraLocation());

        assertThat(again.migratedAt()).as("unchanged migrations: from the cache").isEqualTo(original.migratedAt());
        assertThat(original.line("TABLES")).contains("extra_one").doesNotContain("extra_two");
        assertThat(edited.line("MIGRATED")).as("after the edit").isEqualTo("HERE");
        assertThat(edited.line("TABLES")).contains("extra_two").doesNotContain("extra_one");
        assertThat(editedAgain.migratedAt()).isEqualTo(edited.migratedAt());
        assertThat(editedAgain.line("AFTER_RESET")).isEqualTo("owners=0 pets=0 notes=0 species=2");
        assertThat(entries()).hasSize(2);
    }

    @Test
    void withTheCacheOffNothingIsReadFromItOrWrittenToIt() throws Exception {
        Run cached = run();
        Map<Path, FileTime> before = snapshot();

        Run off = run("-Dtestkit.cache=false");
        Run offAgain = run("-Dtestkit.cache=false");

        assertThat(off.line("MIGRATED")).as("migrated, not read from the cache").isEqualTo("HERE");
        assertThat(offAgain.line("MIGRATED")).isEqualTo("HERE");
        assertThat(List.of(cached.migratedAt(), off.migratedAt(), offAgain.migratedAt())).doesNotHaveDuplicates();
        assertThat(offAgain.line("AFTER_RESET")).isEqualTo("owners=0 pets=0 notes=0 species=2");
        assertThat(snapshot()).as("every file of the cache and its modification time").isEqualTo(before);
    }

    @Test
    void jvmsStartingAtOnceOnAnEmptyCacheAllRunAndShareOneTemplate() throws Exception {
        List<CompletableFuture<Run>> runs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            runs.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return run();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        List<Run> done = runs.stream().map(CompletableFuture::join).toList();

        for (Run run : done) {
            assertThat(run.line("AFTER_RESET")).isEqualTo("owners=0 pets=0 notes=0 species=2");
            assertThat(run.line("CLOSED")).isEmpty();
        }
        assertThat(done).extracting(Run::migratedAt).as("one template, migrated once").containsOnly(
                done.get(0).migratedAt());
        assertThat(entries()).hasSize(1);
        try (Stream<Path> files = Files.list(cache.resolve("postgres-embedded"))) {
            assertThat(files.map(path -> path.getFileName().toString()))
                    .as("nothing half-written left behind").noneMatch(name -> name.startsWith("."));
        }
    }

    private String extraLocation() {
        return "-Dtestkit.migrations=classpath:db/migration,filesystem:" + migrations;
    }

    private Run run(String... settings) throws Exception {
        List<String> options = new ArrayList<>(List.of("-Dtestkit.provider=embedded",
                "-Dtestkit.cache.directory=" + cache));
        options.addAll(List.of(settings));
        String output = ChildJvm.run(CachedTemplateJvm.class, options, Map.of());
        assertThat(output).as("the child JVM's output").contains("CLOSED").doesNotContain("Exception in thread");
        return new Run(output);
    }

    /** The cached templates: one directory per key. */
    private List<Path> entries() throws IOException {
        try (Stream<Path> files = Files.list(cache.resolve("postgres-embedded"))) {
            return files.filter(Files::isDirectory).filter(path -> !path.getFileName().toString().startsWith("."))
                    .toList();
        }
    }

    private Map<Path, FileTime> snapshot() throws IOException {
        Map<Path, FileTime> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(cache)) {
            for (Path path : paths.toList()) {
                files.put(cache.relativize(path), Files.getLastModifiedTime(path));
            }
        }
        return files;
    }

    /** What a child JVM printed, one {@code KEY value} a line. */
    record Run(String output) {

        String line(String key) {
            return output.lines().filter(line -> line.equals(key) || line.startsWith(key + " "))
                    .map(line -> line.substring(key.length()).trim()).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + key + " line in:\n" + output));
        }

        String migratedAt() {
            return line("MIGRATED_AT");
        }
    }
}
