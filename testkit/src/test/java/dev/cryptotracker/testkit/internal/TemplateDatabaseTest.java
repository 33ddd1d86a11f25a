package dev.cryptotracker.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TemplateDatabaseTest {

    @Test
    void aSlotsCloneIsNamedAfterTheTemplateAndTheSlot() {
        assertThat(TemplateDatabase.cloneName("testkit", 0)).isEqualTo("testkit_0");
        assertThat(TemplateDatabase.cloneName("app_template", 12)).isEqualTo("app_template_12");
    }

    @Test
    void readsTheResetScriptFromTheJarWithItsRingSizeLeftToFillIn() {
        String reset = TemplateDatabase.resource("reset.sql");

        assertThat(reset).contains("CREATE FUNCTION testkit_reset.after_test()").contains("%RING_SIZE%");
    }

    @Test
    void aResourceMissingFromTheJarIsNamed() {
        assertThatThrownBy(() -> TemplateDatabase.resource("missing.sql"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the testkit's resource missing.sql is missing from its jar");
    }
}
