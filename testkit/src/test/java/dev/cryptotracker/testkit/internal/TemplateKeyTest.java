package dev.cryptotracker.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cryptotracker.testkit.TestkitConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The template cache key: whatever decides the migrated template's content changes it, nothing else does. */
class TemplateKeyTest {

    private static final String SERVER = "embedded some-binaries.jar";

    @TempDir
    Path migrations;

    private TestkitConfig config;

    @BeforeEach
    void migrationsOnTheFileSystem() throws IOException {
        Files.writeString(migrations.resolve("V1__first.sql"), "CREATE TABLE a (id int);\n");
        Files.createDirectories(migrations.resolve("nested"));
        Files.writeString(migrations.resolve("nested").resolve("V2__second.sql"), "CREATE TABLE b (id int);\n");
        config = TestkitConfig.defaults().withMigrations("filesystem:" + migrations);
    }

    @Test
    void staysTheSameForTheSameMigrationsAndServer() {
        assertThat(key(config, SERVER)).isEqualTo(key(config, SERVER)).matches("[0-9a-f]{32}");
    }

    @Test
    void changesWhenAMigrationIsEditedEvenByOneCharacter() throws IOException {
        String before = key(config, SERVER);

        Files.writeString(migrations.resolve("nested").resolve("V2__second.sql"), "CREATE TABLE b (id int) ;\n");

        assertThat(key(config, SERVER)).isNotEqualTo(before);
    }

    @Test
    void changesWhenAFileIsAddedOrRenamedWhateverItsKind() throws IOException {
        String before = key(config, SERVER);
        Files.write(migrations.resolve("V3__java_migration.class"), new byte[] {(byte) 0xCA, (byte) 0xFE});
        String added = key(config, SERVER);
        Files.move(migrations.resolve("V3__java_migration.class"), migrations.resolve("V4__java_migration.class"));

        assertThat(added).isNotEqualTo(before);
        assertThat(key(config, SERVER)).isNotEqualTo(added).isNotEqualTo(before);
    }

    @Test
    void changesWithTheServerSchemasReferenceTablesAndLocations() {
        String before = key(config, SERVER);

        assertThat(key(config, "docker sha256:another-image")).isNotEqualTo(before);
        assertThat(key(config.withSchemas("public", "extra"), SERVER)).isNotEqualTo(before);
        assertThat(key(config.withReferenceTables("a"), SERVER)).isNotEqualTo(before);
        assertThat(key(config.withMigrations("filesystem:" + migrations, "classpath:db/migration"), SERVER))
                .isNotEqualTo(before);
    }

    @Test
    void readsClasspathLocationsInDirectoriesAndJarsAlike() throws Exception {
        // db/migration is in this module's test classes; META-INF/maven/org.flywaydb is inside Flyway's jar.
        TemplateKey.Result directory = TemplateKey.of(TestkitConfig.defaults(), getClass().getClassLoader(), SERVER);
        TemplateKey.Result jar = TemplateKey.of(TestkitConfig.defaults()
                .withMigrations("classpath:META-INF/maven/org.flywaydb"), getClass().getClassLoader(), SERVER);

        assertThat(directory.key().orElseThrow().description())
                .contains("location classpath:db/migration: " + filesIn("db/migration") + " files");
        assertThat(jar.key().orElseThrow().description()).containsPattern("META-INF/maven/org.flywaydb: [1-9]\\d* files");
    }

    @Test
    void refusesLocationsItCannotReadAndSaysWhy() {
        TemplateKey.Result wildcard = TemplateKey.of(config.withMigrations("classpath:db/**/migration"),
                getClass().getClassLoader(), SERVER);
        TemplateKey.Result cloud = TemplateKey.of(config.withMigrations("s3:bucket/migrations"),
                getClass().getClassLoader(), SERVER);

        assertThat(wildcard.key()).isEmpty();
        assertThat(wildcard.uncacheable()).contains("classpath:db/**/migration").contains("wildcard");
        assertThat(cloud.key()).isEmpty();
        assertThat(cloud.uncacheable()).contains("s3:bucket/migrations");
    }

    private long filesIn(String directory) throws Exception {
        try (var files = Files.walk(Path.of(getClass().getClassLoader().getResource(directory).toURI()))) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    private String key(TestkitConfig configuration, String server) {
        return TemplateKey.of(configuration, getClass().getClassLoader(), server).key().orElseThrow().hash();
    }
}
