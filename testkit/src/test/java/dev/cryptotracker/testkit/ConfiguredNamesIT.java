package dev.cryptotracker.testkit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Every configured name is checked against what the migrations built when the servers start: a misspelt reference
 * table or schema fails at once, naming it, where it was configured, and what exists — and the failure is
 * remembered, so that every later start fails at once with the same cause instead of a follow-on error.
 */
class ConfiguredNamesIT {

    @Test
    void unknownReferenceTablesAndSchemasFailTheStartNamingThemAndWhatExists() {
        TestkitConfig config = TestkitConfig.fromEnvironment()
                .with(TestkitSetting.SCHEMAS, "public,audit,adit", "the test's own setting")
                .with(TestkitSetting.REFERENCE_TABLES, "species,nope,audit.event_kind", "the test's own setting");
        try (TestkitServers servers = TestkitServers.create(config)) {
            assertThatThrownBy(() -> servers.ensureStarted(Service.POSTGRES))
                    .isInstanceOf(TestkitConfigurationException.class)
                    .hasMessageContaining("testkit.schemas names 'adit' (the test's own setting), but no migration "
                            + "created a table in it; schemas with tables: public, audit")
                    .hasMessageContaining("testkit.reference-tables names 'nope' (the test's own setting), but there "
                            + "is no such table in schemas [public, audit, adit] once the migrations ran; tables there: ")
                    .hasMessageContaining("public.owners, public.pets")
                    .hasMessageContaining("audit.event_kinds")
                    .hasMessageContaining("testkit.reference-tables names 'audit.event_kind'")
                    .hasMessageNotContaining("'species'");

            assertThatThrownBy(() -> servers.lease(Service.POSTGRES))
                    .isInstanceOf(TestkitConfigurationException.class)
                    .hasMessageStartingWith("the testkit's PostgreSQL failed earlier in this JVM, so no test that "
                            + "needs it can run; the first failure was: testkit.schemas names 'adit'");
        }
    }
}
