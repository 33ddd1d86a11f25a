package dev.cryptotracker.testkit;

import dev.cryptotracker.testkit.internal.ProviderChoice;
import dev.cryptotracker.testkit.internal.Slot;
import dev.cryptotracker.testkit.internal.TestkitSettings;
import dev.cryptotracker.testkit.internal.TestkitState;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.platform.commons.support.AnnotationSupport;
import org.redisson.api.RedissonClient;

/**
 * The JUnit Jupiter extension behind {@link Testkit}. Register it through the annotation; it keeps one
 * {@link TestkitState} per JVM in the root store, starts what each class needs before its first test, resets
 * before every test, and resolves the parameter types listed on {@link Testkit}.
 */
public final class TestkitExtension
        implements BeforeAllCallback, BeforeEachCallback, ParameterResolver, TestExecutionExceptionHandler {

    private static final Namespace NAMESPACE = Namespace.create(TestkitExtension.class);
    private static final int DIAGNOSTIC_LOG_LINES = 15;

    /** Creates the extension; JUnit does this for classes annotated with {@link Testkit}. */
    public TestkitExtension() {
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Testkit testkit = annotation(context);
        state(context).ensure(TestkitState.services(testkit.value()), List.of(testkit.migrations()),
                List.of(testkit.referenceTables()));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        lease(context);
    }

    /** Constructor parameters are resolved per test, so that they come from the test's own slot. */
    @Override
    public ExtensionContextScope getTestInstantiationExtensionContextScope(ExtensionContext rootContext) {
        return ExtensionContextScope.TEST_METHOD;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        return type == DataSource.class || type == DSLContext.class || type == RedissonClient.class
                || type == ConnectionDetails.class || type == DatabaseHelper.class || type == RunningServers.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        if (type == RunningServers.class) {
            return state(extensionContext).runningServers();
        }
        Slot slot = extensionContext.getTestMethod().isPresent()
                ? lease(extensionContext).slot() : state(extensionContext).primary();
        if (type == ConnectionDetails.class) {
            return slot.connectionDetails();
        }
        Set<Service> services = services(extensionContext);
        if (type == RedissonClient.class) {
            require(services, Service.REDIS, type);
            return slot.redisson();
        }
        require(services, Service.POSTGRES, type);
        if (type == DataSource.class) {
            return slot.dataSource();
        }
        if (type == DSLContext.class) {
            return slot.dsl();
        }
        return slot.helper();
    }

    /** The test's slot: leased (and reset) on first use in a test, freed when the test's context closes. */
    private static TestkitState.Lease lease(ExtensionContext context) {
        TestkitState state = state(context);
        Set<Service> services = services(context);
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(TestkitState.Lease.class,
                key -> state.lease(services), TestkitState.Lease.class);
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        throwable.addSuppressed(new TestkitDiagnostics(state(context).diagnostics(DIAGNOSTIC_LOG_LINES)));
        throw throwable;
    }

    private static void require(Set<Service> services, Service service, Class<?> type) {
        if (!services.contains(service)) {
            throw new ParameterResolutionException("a " + type.getSimpleName() + " needs " + service
                    + ", which this class's @Testkit does not list; add it: @Testkit({POSTGRES, REDIS})");
        }
    }

    private static Set<Service> services(ExtensionContext context) {
        return TestkitState.services(annotation(context).value());
    }

    private static Testkit annotation(ExtensionContext context) {
        for (Class<?> type = context.getRequiredTestClass(); type != null; type = type.getEnclosingClass()) {
            var found = AnnotationSupport.findAnnotation(type, Testkit.class);
            if (found.isPresent()) {
                return found.get();
            }
        }
        throw new IllegalStateException("TestkitExtension is registered on "
                + context.getRequiredTestClass().getName() + " without @Testkit; annotate the class with @Testkit instead");
    }

    private static TestkitState state(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(TestkitState.class,
                key -> new TestkitState(TestkitSettings.fromEnvironment(), new ProviderChoice()), TestkitState.class);
    }

    /** Carries the testkit's servers and their last log lines on a failing test. */
    static final class TestkitDiagnostics extends RuntimeException {
        TestkitDiagnostics(String message) {
            super(message, null, false, false);
        }
    }
}
