package dev.cryptotracker.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

/** One of two classes (see SharedServersSecondIT) that prove the servers are started once per JVM and shared. */
@Testkit
class SharedServersFirstIT {

    @Test
    void usesTheServersEveryOtherClassUses(RunningServers servers) {
        SeenServers.record(getClass(), servers);
        assertThat(servers.provider()).isNotNull().isNotEqualTo(ProviderKind.AUTO);
    }

    @Test
    void findsTheDatabaseMigratedOnceBeforeItsFirstTest(DatabaseHelper db, DSLContext sql) {
        assertThat(db.tableExists("pets")).isTrue();
        assertThat(db.rowCount("migration_runs")).as("Flyway migrate calls in this JVM (afterMigrate.sql adds a row each)").isEqualTo(1);
        assertThat(sql.fetchValue("SELECT count(*) FROM flyway_schema_history WHERE success AND version IS NOT NULL",
                Long.class)).as("applied migrations").isEqualTo(6L);
    }
}
