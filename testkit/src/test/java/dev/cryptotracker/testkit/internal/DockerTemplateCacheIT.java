package dev.cryptotracker.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.cryptotracker.testkit.CachedTemplateJvm;
import dev.cryptotracker.testkit.TestkitConfig;
import dev.cryptotracker.testkit.TestkitSetting;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;

/**
 * The Docker provider's template cache, run in JVMs of their own: a committed image serves the next run with a
 * password of its own, a changed migration gets an image of its own, JVMs building one at once both run, and the
 * cache off neither reads nor commits. Every test adds a migration of its own (a table with a random name), so its
 * first run never finds an image of an earlier test; the images it made are removed afterwards.
 *
 * <p>A test of the Docker provider itself: where this machine's Docker cannot run the testkit's servers, it checks
 * the fallback instead (see {@link DockerProviderAvailability}).
 */
class DockerTemplateCacheIT {

    @TempDir
    Path migrations;

    private final List<String> keys = new ArrayList<>();

    @AfterEach
    void removeTheImagesOfThisTest() {
        for (String key : keys) {
            try {
                docker().removeImageCmd(DockerTemplateCache.REPOSITORY + ":" + key).withForce(true).exec();
            } catch (NotFoundException e) {
                // Not made, or replaced and removed already.
            }
        }
    }

    @Test
    void aSecondRunStartsFromTheCachedImageWithAPasswordOfItsOwnAndAWorkingReset() throws Exception {
        if (!DockerProviderAvailability.dockerUsable()) {
            DockerProviderAvailability.assertFallbackExplained();
            return;
        }
        migration("CREATE TABLE extra_" + JvmIdentity.randomHex(4) + " (id int);");

        Run first = run();
        Run second = run();

        assertThat(first.line("MIGRATED")).isEqualTo("HERE");
        assertThat(second.line("MIGRATED")).as("the second run's template").isEqualTo("BEFORE");
        assertThat(second.line("MIGRATED_AT")).isEqualTo(first.line("MIGRATED_AT"));
        assertThat(second.line("TABLES")).isEqualTo(first.line("TABLES")).contains("owners", "pets", "extra_");
        assertThat(second.line("SPECIES")).as("reference rows").isEqualTo("2");
        assertThat(second.line("AFTER_RESET")).isEqualTo("owners=0 pets=0 notes=0 species=2");
        assertThat(second.line("NEXT_OWNER_ID")).isEqualTo("1");
        assertThat(second.line("PASSWORD_DIGEST")).as("a new random password").isNotEqualTo(
                first.line("PASSWORD_DIGEST"));
        assertThat(second.line("SCRAM_ITERATIONS")).as("the new password's SCRAM iterations: random, so one will do")
                .isEqualTo("1");
        assertThat(first.line("SCRAM_ITERATIONS")).as("the image's own password, set by its entrypoint")
                .isEqualTo("4096");
        InspectImageResponse image = image(key()).orElseThrow();
        assertThat(image.getConfig().getEnv()).as("the image's environment")
                .contains("POSTGRES_PASSWORD=set-for-each-container").anyMatch(variable -> variable.startsWith("PGDATA="))
                .noneMatch(variable -> variable.startsWith("POSTGRES_PASSWORD=tk-"));
        assertThat(image.getConfig().getLabels()).containsEntry(ContainerSweeper.PID_LABEL, "")
                .containsEntry("org.testcontainers.sessionId", "");
    }

    @Test
    void anEditedMigrationGetsAnImageOfItsOwnAndJvmsBuildingItAtOnceBothRun() throws Exception {
        if (!DockerProviderAvailability.dockerUsable()) {
            DockerProviderAvailability.assertFallbackExplained();
            return;
        }
        String table = "extra_" + JvmIdentity.randomHex(4);
        migration("CREATE TABLE " + table + " (id int);");
        Run original = run();
        String originalKey = key();

        migration("CREATE TABLE " + table + "_edited (id int);");
        CompletableFuture<Run> one = CompletableFuture.supplyAsync(this::runUnchecked);
        CompletableFuture<Run> other = CompletableFuture.supplyAsync(this::runUnchecked);
        List<Run> atOnce = List.of(one.join(), other.join());
        Run after = run();

        assertThat(original.line("MIGRATED")).isEqualTo("HERE");
        assertThat(key()).as("the edited migration's key").isNotEqualTo(originalKey);
        assertThat(image(originalKey)).as("the original's image").isPresent();
        assertThat(image(key())).as("the edited one's image").isPresent();
        for (Run run : atOnce) {
            assertThat(run.line("TABLES")).contains(table + "_edited");
            assertThat(run.line("AFTER_RESET")).isEqualTo("owners=0 pets=0 notes=0 species=2");
        }
        assertThat(after.line("MIGRATED")).as("a run after both").isEqualTo("BEFORE");
        assertThat(after.line("MIGRATED_AT")).isIn(atOnce.get(0).line("MIGRATED_AT"),
                atOnce.get(1).line("MIGRATED_AT"));
        assertThat(after.line("TABLES")).contains(table + "_edited");
    }

