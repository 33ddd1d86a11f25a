package dev.cryptotracker.testkit;

import dev.cryptotracker.testkit.internal.OptionalLibraries;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit Jupiter extension behind {@link Testkit}; register it through the annotation, not with
 * {@code @ExtendWith}. A thin layer over {@link TestkitServers}: it holds this JVM's {@linkplain
 * TestkitServers#shared(TestkitConfig) shared servers} for the run, starts what each class needs before its first
 * test, takes a {@link TestkitLease} for every test, resolves the parameter types listed on {@link Testkit} from
 * it, and adds the servers and the end of their logs to a failing test's exception as a suppressed exception.
 */
public final class TestkitExtension implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback,
        ParameterResolver, TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {

    private static final Namespace NAMESPACE = Namespace.create(TestkitExtension.class);
    private static final String INJECTABLE = "DataSource, DSLContext (needs org.jooq:jooq), RedissonClient (needs "
            + "org.redisson:redisson), ConnectionDetails, DatabaseHelper and RunningServers";

    /** Creates the extension; JUnit does this for classes annotated with {@link Testkit}. */
    public TestkitExtension() {
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        translated(() -> servers(context).ensureStarted(services(context)));
    }

    /** Takes the test's lease (clean) and applies the class's and the method's {@link SqlFixture}s to it. */
    @Override
    public void beforeEach(ExtensionContext context) {
        translated(() -> {
            TestkitLease lease = lease(context);
            List<String> scripts = new ArrayList<>();
            for (Class<?> type = context.getRequiredTestClass(); type != null; type = type.getEnclosingClass()) {
                AnnotationSupport.findAnnotation(type, SqlFixture.class)
                        .ifPresent(fixture -> scripts.addAll(0, List.of(fixture.value())));
            }
            context.getTestMethod().flatMap(method -> AnnotationSupport.findAnnotation(method, SqlFixture.class))
                    .ifPresent(fixture -> scripts.addAll(List.of(fixture.value())));
            if (!scripts.isEmpty()) {
                lease.applyFixtures(scripts.toArray(String[]::new));
            }
        });
    }

    /**
     * Gives the test's lease back, which cleans its slot for the next test. A transaction the test left open is
     * ended and fails this test, by name; the next test starts clean all the same.
     */
    @Override
    public void afterEach(ExtensionContext context) {
        TestkitLease lease = context.getStore(NAMESPACE).remove(TestkitLease.class, TestkitLease.class);
        if (lease != null) {
            translated(lease::close);
        }
    }

    /** Constructor parameters are resolved per test, so that they come from the test's own lease. */
    @Override
    public ExtensionContextScope getTestInstantiationExtensionContextScope(ExtensionContext rootContext) {
        return ExtensionContextScope.TEST_METHOD;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        // jOOQ and Redisson are optional: compared by name, so that a project without them never loads them.
        return type == DataSource.class || type == ConnectionDetails.class || type == DatabaseHelper.class
                || type == RunningServers.class || type.getName().equals(OptionalLibraries.JOOQ.typeName())
                || type.getName().equals(OptionalLibraries.REDISSON.typeName());
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        return translated(() -> {
            if (type == RunningServers.class) {
                return servers(extensionContext).runningServers();
            }
            TestkitLease lease = extensionContext.getTestMethod().isPresent() ? lease(extensionContext)
                    : servers(extensionContext).unleased(services(extensionContext));
            if (type == ConnectionDetails.class) {
                return lease.connectionDetails();
            }
            Service needed = type.getName().equals(OptionalLibraries.REDISSON.typeName()) ? Service.REDIS
                    : Service.POSTGRES;
            if (!lease.services().contains(needed)) {
                throw new ParameterResolutionException("a " + type.getSimpleName() + " needs " + needed
                        + ", which this class's @Testkit does not list; add it: @Testkit({POSTGRES, REDIS})");
            }
            try {
                if (type == DataSource.class) {
                    return lease.dataSource();
                }
                if (type == DatabaseHelper.class) {
                    return lease.databaseHelper();
                }
                return needed == Service.REDIS ? lease.redisson() : lease.dsl();
            } catch (IllegalStateException e) {
                throw new ParameterResolutionException(e.getMessage(), e);
            }
        });
    }

    /** The test's lease: taken (and reset) on first use in a test, given back when the test's context closes. */
    // getOrComputeIfAbsent is deprecated in JUnit 6, but its successor computeIfAbsent does not exist in 5.14,
    // and the testkit supports both.
    @SuppressWarnings("deprecation")
    private static TestkitLease lease(ExtensionContext context) {
        TestkitServers servers = servers(context);
        Set<Service> services = services(context);
        String test = "test " + context.getRequiredTestClass().getName() + "#"
                + context.getTestMethod().map(method -> method.getName() + "()").orElse(context.getDisplayName());
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(TestkitLease.class,
                key -> servers.lease(services, test), TestkitLease.class);
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        throw explained(context, throwable);
    }

    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable throwable)
            throws Throwable {
        throw explained(context, throwable);
    }

    @Override
    public void handleAfterEachMethodExecutionException(ExtensionContext context, Throwable throwable)
            throws Throwable {
        throw explained(context, throwable);
    }

    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable throwable)
            throws Throwable {
        throw explained(context, throwable);
    }

    /**
     * A parameter nobody can resolve gets a message that lists what the testkit injects; any other failure gets
     * the servers and the end of their logs attached.
     */
    private static Throwable explained(ExtensionContext context, Throwable throwable) {
        if (throwable instanceof ParameterResolutionException
                && String.valueOf(throwable.getMessage()).startsWith("No ParameterResolver registered")) {
            ParameterResolutionException explained = new ParameterResolutionException(throwable.getMessage()
                    + ". @Testkit injects " + INJECTABLE + ". For your own types, build them from one of these in "
                    + "the test or in a @BeforeEach method (new UserRepository(dataSource)), or register a "
                    + "ParameterResolver of your own with @ExtendWith", throwable);
            return explained;
        }
        try {
            throwable.addSuppressed(new TestkitDiagnostics(servers(context).diagnostics()));
        } catch (RuntimeException e) {
            throwable.addSuppressed(e);
        }
        return throwable;
    }

    private static Set<Service> services(ExtensionContext context) {
        Service[] services = annotation(context).value();
        return services.length == 0 ? EnumSet.noneOf(Service.class) : EnumSet.copyOf(List.of(services));
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

    /** The class's settings: this JVM's, with what the class's annotation overrides. */
    @SuppressWarnings("deprecation") // see lease(ExtensionContext)
    private static TestkitConfig config(ExtensionContext context) {
        Testkit testkit = annotation(context);
        TestkitConfig config = rootStore(context).getOrComputeIfAbsent(TestkitConfig.class,
                key -> TestkitConfig.fromEnvironment(), TestkitConfig.class);
        String on = " on " + context.getRequiredTestClass().getName();
        if (testkit.migrations().length > 0) {
            config = config.with(TestkitSetting.MIGRATIONS, String.join(",", testkit.migrations()),
                    "@Testkit(migrations)" + on);
        }
        if (testkit.referenceTables().length > 0) {
            config = config.with(TestkitSetting.REFERENCE_TABLES, String.join(",", testkit.referenceTables()),
                    "@Testkit(referenceTables)" + on);
        }
        return config;
    }

    /** This run's hold on the JVM's shared servers, taken by the first class and given back when the run ends. */
    @SuppressWarnings("deprecation") // see lease(ExtensionContext)
    private static TestkitServers servers(ExtensionContext context) {
        TestkitConfig config = config(context);
        SharedServers held = rootStore(context).getOrComputeIfAbsent(SharedServers.class,
                key -> new SharedServers(TestkitServers.shared(config)), SharedServers.class);
        held.servers().requireSameSchemaSetup(config, context.getRequiredTestClass().getName());
        return held.servers();
    }

    private static ExtensionContext.Store rootStore(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE);
    }

    private static <T> T translated(Supplier<T> action) {
        try {
            return action.get();
        } catch (TestkitConfigurationException e) {
            throw new ExtensionConfigurationException(e.getMessage(), e);
        }
    }

    private static void translated(Runnable action) {
        translated(() -> {
            action.run();
            return null;
        });
    }

    /** Closed by JUnit when the run ends: gives this run's hold on the shared servers back. */
    private record SharedServers(TestkitServers servers) implements AutoCloseable {
        @Override
        public void close() {
            servers.close();
        }
    }

    /** Carries the testkit's servers and their last log lines on a failing test. */
    static final class TestkitDiagnostics extends RuntimeException {
        TestkitDiagnostics(String message) {
            super(message, null, false, false);
        }
    }
}
