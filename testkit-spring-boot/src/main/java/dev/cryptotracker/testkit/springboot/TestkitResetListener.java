package dev.cryptotracker.testkit.springboot;

import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * Resets the context's lease before every test method of a class with {@link AutoConfigureTestkit}, and refuses a
 * second test that would run in the same context at the same time. Registered in {@code META-INF/spring.factories}.
 *
 * <p>Its order puts the reset after the listeners that close a context marked dirty before the method (so the reset
 * hits the context the test will use), and before {@code TransactionalTestExecutionListener} (4000) and
 * {@code SqlScriptsTestExecutionListener} (5000), so that a test's transaction and {@code @Sql} scripts start from
 * a clean database and are not emptied by it.
 */
final class TestkitResetListener extends AbstractTestExecutionListener {

    static final int ORDER = 3_500;

    private static final String TICKET = TestkitResetListener.class.getName() + ".ticket";

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public void beforeTestMethod(TestContext testContext) {
        if (!TestContextAnnotationUtils.hasAnnotation(testContext.getTestClass(), AutoConfigureTestkit.class)) {
            return;
        }
        ContextLease lease = testContext.getApplicationContext().getBean(ContextLease.BEAN, ContextLease.class);
        String test = testContext.getTestClass().getSimpleName() + "#" + testContext.getTestMethod().getName();
        testContext.setAttribute(TICKET, new Held(lease, lease.enterAndReset(test)));
    }

    @Override
    public void afterTestMethod(TestContext testContext) {
        if (testContext.removeAttribute(TICKET) instanceof Held held) {
            held.lease.leave(held.ticket);
        }
    }

    private record Held(ContextLease lease, ContextLease.Ticket ticket) {
    }
}
