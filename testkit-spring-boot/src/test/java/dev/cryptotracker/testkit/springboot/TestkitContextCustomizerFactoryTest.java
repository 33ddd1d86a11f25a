package dev.cryptotracker.testkit.springboot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cryptotracker.testkit.Service;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.test.context.ContextCustomizer;

/** Which classes get a customizer, and when two customizers are the same context cache key. Starts no server. */
class TestkitContextCustomizerFactoryTest {

    private final TestkitContextCustomizerFactory factory = new TestkitContextCustomizerFactory();

    @Test
    void classWithoutTheAnnotationGetsNoCustomizer() {
        assertThat(factory.createContextCustomizer(Plain.class, List.of())).isNull();
    }

    @Test
    void classesAskingForTheSameServicesGetEqualCustomizersSoTheyShareACachedContext() {
        ContextCustomizer both = factory.createContextCustomizer(Both.class, List.of());
        ContextCustomizer viaMetaAnnotation = factory.createContextCustomizer(ViaNotesTest.class, List.of());

        assertThat(both).isEqualTo(viaMetaAnnotation).hasSameHashCodeAs(viaMetaAnnotation);
        assertThat(((TestkitContextCustomizer) both).services()).containsExactlyInAnyOrder(Service.values());
    }

    @Test
    void classesAskingForOtherServicesGetDifferentCustomizersAndSoDifferentContexts() {
        ContextCustomizer both = factory.createContextCustomizer(Both.class, List.of());
        ContextCustomizer postgresOnly = factory.createContextCustomizer(PostgresOnly.class, List.of());

        assertThat(postgresOnly).isNotEqualTo(both);
        assertThat(((TestkitContextCustomizer) postgresOnly).services()).containsExactly(Service.POSTGRES);
    }

    @Test
    void nestedClassesInheritTheEnclosingClasssAnnotation() {
        assertThat(factory.createContextCustomizer(Both.Inner.class, List.of()))
                .isEqualTo(factory.createContextCustomizer(Both.class, List.of()));
    }

    @Test
    void readsHostPortAndDatabaseIndexFromTheLeasesRedisUri() {
        DataRedisConnectionDetails.Standalone standalone =
                LeaseRedisConnectionDetails.standalone("redis://127.0.0.1:6390/3");

        assertThat(standalone.getHost()).isEqualTo("127.0.0.1");
        assertThat(standalone.getPort()).isEqualTo(6390);
        assertThat(standalone.getDatabase()).isEqualTo(3);
        assertThatThrownBy(() -> LeaseRedisConnectionDetails.standalone("redis://127.0.0.1:6390"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("redis://127.0.0.1:6390");
    }

    static class Plain {
    }

    @AutoConfigureTestkit
    static class Both {
        @org.junit.jupiter.api.Nested
        class Inner {
        }
    }

    @NotesTest
    static class ViaNotesTest {
    }

    @AutoConfigureTestkit(Service.POSTGRES)
    static class PostgresOnly {
    }
}
