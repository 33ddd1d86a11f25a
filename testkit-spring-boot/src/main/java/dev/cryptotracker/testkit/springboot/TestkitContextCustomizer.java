package dev.cryptotracker.testkit.springboot;

import dev.cryptotracker.testkit.Service;
import dev.cryptotracker.testkit.TestkitLease;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.util.ClassUtils;

/**
 * Takes one lease for the context being built and registers what points the application at it: connection details
 * for Spring Boot's JDBC and Redis auto-configuration, a Flyway strategy that validates instead of migrating, and the
 * lease itself. Part of Spring's context cache key, so equal for equal services: test classes that agree on them
 * (and on the rest of their configuration) share one context, and so one lease.
 */
final class TestkitContextCustomizer implements ContextCustomizer {

    static final String LEASE_BEAN = "testkitLease";

    private static final String JDBC_DETAILS = "org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails";
    private static final String REDIS_DETAILS =
            "org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails";
    private static final String FLYWAY_STRATEGY =
            "org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy";
    /** Classes that only Spring Boot 3 has: their connection details live in spring-boot-autoconfigure. */
    private static final String[] BOOT_3_CLASSES = {
        "org.springframework.boot.autoconfigure.jdbc.JdbcConnectionDetails",
        "org.springframework.boot.autoconfigure.data.redis.RedisConnectionDetails",
    };

    private final Set<Service> services;

    TestkitContextCustomizer(Set<Service> services) {
        this.services = Set.copyOf(EnumSet.copyOf(services));
    }

    Set<Service> services() {
        return services;
    }

    @Override
    public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
        ClassLoader loader = context.getClassLoader();
        requireSpringBoot4(loader);
        ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
        if (!(beanFactory instanceof DefaultListableBeanFactory registry)) {
            throw new IllegalStateException("@AutoConfigureTestkit needs a context whose bean factory accepts bean "
                    + "definitions; " + context.getClass().getName() + " has a " + beanFactory.getClass().getName());
        }
        TestkitLease lease = JvmServers.get().lease(services.toArray(Service[]::new));
        ContextLease contextLease = new ContextLease(lease);
        // Given back when the context closes, after the application's own pools: disposables go last-in first-out.
        registry.registerDisposableBean(ContextLease.BEAN, contextLease::close);
        try {
            registry.registerSingleton(ContextLease.BEAN, contextLease);
            // Instances, not bean definitions: Spring would introspect TestkitLease's methods, whose signatures
            // name jOOQ and Redisson, optional dependencies that the application may not have.
            registry.registerSingleton(LEASE_BEAN, lease);
            if (services.contains(Service.POSTGRES)) {
                registry.registerSingleton("testkitDatabaseHelper", lease.databaseHelper());
                if (ClassUtils.isPresent(JDBC_DETAILS, loader)) {
                    LeaseJdbcConnectionDetails.register(registry, lease.connectionDetails());
                }
                if (ClassUtils.isPresent(FLYWAY_STRATEGY, loader)) {
                    ValidatingFlywayMigrationStrategy.register(registry, JvmServers.get().config());
                }
            }
            if (services.contains(Service.REDIS) && ClassUtils.isPresent(REDIS_DETAILS, loader)) {
                LeaseRedisConnectionDetails.register(registry, lease.connectionDetails());
            }
        } catch (RuntimeException e) {
            contextLease.close();
            throw e;
        }
    }

    /** Registers a bean that wins over any other of its type, as Spring Boot's own service connections do. */
    static <T> void register(BeanDefinitionRegistry registry, String name, Class<T> type, Supplier<T> supplier) {
        RootBeanDefinition definition = new RootBeanDefinition(type, supplier);
        definition.setPrimary(true);
        registry.registerBeanDefinition(name, definition);
    }

    private static void requireSpringBoot4(ClassLoader loader) {
        for (String boot3Class : BOOT_3_CLASSES) {
            if (ClassUtils.isPresent(boot3Class, loader)) {
                throw new IllegalStateException("@AutoConfigureTestkit needs Spring Boot 4, but " + boot3Class
                        + " on the classpath belongs to Spring Boot 3, whose connection details this version cannot "
                        + "provide; the context would silently connect where its properties say. Upgrade to Spring "
                        + "Boot 4, or use the testkit's TestkitServers and build the beans yourself");
            }
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TestkitContextCustomizer customizer && services.equals(customizer.services);
    }

    @Override
    public int hashCode() {
        return services.hashCode();
    }

    @Override
    public String toString() {
        return "TestkitContextCustomizer" + services;
    }
}
