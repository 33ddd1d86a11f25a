package dev.cryptotracker.testkit.springboot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cryptotracker.testkit.TestkitLease;
import dev.cryptotracker.testkit.springboot.notes.NoteService;
import dev.cryptotracker.testkit.springboot.notes.NotesApplication;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.TestContextManager;

/**
 * Drives Spring's test framework directly, as JUnit's SpringExtension does, for configurations of its own: what
 * contexts the cache hands out, which lease each holds, and what happens when two tests use one at once.
 */
class SeparateContextsIT {

    @Test
    void contextsOfDifferentConfigurationsHoldDifferentLeasesAndNeverShareData() {
        ApplicationContext one = new TestContextManager(ContextOne.class).getTestContext().getApplicationContext();
        ApplicationContext two = new TestContextManager(ContextTwo.class).getTestContext().getApplicationContext();
        TestkitLease leaseOne = one.getBean(TestkitLease.class);
        TestkitLease leaseTwo = two.getBean(TestkitLease.class);

        assertThat(one).isNotSameAs(two);
        assertThat(leaseOne.connectionDetails().jdbcUrl()).isNotEqualTo(leaseTwo.connectionDetails().jdbcUrl());
        assertThat(leaseOne.connectionDetails().redisUri()).isNotEqualTo(leaseTwo.connectionDetails().redisUri());

        leaseOne.reset();
        leaseTwo.reset();
        one.getBean(NoteService.class).add("only in one", "red");

        assertThat(two.getBean(NoteService.class).count()).isZero();
        assertThat(two.getBean(StringRedisTemplate.class).keys("*")).isEmpty();
        assertThat(one.getBean(NoteService.class).count()).isEqualTo(1);
    }

    @Test
    void classesOfTheSameConfigurationGetOneCachedContextAndOneLease() {
        ApplicationContext one = new TestContextManager(ContextOne.class).getTestContext().getApplicationContext();
        ApplicationContext again =
                new TestContextManager(ContextOneAgain.class).getTestContext().getApplicationContext();

        assertThat(again).isSameAs(one);
        assertThat(again.getBean(TestkitLease.class)).isSameAs(one.getBean(TestkitLease.class));
    }

    @Test
    void secondTestInAContextThatIsStillInUseFailsNamingTheFirst() throws Exception {
        TestContextManager first = new TestContextManager(ContextOne.class);
        TestContextManager second = new TestContextManager(ContextOneAgain.class);
        ContextOne firstTest = new ContextOne();
        ContextOneAgain secondTest = new ContextOneAgain();
        Method firstMethod = ContextOne.class.getDeclaredMethod("probe");
        Method secondMethod = ContextOneAgain.class.getDeclaredMethod("probe");
        first.prepareTestInstance(firstTest);
        second.prepareTestInstance(secondTest);

        first.beforeTestMethod(firstTest, firstMethod);
        try {
            assertThatThrownBy(() -> second.beforeTestMethod(secondTest, secondMethod))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith(ContextOneAgain.class.getName() + "#probe() started while "
                            + ContextOne.class.getName() + "#probe() still runs in the same Spring test context")
                    .hasMessageContaining("must not run at the same time");
            second.afterTestMethod(secondTest, secondMethod, null);
        } finally {
            first.afterTestMethod(firstTest, firstMethod, null);
        }

        second.beforeTestMethod(secondTest, secondMethod);
        second.afterTestMethod(secondTest, secondMethod, null);
    }

    @SpringBootTest(classes = NotesApplication.class, properties = "notes.context=one")
    @AutoConfigureTestkit
    static class ContextOne {
        void probe() {
        }
    }

    @SpringBootTest(classes = NotesApplication.class, properties = "notes.context=one")
    @AutoConfigureTestkit
    static class ContextOneAgain {
        void probe() {
        }
    }

    @SpringBootTest(classes = NotesApplication.class, properties = "notes.context=two")
    @AutoConfigureTestkit
    static class ContextTwo {
    }
}
