package dev.cryptotracker.persistence.codegen;

import dev.cryptotracker.testkit.ProviderKind;
import dev.cryptotracker.testkit.Service;
import dev.cryptotracker.testkit.TestkitConfig;
import dev.cryptotracker.testkit.TestkitLease;
import dev.cryptotracker.testkit.TestkitServers;
import dev.cryptotracker.testkit.TestkitSetting;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import org.jooq.codegen.GenerationTool;
import org.jooq.meta.jaxb.Configuration;
import org.jooq.meta.jaxb.Database;
import org.jooq.meta.jaxb.ForcedType;
import org.jooq.meta.jaxb.Generate;
import org.jooq.meta.jaxb.Generator;
import org.jooq.meta.jaxb.Target;

/**
 * Regenerates the committed jOOQ sources from the Flyway migrations, on a real PostgreSQL so that jOOQ reads the
 * schema PostgreSQL actually built, not a parser's idea of it. The server and the migrations come from the testkit's
 * public {@link TestkitServers}, with its provider choice ({@code testkit.provider}); without one set, the embedded
 * provider, so that no Docker is needed and the output does not depend on which server a developer happens to have
 * ({@code persistence/check-jooq-sources.sh} compares against what the embedded server generates).
 *
 * <p>Run through the {@code jooq-codegen} profile: {@code mvn -B -Pjooq-codegen -pl persistence-codegen -am
 * process-classes}. The output is deterministic (no dates or versions in headers), so regenerating an unchanged
 * schema leaves {@code git diff} empty; {@code persistence/check-jooq-sources.sh} relies on that.
 */
public final class RegenerateJooqSources {

    static final String TARGET_PACKAGE = "dev.cryptotracker.persistence.jooq";

    private RegenerateJooqSources() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            throw new IllegalArgumentException(
                    "expected exactly one argument, the output directory (persistence/src/main/jooq), got "
                            + args.length);
        }
        Path output = Path.of(args[0]).toAbsolutePath().normalize();
        Files.createDirectories(output);

        TestkitConfig config = TestkitConfig.fromEnvironment().withMigrations("classpath:db/migration")
                .withSchemas("public");
        if (config.origin(TestkitSetting.PROVIDER).equals("default")) {
            config = config.withProvider(ProviderKind.EMBEDDED);
        }
        try (TestkitServers servers = TestkitServers.start(config, Service.POSTGRES);
             TestkitLease lease = servers.lease(Service.POSTGRES);
             Connection connection = lease.dataSource().getConnection()) {
            GenerationTool tool = new GenerationTool();
            tool.setConnection(connection);
            tool.run(configuration(output));
        }
    }

    static Configuration configuration(Path output) {
        return new Configuration()
                .withGenerator(new Generator()
                        .withDatabase(new Database()
                                .withName("org.jooq.meta.postgres.PostgresDatabase")
                                .withInputSchema("public")
                                // Generated code is not tied to the schema name the tests or the deployment use.
                                .withOutputSchemaToDefault(true)
                                .withIncludes(".*")
                                // Flyway's bookkeeping is not ours; the trigger function is never called from Java.
                                .withExcludes("flyway_schema_history|set_updated_at")
                                .withIncludeRoutines(false)
                                .withIncludeTriggerRoutines(false)
                                .withForcedTypes(new ForcedType()
                                        .withName("INSTANT")
                                        .withIncludeTypes("(?i:timestamp\\ with\\ time\\ zone|timestamptz)")))
                        .withGenerate(new Generate()
                                .withJavaTimeTypes(true)
                                .withGeneratedAnnotation(false)
                                .withGeneratedAnnotationDate(false)
                                .withGeneratedAnnotationJooqVersion(false)
                                .withRecords(true)
                                .withPojos(false)
                                .withDaos(false)
                                .withRoutines(false)
                                .withIndexes(true)
                                .withKeys(true)
                                .withSources(false)
                                .withFluentSetters(true))
                        .withTarget(new Target()
                                .withPackageName(TARGET_PACKAGE)
                                .withDirectory(output.toString())
                                .withEncoding("UTF-8")
                                .withClean(true)));
    }
}
