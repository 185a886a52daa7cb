package com.vaadin.flow.spring;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletException;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.type.classreading.CachingMetadataReaderFactory;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.core.type.filter.AssignableTypeFilter;
import org.springframework.util.ClassUtils;
import org.tandem.webui.startup.ScanResults;

/**
 * Vaadin's servlet-context initializer with one class-file cache for all its start-up scans. Vaadin's own (24.9) scans
 * the UI's packages six times as the servlet context starts (lookup services, routes, layouts, error views, annotation
 * checks, web components, the app shell), each time with a new scanner whose cache of parsed class files is its own:
 * every class of {@code org.tandem.webui}, and for the "assignable to" filters each of its super-classes and
 * interfaces up to Vaadin's, is read from its jar and parsed by ASM once per scan — about 0.4 s of the start's only
 * busy thread on a two-core appliance. Here every scan reads through one {@link CachingMetadataReaderFactory} over the
 * application context's resource cache, which Spring empties when the context's refresh ends (after the servlet
 * context has started). The scans themselves are unchanged: the same filters over the same packages and resource
 * loaders, so the same classes (the unit test compares them with Vaadin's own scan). And what they find is kept for the
 * next start on the same jars ({@link ScanResults}): that start asks no scan at all.
 *
 * <p>It lives in Vaadin's package because the method every scan goes through, {@code findByAnnotationOrSuperType}, is
 * package-private there; {@code WebUiConfiguration} puts it in the place of Vaadin's bean.
 */
public final class SharedScanServletContextInitializer extends VaadinServletContextInitializer {

    private final ApplicationContext context;
    private final MetadataReaderFactory classFiles;
    private final ScanResults results;

    /** @param results what the scans found at the last start on the same jars, and where this start's go */
    public SharedScanServletContextInitializer(ApplicationContext context, ScanResults results) {
        super(context);
        this.context = context;
        this.results = results;
        // a DefaultResourceLoader (every application context is one) lends its cache, cleared at the refresh's end
        this.classFiles = context instanceof DefaultResourceLoader loader
                ? new CachingMetadataReaderFactory(loader)
                : new CachingMetadataReaderFactory(context.getClassLoader());
    }

    @Override
    public void onStartup(ServletContext servletContext) throws ServletException {
        super.onStartup(servletContext); // Vaadin's listeners, which scan as the servlet context starts
        servletContext.addListener(
                new ServletContextListener() { // called after them, in the order added
                    @Override
                    public void contextInitialized(ServletContextEvent event) {
                        results.save();
                    }
                });
    }

    @Override
    Stream<Class<?>> findByAnnotationOrSuperType(
            Collection<String> packages,
            ResourceLoader loader,
            Collection<Class<? extends Annotation>> annotations,
            Collection<Class<?>> types) {
        String key = key(packages, loader, annotations, types);
        List<String> known = results.find(key);
        if (known != null) {
            try {
                List<Class<?>> classes = new ArrayList<>();
                for (String name : known) classes.add(ClassUtils.forName(name, context.getClassLoader()));
                return classes.stream();
            } catch (ClassNotFoundException | LinkageError e) {
                // the jars changed after all: scan
            }
        }
        Scanner scanner = new Scanner(context, loader, classFiles, annotations, types);
        List<Class<?>> found = packages.stream()
                .map(scanner::findCandidateComponents)
                .flatMap(Collection::stream)
                .map(this::beanClass)
                .collect(Collectors.toList());
        results.put(key, found.stream().map(Class::getName).toList());
        return found.stream();
    }

    /**
     * What a scan's result depends on besides the jars: where it looks, with which loader (Vaadin's own filters by
     * its {@code vaadin.allowed-packages}/{@code blocked-packages} settings), for which annotations and super-types.
     */
    private String key(
            Collection<String> packages,
            ResourceLoader loader,
            Collection<Class<? extends Annotation>> annotations,
            Collection<Class<?>> types) {
        String where = loader == context
                ? "context"
                : loader.getClass().getName() + "(" + setting("vaadin.allowed-packages") + ";"
                        + setting("vaadin.blocked-packages") + ")";
        return String.join(",", packages) + " " + where + " "
                + annotations.stream().map(Class::getName).collect(Collectors.joining(",")) + " "
                + types.stream().map(Class::getName).collect(Collectors.joining(","));
    }

    private String setting(String name) {
        return String.valueOf(context.getEnvironment().getProperty(name));
    }

    private Class<?> beanClass(BeanDefinition definition) {
        AbstractBeanDefinition scanned = (AbstractBeanDefinition) definition;
        if (scanned.hasBeanClass()) return scanned.getBeanClass();
        try {
            return scanned.resolveBeanClass(context.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Vaadin's scanner (abstract types are candidates too), reading class files through the shared cache. */
    private static final class Scanner extends ClassPathScanningCandidateComponentProvider {

        Scanner(
                ApplicationContext context,
                ResourceLoader loader,
                MetadataReaderFactory classFiles,
                Collection<Class<? extends Annotation>> annotations,
                Collection<Class<?>> types) {
            super(false, context.getEnvironment());
            setResourceLoader(loader); // where the scan looks (Vaadin's filtering loader or the context)
            setMetadataReaderFactory(classFiles); // after it: setResourceLoader makes a private cache
            annotations.stream().map(AnnotationTypeFilter::new).forEach(this::addIncludeFilter);
            types.stream().map(AssignableTypeFilter::new).forEach(this::addIncludeFilter);
        }

        @Override
        protected boolean isCandidateComponent(AnnotatedBeanDefinition definition) {
            return super.isCandidateComponent(definition)
                    || definition.getMetadata().isAbstract();
        }
    }
}
