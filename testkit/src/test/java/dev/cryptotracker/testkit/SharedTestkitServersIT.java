package dev.cryptotracker.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@link TestkitServers#shared(TestkitConfig)} is what every {@code @Testkit} class of this JVM runs on. */
@Testkit
class SharedTestkitServersIT {

    @Test
    void sharedServersAreTheOnesTheTestkitClassesOfThisJvmUse(RunningServers servers) {
        TestkitServers shared = TestkitServers.shared(TestkitConfig.fromEnvironment());
        try {
            assertThat(shared.runningServers()).isEqualTo(servers);
        } finally {
            shared.close();
        }

        TestkitServers again = TestkitServers.shared(TestkitConfig.fromEnvironment());
        try {
            assertThat(again).as("still running: the extension holds it too").isSameAs(shared);
            assertThat(again.runningServers()).isEqualTo(servers);
        } finally {
            again.close();
        }
    }

    @Test
    void sharedServersRefuseAUserThatWantsAnotherSchemaSetupNamingBoth() {
        TestkitConfig other = TestkitConfig.fromEnvironment().withReferenceTables("owners");

        assertThatThrownBy(() -> TestkitServers.shared(other))
                .isInstanceOf(TestkitConfigurationException.class)
                .hasMessageContaining("this JVM's database was migrated with migrations [classpath:db/migration], "
                        + "schemas [public, audit], reference tables [species, migration_runs, audit.event_kinds, "
                        + "audit.price_tiers]")
                .hasMessageContaining("asks for migrations [classpath:db/migration], schemas [public, audit], "
                        + "reference tables [owners]");
    }
}
