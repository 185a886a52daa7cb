package org.tandem.appliance.startup;

import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.aot.AotDetector;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.ApplicationContextFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationInitializer;
import org.springframework.boot.web.servlet.context.AnnotationConfigServletWebServerApplicationContext;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;

/**
 * The application contexts Spring Boot makes for the appliance (issue 23, cold start): a servlet context (generated
 * at build time or not) over a {@link TypeLookupCachingBeanFactory}, which begins the schema migration before it
 * makes the web server. The migration runs on a thread of its own ({@code pbx.schema.SchemaMigration}, which holds
 * every connection back until it is over), so the second core opens the database and validates the migrations
 * while Spring's start-up thread builds Tomcat, the security filter chains and the web UI (~1 s), instead of both
 * in turn. Any other context type is made as Spring Boot makes it.
 *
 * <p>Not on a first boot on the embedded H2 database (no database file yet): there Flyway applies every migration
 * (~1.3 s on Spring's thread), and beside the start it took the core the JIT compilers would have had; the start's
 * own thread then ran longer uncompiled (bench/RESULTS.md, session 40: a fresh start 8.5 -> 9.6 s). That migration
 * begins, as in Spring Boot, when the first bean needs the database.
 */
public final class ApplianceContexts {

    private static final String URL = "spring.datasource.url";

    private ApplianceContexts() {}

    public static ApplicationContextFactory factory() {
        return type -> {
            if (type != WebApplicationType.SERVLET) return ApplicationContextFactory.DEFAULT.create(type);
            TypeLookupCachingBeanFactory beans = new TypeLookupCachingBeanFactory();
            return AotDetector.useGeneratedArtifacts()
                    ? new ServletWebServerApplicationContext(beans) {
                        @Override
                        protected void onRefresh() {
                            beginSchemaMigration(
                                    getBeanFactory(), getEnvironment().getProperty(URL));
                            super.onRefresh();
                        }
                    }
                    : new AnnotationConfigServletWebServerApplicationContext(beans) {
                        @Override
                        protected void onRefresh() {
                            beginSchemaMigration(
                                    getBeanFactory(), getEnvironment().getProperty(URL));
                            super.onRefresh();
                        }
                    };
        };
    }

    /**
     * Makes Spring Boot's Flyway initializer, which hands the migration to {@code SchemaMigration} and returns; the
     * bean would otherwise be made by the first bean that needs the database, after the web server. Nothing when
     * Flyway is off, or on a first boot of the embedded database ({@link #hasSchema}).
     */
    static void beginSchemaMigration(ConfigurableListableBeanFactory beans, String databaseUrl) {
        if (hasSchema(databaseUrl))
            beans.getBeanProvider(FlywayMigrationInitializer.class).getIfAvailable();
    }

    /**
     * Whether the database at {@code url} may already hold a schema: false for an H2 database in memory or an H2
     * file database whose file is not there yet ({@code <path>.mv.db}, H2's file name), true otherwise (a server,
     * or no URL: the decision is then Flyway's).
     */
    static boolean hasSchema(String url) {
        if (url == null || !url.startsWith("jdbc:h2:")) return true;
        String database = url.substring("jdbc:h2:".length());
        int settings = database.indexOf(';');
        if (settings >= 0) database = database.substring(0, settings);
        if (database.startsWith("mem:")) return false;
        if (database.startsWith("tcp:") || database.startsWith("ssl:")) return true;
        if (database.startsWith("file:")) database = database.substring("file:".length());
        if (database.startsWith("~")) database = System.getProperty("user.home") + database.substring(1);
        return Files.exists(Path.of(database + ".mv.db"));
    }
}
