package dev.cryptotracker.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A start that fails is remembered for the JVM: the first class fails with the cause (a migration's SQL error,
 * named), and every later class fails at once with that same cause instead of trying again or with a follow-on
 * error. Settings are checked before anything starts: a bad value fails the first class naming the key, the value
 * and where it came from, and no server is started.
 */
class FailedStartIT {

    @Test
    void aBrokenMigrationFailsTheFirstClassWithItsErrorAndEveryLaterClassWithTheSameCause() throws Exception {
        String output = ChildJvm.probe("-Dtestkit.migrations=classpath:db/broken", Map.of(), FirstClass.class,
                SecondClass.class);

        assertThat(output).contains("V1__broken.sql").contains("type \"txet\" does not exist")
                .contains("SUCCEEDED 0");
        List<String> failures = output.lines().filter(line -> line.startsWith("FAILED ")).toList();
        assertThat(failures).hasSize(2);
        assertThat(failures.get(0)).contains("FirstClass]").contains("V1__broken.sql");
        assertThat(failures.get(1)).contains("SecondClass]")
                .contains("the testkit's PostgreSQL failed earlier in this JVM, so no test that needs it can run; the "
                        + "first failure was: ")
                .contains("V1__broken.sql");
        assertThat(count(output, "FlywayMigrateException")).as("migrations tried once, not again for the second class")
                .isEqualTo(1);
    }

    @Test
    void aSettingOutOfRangeFailsBeforeAnyServerStartsNamingKeyValueAndOrigin() throws Exception {
        String output = ChildJvm.probe("-Dtestkit.pool.size=0", Map.of("TESTKIT_STARTUP_TIMEOUT_SECONDS", "-5"),
                FirstClass.class);

        assertThat(output)
                .contains("FAILED org.junit.jupiter.api.extension.ExtensionConfigurationException: the testkit's "
                        + "settings have 2 problems:")
                .contains("testkit.pool.size is '0' (system property -Dtestkit.pool.size): use a whole number from 1 "
                        + "to 100")
                .contains("testkit.startup-timeout-seconds is '-5' (environment variable "
                        + "TESTKIT_STARTUP_TIMEOUT_SECONDS): use a whole number of seconds from 1 to 3600")
                .contains("SUCCEEDED 0")
                .as("no server was started").doesNotContain("testkit provider:", "started");
    }

    private static int count(String text, String part) {
        Matcher matcher = Pattern.compile(Pattern.quote(part)).matcher(text);
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }

    /** Run only through {@link EngineProbe}; Failsafe does not pick nested classes up. */
    @Testkit(Service.POSTGRES)
    static class FirstClass {
        @org.junit.jupiter.api.Test
        void needsTheDatabase(DatabaseHelper db) {
            assertThat(db.tableExists("fine")).isTrue();
        }
    }

    /** Run only through {@link EngineProbe}; Failsafe does not pick nested classes up. */
    @Testkit(Service.POSTGRES)
    static class SecondClass {
        @org.junit.jupiter.api.Test
        void needsTheDatabaseToo(DatabaseHelper db) {
            assertThat(db.tableExists("fine")).isTrue();
        }
    }
}
