package dev.cryptotracker.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Migrations that make tables in a schema that {@code testkit.schemas} does not name get a warning that names the
 * schema, because the reset leaves what tests write there for the next test.
 */
class UntrackedSchemasIT {

    @TempDir
    Path migrations;

    @Test
    void tablesOutsideTheConfiguredSchemasAreNamedInAWarning() throws Exception {
        Files.writeString(migrations.resolve("V1__two_schemas.sql"), """
                CREATE TABLE ledger.entries (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);
                CREATE SCHEMA billing;
                CREATE TABLE billing.invoices (id bigint PRIMARY KEY);
                CREATE TABLE billing.lines (id bigint PRIMARY KEY);
                """, StandardCharsets.UTF_8);
        TestkitConfig config = TestkitConfig.fromEnvironment()
                .withMigrations("filesystem:" + migrations)
                .withSchemas("ledger")
                .withReferenceTables()
                .with(TestkitSetting.CACHE, "false");
        Logger logger = (Logger) LoggerFactory.getLogger("dev.cryptotracker.testkit.internal.TemplateDatabase");
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        logger.addAppender(events);
        try (TestkitServers servers = TestkitServers.start(config, Service.POSTGRES);
             TestkitLease lease = servers.lease(Service.POSTGRES)) {
            assertThat(lease.databaseHelper().tableExists("billing.invoices")).isTrue();
        } finally {
            logger.detachAppender(events);
        }

        List<String> warnings = events.list.stream().filter(event -> event.getLevel().toString().equals("WARN"))
                .map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(warnings).singleElement().asString()
                .contains("schemas that testkit.schemas (ledger, ")
                .contains(": billing (2 tables). The reset neither empties nor restores them")
                .doesNotContain("ledger (");
    }
}