    @Test
    void withTheCacheOffNoImageIsReadOrCommitted() throws Exception {
        if (!DockerProviderAvailability.dockerUsable()) {
            DockerProviderAvailability.assertFallbackExplained();
            return;
        }
        migration("CREATE TABLE extra_" + JvmIdentity.randomHex(4) + " (id int);");

        Run off = run("-Dtestkit.cache=false");
        Optional<InspectImageResponse> afterOff = image(key());
        Run on = run();
        InspectImageResponse committed = image(key()).orElseThrow();
        Run offAgain = run("-Dtestkit.cache=false");

        assertThat(off.line("MIGRATED")).isEqualTo("HERE");
        assertThat(afterOff).as("an image after a run with the cache off").isEmpty();
        assertThat(on.line("MIGRATED")).isEqualTo("HERE");
        assertThat(offAgain.line("MIGRATED")).as("with the cache off, although an image exists").isEqualTo("HERE");
        assertThat(offAgain.line("AFTER_RESET")).isEqualTo("owners=0 pets=0 notes=0 species=2");
        assertThat(image(key()).orElseThrow().getId()).as("the image, not committed again")
                .isEqualTo(committed.getId());
    }

    private void migration(String sql) throws Exception {
        Files.writeString(migrations.resolve("V900__extra.sql"), sql + "\n", StandardCharsets.UTF_8);
    }

    private String location() {
        return "classpath:db/migration,filesystem:" + migrations;
    }

    /** The key the child JVMs compute: same classpath, settings and image. */
    private String key() {
        TestkitConfig config = TestkitConfig.fromEnvironment().with(TestkitSetting.MIGRATIONS, location());
        DockerTemplateCache cache = new DockerTemplateCache(config, getClass().getClassLoader());
        String key = cache.baseImage(config.postgresImage()).map(DockerTemplateCache.BaseImage::id)
                .flatMap(cache::key).orElseThrow().hash();
        if (!keys.contains(key)) {
            keys.add(key);
        }
        return key;
    }

    private static Optional<InspectImageResponse> image(String key) {
        try {
            return Optional.of(docker().inspectImageCmd(DockerTemplateCache.REPOSITORY + ":" + key).exec());
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    private static DockerClient docker() {
        return DockerClientFactory.instance().client();
    }

    private Run runUnchecked() {
        try {
            return run();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Run run(String... settings) throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        List<String> command = new ArrayList<>(List.of(java, "-Dtestkit.provider=docker",
                "-Dtestkit.migrations=" + location()));
        command.addAll(Arrays.asList(settings));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), CachedTemplateJvm.class.getName()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // Settings of this run's external servers (CI runs this class on the external provider too) are not the
        // child's: a fixed password, for one, turns the template cache off.
        builder.environment().keySet().removeAll(List.of("TESTKIT_PROVIDER", "TESTKIT_POSTGRES_URL",
                "TESTKIT_POSTGRES_USER", "TESTKIT_POSTGRES_PASSWORD", "TESTKIT_REDIS_URL"));
        Process child = builder.start();
        byte[] output = child.getInputStream().readAllBytes();
        assertThat(child.waitFor(180, TimeUnit.SECONDS)).as("child JVM ended").isTrue();
        String text = new String(output, StandardCharsets.UTF_8);
        assertThat(text).as("the child JVM's output").contains("CLOSED").doesNotContain("Exception in thread");
        return new Run(text);
    }

    /** What a child JVM printed, one {@code KEY value} a line. */
    private record Run(String output) {

        String line(String key) {
            return output.lines().filter(line -> line.startsWith(key + " "))
                    .map(line -> line.substring(key.length()).trim()).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + key + " line in:\n" + output));
        }
    }
}
