package dev.cryptotracker.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;

class OptionalLibrariesTest {

    @Test
    void namesTheTypeEachLibraryProvides() {
        assertThat(OptionalLibraries.JOOQ.typeName()).isEqualTo(DSLContext.class.getName());
        assertThat(OptionalLibraries.REDISSON.typeName()).isEqualTo(RedissonClient.class.getName());
    }

    @Test
    void librariesOnTheClasspathArePresentAndRequiringThemPasses() {
        assertThat(OptionalLibraries.JOOQ.present()).isTrue();
        assertThat(OptionalLibraries.REDISSON.present()).isTrue();
        assertThatCode(OptionalLibraries.JOOQ::require).doesNotThrowAnyException();
        assertThatCode(OptionalLibraries.REDISSON::require).doesNotThrowAnyException();
    }
}
