package org.tandem.appliance.testsupport;

import java.util.List;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.tandem.pbx.testsupport.mariadb.MariaDbDatabase;

/**
 * Gives every class marked {@link ApplianceOnMariaDb} the same customizer, so that they share a cached
 * context: the datasource points at a database created when that context is built (registered in
 * {@code META-INF/spring.factories}).
 */
public final class MariaDbContextCustomizers implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(
            Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        return TestContextAnnotationUtils.hasAnnotation(testClass, ApplianceOnMariaDb.class)
                ? new SharedDatabase()
                : null;
    }

    /** Equal to every other instance: the context cache key is the same for all the annotated classes. */
    static final class SharedDatabase implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            Map<String, Object> datasource = MariaDbDatabase.properties("appliance");
            context.getEnvironment()
                    .getPropertySources()
                    .addFirst(new MapPropertySource("appliance-mariadb", datasource));
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof SharedDatabase;
        }

        @Override
        public int hashCode() {
            return SharedDatabase.class.hashCode();
        }
    }
}
