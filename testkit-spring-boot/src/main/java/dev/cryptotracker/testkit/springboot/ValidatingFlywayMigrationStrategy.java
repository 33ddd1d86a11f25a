package dev.cryptotracker.testkit.springboot;

import dev.cryptotracker.testkit.TestkitConfig;
import dev.cryptotracker.testkit.TestkitSetting;
import java.util.Arrays;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.ValidateResult;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;

/**
 * Spring Boot's Flyway in a testkit context: the testkit migrated the template once per JVM and every lease is a
 * clone of it, so migrating again has nothing to do; this validates instead, and so turns a difference between the
 * application's Flyway configuration and the testkit's into a clear failure rather than tables that no reset knows.
 * Loaded only when spring-boot-flyway is.
 */
final class ValidatingFlywayMigrationStrategy implements FlywayMigrationStrategy {

    private final TestkitConfig config;

    private ValidatingFlywayMigrationStrategy(TestkitConfig config) {
        this.config = config;
    }

    static void register(BeanDefinitionRegistry registry, TestkitConfig config) {
        ValidatingFlywayMigrationStrategy strategy = new ValidatingFlywayMigrationStrategy(config);
        TestkitContextCustomizer.register(registry, "testkitFlywayMigrationStrategy", FlywayMigrationStrategy.class,
                () -> strategy);
    }

    @Override
    public void migrate(Flyway flyway) {
        ValidateResult result;
        try {
            result = inTheTestkitsSchemas(flyway).validateWithResult();
        } catch (FlywayException e) {
            throw mismatch(flyway, e.getMessage(), e);
        }
        if (!result.validationSuccessful) {
            throw mismatch(flyway, result.getAllErrorMessages(), null);
        }
    }

    /**
     * Without {@code spring.flyway.schemas}, Flyway takes the connection's current schema, which follows the user's
     * search path ({@code "$user", public}) and so depends on the provider's user name; the testkit migrated the
     * schemas of {@code testkit.schemas}, so validate those.
     */
    private Flyway inTheTestkitsSchemas(Flyway flyway) {
        if (flyway.getConfiguration().getSchemas().length > 0) {
            return flyway;
        }
        return Flyway.configure(flyway.getConfiguration().getClassLoader())
                .configuration(flyway.getConfiguration())
                .schemas(config.schemas().toArray(String[]::new))
                .load();
    }

    private IllegalStateException mismatch(Flyway flyway, String problem, Throwable cause) {
        String withoutFinalStop = problem.strip().replaceAll("\\.+$", "");
        return new IllegalStateException("Spring Boot's Flyway (locations "
                + Arrays.toString(flyway.getConfiguration().getLocations()) + ") does not match the database that "
                + "the testkit migrated (" + TestkitSetting.MIGRATIONS.key() + "=" + config.migrations() + ", "
                + config.origin(TestkitSetting.MIGRATIONS) + "): " + withoutFinalStop + ". In a test context the "
                + "testkit migrates, once per JVM, and Spring Boot's Flyway only validates: give "
                + "spring.flyway.locations and " + TestkitSetting.MIGRATIONS.key() + " the same locations", cause);
    }
}
