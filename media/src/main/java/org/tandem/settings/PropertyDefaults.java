package org.tandem.settings;

import java.lang.reflect.Constructor;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.core.MethodParameter;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.TypeDescriptor;

/**
 * The default of a {@code tandem.*} setting, read from the {@link DefaultValue} on its properties record's component:
 * the one place each default is written (issue 14). Spring's binder applies that annotation when a key is absent, the
 * configuration processor copies it into the module's {@code META-INF/spring-configuration-metadata.json} (and from
 * there into docs/configuration.md), and a record's compact constructor takes it from here for the cases the binder
 * does not cover: a record built in code with {@code null}, or a value documented to mean "the default" (0, blank).
 */
public final class PropertyDefaults {

    private static final Map<Class<?>, Map<String, Object>> DEFAULTS = new ConcurrentHashMap<>();
    private static final ConversionService CONVERSION = ApplicationConversionService.getSharedInstance();

    private PropertyDefaults() {}

    /**
     * The {@link DefaultValue} of {@code type}'s component {@code component}, converted as the binder would.
     *
     * @throws IllegalStateException when that component has no {@link DefaultValue}
     */
    @SuppressWarnings("unchecked")
    public static <T> T of(Class<? extends Record> type, String component) {
        Map<String, Object> defaults = DEFAULTS.computeIfAbsent(type, PropertyDefaults::read);
        if (!defaults.containsKey(component)) {
            throw new IllegalStateException(type.getName() + "." + component + " has no @DefaultValue");
        }
        return (T) defaults.get(component);
    }

    private static Map<String, Object> read(Class<?> type) {
        RecordComponent[] components = type.getRecordComponents();
        Constructor<?> canonical;
        try {
            canonical = type.getDeclaredConstructor(
                    Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(type.getName() + " is no record", e);
        }
        Map<String, Object> defaults = new HashMap<>();
        Parameter[] parameters = canonical.getParameters();
        for (int i = 0; i < components.length; i++) {
            DefaultValue annotation = parameters[i].getAnnotation(DefaultValue.class);
            if (annotation != null) {
                defaults.put(components[i].getName(), convert(annotation.value(), canonical, i));
            }
        }
        return defaults;
    }

    private static Object convert(String[] value, Constructor<?> constructor, int index) {
        TypeDescriptor target = new TypeDescriptor(MethodParameter.forExecutable(constructor, index));
        if (target.isCollection() || target.isArray()) {
            return CONVERSION.convert(value, TypeDescriptor.valueOf(String[].class), target);
        }
        String text = String.join(",", value);
        if (target.getType() == Path.class) return Path.of(text);
        return CONVERSION.convert(text, TypeDescriptor.valueOf(String.class), target);
    }
}
