package org.tandem.appliance;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.actuate.autoconfigure.metrics.data.RepositoryMetricsAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.observation.web.client.HttpClientObservationsAutoConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.data.web.SpringDataWebAutoConfiguration;
import org.springframework.boot.autoconfigure.http.client.HttpClientAutoConfiguration;
import org.springframework.boot.autoconfigure.mustache.MustacheAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.autoconfigure.web.client.RestClientAutoConfiguration;
import org.springframework.boot.autoconfigure.web.client.RestTemplateAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.tandem.appliance.startup.ApplianceContexts;
import org.tandem.appliance.startup.TypeLookupCachingBeanFactory;

/**
 * The Tandem appliance: one process that is the office phone system.
 *
 * <p>Auto-configurations for what the appliance does not use are left out, each parsed, evaluated and partly
 * instantiated at every start (issue 23, cold start): Mustache views (phone configurations are rendered with
 * JMustache directly, there are no view templates), Spring Data's web support and repository metrics (no Spring
 * Data repositories), and Spring's HTTP clients RestTemplate and RestClient with their request factories and
 * observations (the appliance sends no HTTP requests through them), and Bean Validation (no {@code @Valid} or
 * {@code @Validated} anywhere: its Hibernate Validator factory was built at every start and its method-validation
 * post-processor looked at every bean).
 *
 * <p>Spring Boot's in-memory {@code user} with a generated password is left out too: every login (web UI, portal,
 * REST API, XCAP) is checked by the one store of web passwords, {@code pbx.credentials.WebCredentials}, and no
 * other account may exist.
 *
 * <p>The context's bean factory keeps its by-type look-ups through the start ({@link TypeLookupCachingBeanFactory}),
 * and the schema is migrated beside the web server's making ({@link ApplianceContexts}).
 */
@SpringBootApplication(
        scanBasePackages = "org.tandem",
        exclude = {
            MustacheAutoConfiguration.class,
            SpringDataWebAutoConfiguration.class,
            RepositoryMetricsAutoConfiguration.class,
            RestTemplateAutoConfiguration.class,
            RestClientAutoConfiguration.class,
            HttpClientAutoConfiguration.class,
            HttpClientObservationsAutoConfiguration.class,
            ValidationAutoConfiguration.class,
            UserDetailsServiceAutoConfiguration.class
        })
@ConfigurationPropertiesScan("org.tandem")
public class TandemApplication {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(TandemApplication.class);
        application.setApplicationContextFactory(ApplianceContexts.factory());
        application.run(args);
    }
}
