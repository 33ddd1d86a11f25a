package dev.cryptotracker.testkit.springboot;

import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * Cleans the context's lease after every test method of a class with {@link AutoConfigureTestkit} (and before the
 * first, which may find what the context's start wrote), and refuses a second test that would run in the same
 * context at the same time. Cleaning after a test fails that test, by name, when it left a transaction open.
 * Registered in {@code META-INF/spring.factories}.
 *
 * <p>Its order puts it after the listeners that close a context marked dirty before the method (so the lease is
 * the one the test will use), and before {@code TransactionalTestExecutionListener} (4000) and
 * {@code SqlScriptsTestExecutionListener} (5000): a test's transaction and {@code @Sql} scripts start from a clean
 * database, and the cleaning after the test comes after the transaction's rollback.
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
        String test = testContext.getTestClass().getName() + "#" + testContext.getTestMethod().getName() + "()";
        testContext.setAttribute(TICKET, new Held(lease, lease.enter(test)));
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
