package org.tandem.pbx.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Each default is written once, as {@code @DefaultValue} (issue 14): a record built in code with nulls and zeros (as
 * tests and tools do) must equal the one Spring binds when nothing is set. Every module's {@code PropertyRecordsTest}
 * checks its records with it.
 */
public final class PropertyRecords {

    private PropertyRecords() {}

    public static void assertBuiltWithNullsIsBoundWithNothing(Class<?> type) throws ReflectiveOperationException {
        String prefix = type.getAnnotation(ConfigurationProperties.class).value();
        Object bound = new Binder(List.of()).bindOrCreate(prefix, type);
        RecordComponent[] components = type.getRecordComponents();
        Constructor<?> canonical = type.getDeclaredConstructor(
                Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
        Object[] nothing =
                Arrays.stream(components).map(c -> empty(c.getType())).toArray();
        Object built = canonical.newInstance(nothing);
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            // false is a value of its own: a primitive boolean built in code keeps it
            if (c.getType() == boolean.class || !canonical.getParameters()[i].isAnnotationPresent(DefaultValue.class)) {
                continue;
            }
            assertThat(c.getAccessor().invoke(built))
                    .as(type.getSimpleName() + "." + c.getName())
                    .isEqualTo(c.getAccessor().invoke(bound));
        }
    }

    private static Object empty(Class<?> type) {
        if (type == int.class) return 0;
        if (type == long.class) return 0L;
        if (type == boolean.class) return false;
        return null;
    }
}
