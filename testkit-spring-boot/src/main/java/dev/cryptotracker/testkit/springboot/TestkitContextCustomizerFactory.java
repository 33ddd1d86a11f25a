package dev.cryptotracker.testkit.springboot;

import dev.cryptotracker.testkit.Service;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Gives every test class annotated with {@link AutoConfigureTestkit} (directly, through a meta-annotation, a
 * superclass or an enclosing class) a {@link TestkitContextCustomizer}. Registered in
 * {@code META-INF/spring.factories}, so Spring's test framework finds it without any further annotation.
 */
final class TestkitContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
                                                     List<ContextConfigurationAttributes> configAttributes) {
        AutoConfigureTestkit annotation =
                TestContextAnnotationUtils.findMergedAnnotation(testClass, AutoConfigureTestkit.class);
        if (annotation == null) {
            return null;
        }
        Service[] services = annotation.value();
        return new TestkitContextCustomizer(services.length == 0 ? EnumSet.allOf(Service.class)
                : EnumSet.copyOf(Arrays.asList(services)));
    }
}
