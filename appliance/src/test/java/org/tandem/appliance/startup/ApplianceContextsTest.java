package org.tandem.appliance.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationInitializer;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.servlet.context.AnnotationConfigServletWebServerApplicationContext;
import org.springframework.boot.web.servlet.server.ServletWebServerFactory;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.MapPropertySource;

/** {@link ApplianceContexts}: the contexts Spring Boot makes, and the migration begun before the web server. */
class ApplianceContextsTest {

    @Test
    void makesTheServletContextsOverTheCachingFactoryAndOtherContextsAsSpringBootDoes() {
        var servlet = (GenericApplicationContext) ApplianceContexts.factory().create(WebApplicationType.SERVLET);
        assertThat(servlet.getDefaultListableBeanFactory()).isInstanceOf(TypeLookupCachingBeanFactory.class);
        var none = (GenericApplicationContext) ApplianceContexts.factory().create(WebApplicationType.NONE);
        assertThat(none.getDefaultListableBeanFactory()).isNotInstanceOf(TypeLookupCachingBeanFactory.class);
    }

    @Test
    void theSchemaMigrationBeginsBeforeTheWebServerIsMade() {
        List<String> events = new CopyOnWriteArrayList<>();
        var context = (AnnotationConfigServletWebServerApplicationContext)
                ApplianceContexts.factory().create(WebApplicationType.SERVLET);
        context.registerBean(
                FlywayMigrationInitializer.class,
                () -> new FlywayMigrationInitializer(
                        Flyway.configure()
                                .dataSource("jdbc:h2:mem:contexts", "sa", "")
                                .load(),
                        flyway -> events.add("migration begun")));
        context.registerBean(ServletWebServerFactory.class, () -> initializers -> {
            events.add("web server made");
            return new NoWebServer();
        });
        context.refresh();
        try {
            assertThat(events).containsExactly("migration begun", "web server made");
        } finally {
            context.close();
        }
    }

    @Test
    void withoutFlywayTheContextStartsAsBefore() {
        List<String> events = new CopyOnWriteArrayList<>();
        var context = (AnnotationConfigServletWebServerApplicationContext)
                ApplianceContexts.factory().create(WebApplicationType.SERVLET);
        context.registerBean(ServletWebServerFactory.class, () -> initializers -> {
            events.add("web server made");
            return new NoWebServer();
        });
        context.refresh();
        context.close();
        assertThat(events).containsExactly("web server made");
    }

    @Test
    void aFirstBootOfTheEmbeddedDatabaseLeavesTheMigrationToTheFirstBeanThatNeedsIt(@TempDir Path dir)
            throws Exception {
        String file = "jdbc:h2:file:" + dir.resolve("tandem") + ";MODE=MariaDB;WRITE_DELAY=0";
        assertThat(ApplianceContexts.hasSchema(file)).as("no database file yet").isFalse();
        Files.createFile(dir.resolve("tandem.mv.db"));
        assertThat(ApplianceContexts.hasSchema(file)).isTrue();
        assertThat(ApplianceContexts.hasSchema("jdbc:h2:" + dir.resolve("tandem")))
                .isTrue();
        assertThat(ApplianceContexts.hasSchema("jdbc:h2:" + dir.resolve("other")))
                .isFalse();
        assertThat(ApplianceContexts.hasSchema("jdbc:h2:mem:tandem;DB_CLOSE_DELAY=-1"))
                .isFalse();
        assertThat(ApplianceContexts.hasSchema("jdbc:h2:tcp://db.example/tandem"))
                .isTrue();
        assertThat(ApplianceContexts.hasSchema("jdbc:mariadb://127.0.0.1/tandem"))
                .isTrue();
        assertThat(ApplianceContexts.hasSchema(null)).isTrue();

        List<String> events = new CopyOnWriteArrayList<>();
        var context = (AnnotationConfigServletWebServerApplicationContext)
                ApplianceContexts.factory().create(WebApplicationType.SERVLET);
        context.getEnvironment()
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        "test", Map.of("spring.datasource.url", "jdbc:h2:file:" + dir.resolve("fresh"))));
        context.registerBean(
                FlywayMigrationInitializer.class,
                () -> new FlywayMigrationInitializer(
                        Flyway.configure()
                                .dataSource("jdbc:h2:mem:fresh", "sa", "")
                                .load(),
                        flyway -> events.add("migration begun")));
        context.registerBean(ServletWebServerFactory.class, () -> initializers -> {
            events.add("web server made");
            return new NoWebServer();
        });
        context.refresh();
        context.close();
        assertThat(events).containsExactly("web server made", "migration begun");
    }

    private static final class NoWebServer implements WebServer {
        @Override
        public void start() {}

        @Override
        public void stop() {}

        @Override
        public int getPort() {
            return -1;
        }
    }
}
