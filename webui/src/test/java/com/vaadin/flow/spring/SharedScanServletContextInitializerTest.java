package com.vaadin.flow.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.server.startup.ErrorNavigationTargetInitializer;
import com.vaadin.flow.server.startup.RouteRegistryInitializer;
import com.vaadin.flow.server.startup.VaadinAppShellInitializer;
import com.vaadin.flow.server.startup.WebComponentConfigurationRegistryInitializer;
import jakarta.servlet.annotation.HandlesTypes;
import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.web.context.support.GenericWebApplicationContext;
import org.tandem.webui.startup.ScanResults;

/** The shared-cache scans find what Vaadin's own find, and read each class file once. */
class SharedScanServletContextInitializerTest {

    private static final List<String> UI = List.of("org.tandem.webui");

    private final GenericWebApplicationContext context = context();
    private final VaadinServletContextInitializer vaadins = new VaadinServletContextInitializer(context);
    private final SharedScanServletContextInitializer shared =
            new SharedScanServletContextInitializer(context, ScanResults.none());

    @AfterEach
    void close() {
        context.close();
    }

    @ParameterizedTest
    @ValueSource(
            classes = {
                RouteRegistryInitializer.class, // routes, aliases, layouts
                ErrorNavigationTargetInitializer.class, // error views (a super-type)
                WebComponentConfigurationRegistryInitializer.class, // exporters (super-types)
                VaadinAppShellInitializer.class // the app shell and the page annotations
            })
    void findsTheClassesVaadinsOwnScanFinds(Class<?> initializer) {
        List<Class<? extends Annotation>> annotations = new ArrayList<>();
        List<Class<?>> types = new ArrayList<>();
        split(initializer.getAnnotation(HandlesTypes.class).value(), annotations, types);

        for (ResourceLoader loader : List.of(context, customLoader())) {
            Set<Class<?>> expected = scan(vaadins, loader, annotations, types);
            assertThat(scan(shared, loader, annotations, types))
                    .as(
                            "%s through %s",
                            initializer.getSimpleName(), loader.getClass().getSimpleName())
                    .isEqualTo(expected);
        }
    }

    @Test
    void findsTheUisRoutesAndComponentsAtAll() {
        assertThat(scan(shared, context, List.of(com.vaadin.flow.router.Route.class), List.of()))
                .as("the views")
                .hasSizeGreaterThan(20);
        assertThat(scan(shared, context, List.of(), List.of(Component.class)))
                .as("every component class, through its super-classes")
                .hasSizeGreaterThan(40)
                .isEqualTo(scan(vaadins, context, List.of(), List.of(Component.class)));
        assertThat(scan(shared, context, List.of(), List.of(HasErrorParameter.class)))
                .isEqualTo(scan(vaadins, context, List.of(), List.of(HasErrorParameter.class)));
    }

    @Test
    void theScansShareOneCacheOfParsedClassFiles() {
        Runnable listeners = () -> { // as Vaadin's listeners through its own loader: other filters, super-classes too
            scan(shared, customLoader(), List.of(com.vaadin.flow.router.Route.class), List.of());
            scan(shared, customLoader(), List.of(), List.of(Component.class));
            scan(shared, customLoader(), List.of(), List.of(HasErrorParameter.class));
        };
        listeners.run();
        int parsed = context.getResourceCache(MetadataReader.class).size();
        assertThat(parsed)
                .as("class files parsed, in the context's cache (Vaadin's own scanners keep theirs apart)")
                .isGreaterThan(100);

        listeners.run();

        assertThat(context.getResourceCache(MetadataReader.class))
                .as("the same scans again, by new scanners, parse nothing")
                .hasSize(parsed);
    }

    @Test
    void whatAStartFoundIsKeptAndTheNextStartOnTheSameJarsScansNothing(@TempDir Path data) throws Exception {
        Path jar = data.resolve("tandem.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), new Manifest())) {
            out.flush();
        }
        ScanResults kept = ScanResults.in(data, jar.toString());
        SharedScanServletContextInitializer first = new SharedScanServletContextInitializer(context, kept);
        Set<Class<?>> views = scan(first, context, List.of(com.vaadin.flow.router.Route.class), List.of());
        assertThat(views).hasSizeGreaterThan(20);
        kept.save();

        GenericWebApplicationContext next = context();
        try {
            SharedScanServletContextInitializer again =
                    new SharedScanServletContextInitializer(next, ScanResults.in(data, jar.toString()));

            assertThat(scan(again, next, List.of(com.vaadin.flow.router.Route.class), List.of()))
                    .isEqualTo(views);
            assertThat(next.getResourceCache(MetadataReader.class))
                    .as("no class file read: no scan ran")
                    .isEmpty();
        } finally {
            next.close();
        }
    }

    private static Set<Class<?>> scan(
            VaadinServletContextInitializer initializer,
            ResourceLoader loader,
            Collection<Class<? extends Annotation>> annotations,
            Collection<Class<?>> types) {
        return initializer
                .findByAnnotationOrSuperType(UI, loader, annotations, types)
                .collect(Collectors.toSet());
    }

    /** Vaadin's own filtering loader, the one five of its six scans use. */
    private ResourceLoader customLoader() {
        try {
            var field = VaadinServletContextInitializer.class.getDeclaredField("customLoader");
            field.setAccessible(true);
            return (ResourceLoader) field.get(vaadins);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static void split(Class<?>[] handled, List<Class<? extends Annotation>> annotations, List<Class<?>> types) {
        for (Class<?> c : handled) {
            if (c.isAnnotation()) annotations.add((Class<? extends Annotation>) c);
            else types.add(c);
        }
    }

    private static GenericWebApplicationContext context() {
        GenericWebApplicationContext context = new GenericWebApplicationContext();
        context.refresh();
        return context;
    }
}
