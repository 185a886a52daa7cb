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
        assertThat(refresh(Map.of(), true)).containsExactly("migration begun", "web server made");
    }

    @Test
    void withoutFlywayTheContextStartsAsBefore() {
        assertThat(refresh(Map.of(), false)).containsExactly("web server made");
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

        assertThat(refresh(Map.of("spring.datasource.url", "jdbc:h2:file:" + dir.resolve("fresh")), true))
                .containsExactly("web server made", "migration begun");
    }

    /**
     * Refreshes and closes a servlet context of {@link ApplianceContexts} with {@code properties}, a web server
     * factory and, with {@code flyway}, Spring Boot's Flyway initializer; what happened, in order.
     */
    private static List<String> refresh(Map<String, Object> properties, boolean flyway) {
        List<String> events = new CopyOnWriteArrayList<>();
        var context = (AnnotationConfigServletWebServerApplicationContext)
                ApplianceContexts.factory().create(WebApplicationType.SERVLET);
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test", properties));
        if (flyway) {
            context.registerBean(
                    FlywayMigrationInitializer.class,
                    () -> new FlywayMigrationInitializer(
                            Flyway.configure()
                                    .dataSource("jdbc:h2:mem:contexts", "sa", "")
                                    .load(),
                            migrated -> events.add("migration begun")));
        }
        context.registerBean(ServletWebServerFactory.class, () -> initializers -> {
            events.add("web server made");
            return new NoWebServer();
        });
        context.refresh();
        context.close();
        return events;
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
