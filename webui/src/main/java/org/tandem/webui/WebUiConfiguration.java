package org.tandem.webui;

import com.vaadin.flow.spring.SharedScanServletContextInitializer;
import com.vaadin.flow.spring.VaadinServletContextInitializer;
import com.vaadin.flow.spring.annotation.EnableVaadin;
import java.nio.file.Path;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;
import org.tandem.pbx.config.TandemProperties;
import org.tandem.webui.startup.ScanResults;

/**
 * The admin web UI (at {@code /}) and the user portal (at {@code /me}). Views are thin: they call
 * pbx-core services and the ports declared at this package's root, never the SIP stack or a repository.
 */
@Configuration(proxyBeanMethods = false)
@ComponentScan
@EnableVaadin("org.tandem.webui")
@PropertySource("classpath:tandem-webui.properties")
public class WebUiConfiguration {

    /**
     * Vaadin's servlet-context initializer (its auto-configuration's bean) replaced by one whose start-up scans read
     * each class file once and are kept for the next start on the same jars
     * ({@link SharedScanServletContextInitializer}, {@link ScanResults}): a shorter start, the same routes.
     */
    @Bean
    static BeanPostProcessor vaadinScansReadClassFilesOnce(ApplicationContext context) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String name) {
                if (bean.getClass() != VaadinServletContextInitializer.class) return bean;
                Path dataDir = Binder.get(context.getEnvironment())
                        .bindOrCreate("tandem", TandemProperties.class)
                        .dataDir();
                return new SharedScanServletContextInitializer(context, ScanResults.in(dataDir));
            }
        };
    }
}
