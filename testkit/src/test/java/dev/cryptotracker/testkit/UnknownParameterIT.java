package dev.cryptotracker.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;

/** A parameter of a type the testkit does not provide gets a message listing what it can inject, and how to add one. */
class UnknownParameterIT {

    @Test
    void aParameterNobodyResolvesIsAnsweredWithWhatTheTestkitInjects() {
        List<Throwable> failures = EngineTestKit.engine("junit-jupiter").selectors(selectClass(AsksForAString.class))
                .execute().testEvents().failed().stream()
                .map(event -> event.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow())
                .toList();

        assertThat(failures).hasSize(2).allSatisfy(failure -> assertThat(failure)
                .isInstanceOf(ParameterResolutionException.class)
                .hasMessageStartingWith("No ParameterResolver registered for parameter [java.lang.StringBuilder ")
                .hasMessageContaining("@Testkit injects DataSource, DSLContext (needs org.jooq:jooq), RedissonClient "
                        + "(needs org.redisson:redisson), ConnectionDetails, DatabaseHelper and RunningServers")
                .hasMessageContaining("build them from one of these in the test or in a @BeforeEach method"));
    }

    /** Run only through {@link EngineTestKit} above; Failsafe does not pick nested classes up. */
    @Testkit(Service.POSTGRES)
    static class AsksForAString {

        @Test
        void inATest(StringBuilder notInjectable) {
        }

        @org.junit.jupiter.api.Nested
        class InALifecycleMethod {

            @BeforeEach
            void setUp(StringBuilder notInjectable) {
            }

            @Test
            void test() {
            }
        }
    }
}
