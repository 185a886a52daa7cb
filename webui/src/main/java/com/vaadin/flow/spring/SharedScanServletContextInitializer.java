package com.vaadin.flow.spring;

import java.lang.annotation.Annotation;
import java.util.Collection;
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

/**
 * Vaadin's servlet-context initializer with one class-file cache for all its start-up scans. Vaadin's own (24.9) scans
 * the UI's packages six times as the servlet context starts (lookup services, routes, layouts, error views, annotation
 * checks, web components, the app shell), each time with a new scanner whose cache of parsed class files is its own:
 * every class of {@code org.tandem.webui}, and for the "assignable to" filters each of its super-classes and
 * interfaces up to Vaadin's, is read from its jar and parsed by ASM once per scan — about 0.4 s of the start's only
 * busy thread on a two-core appliance. Here every scan reads through one {@link CachingMetadataReaderFactory} over the
 * application context's resource cache, which Spring empties when the context's refresh ends (after the servlet
 * context has started). The scans themselves are unchanged: the same filters over the same packages and resource
 * loaders, so the same classes (the unit test compares them with Vaadin's own scan).
 *
 * <p>It lives in Vaadin's package because the method every scan goes through, {@code findByAnnotationOrSuperType}, is
 * package-private there; {@code WebUiConfiguration} puts it in the place of Vaadin's bean.
 */
public final class SharedScanServletContextInitializer extends VaadinServletContextInitializer {

    private final ApplicationContext context;
    private final MetadataReaderFactory classFiles;

    public SharedScanServletContextInitializer(ApplicationContext context) {
        super(context);
        this.context = context;
        // a DefaultResourceLoader (every application context is one) lends its cache, cleared at the refresh's end
        this.classFiles = context instanceof DefaultResourceLoader loader
                ? new CachingMetadataReaderFactory(loader)
                : new CachingMetadataReaderFactory(context.getClassLoader());
    }

    @Override
    Stream<Class<?>> findByAnnotationOrSuperType(
            Collection<String> packages,
            ResourceLoader loader,
            Collection<Class<? extends Annotation>> annotations,
            Collection<Class<?>> types) {
        Scanner scanner = new Scanner(context, loader, classFiles, annotations, types);
        return packages.stream()
                .map(scanner::findCandidateComponents)
                .flatMap(Collection::stream)
                .map(this::beanClass);
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
