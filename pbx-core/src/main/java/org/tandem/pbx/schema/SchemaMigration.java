package org.tandem.pbx.schema;

import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;
import org.springframework.stereotype.Component;

/**
 * Migrates the schema ({@link ModuleMigrations}) on a thread of its own, beside the rest of the start, and makes
 * every connection wait for it: the context's data sources are wrapped ({@link SchemaGatedDataSource}) so that
 * {@code getConnection} returns only once the migration is over, on every thread but the migration's own.
 *
 * <p>Issue 23, cold start: Flyway's part (opening the database, validating ~70 migrations; all of them on a first
 * boot) ran on Spring's one start-up thread, 0.35-0.4 s of an existing-data start, although the web server and most
 * beans do not need the database. With {@code startup.ApplianceContexts} beginning it before the web server is
 * made, it runs on the second core while the first builds Tomcat and the web UI.
 *
 * <p>Nothing is lost on failure: a connection asked for after a failed migration fails with the migration's error,
 * and the start fails with it once every singleton is made, whether or not a bean asked for a connection (as the
 * synchronous migration failed it before). Before a migration has begun (Flyway off, or its bean not made yet)
 * connections are not held back, as without this class.
 */
@Component
public class SchemaMigration implements FlywayMigrationStrategy, BeanPostProcessor, SmartInitializingSingleton {

    private final FlywayMigrationStrategy migrations;
    private volatile CompletableFuture<Void> migrated;
    private volatile Thread migrating;

    public SchemaMigration() {
        this(new ModuleMigrations());
    }

    SchemaMigration(FlywayMigrationStrategy migrations) {
        this.migrations = migrations;
    }

    /** Called by Spring Boot's {@code FlywayMigrationInitializer}; returns at once, the migration runs on. */
    @Override
    public synchronized void migrate(Flyway flyway) {
        if (migrated != null) throw new IllegalStateException("The schema migration has already begun");
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread thread = new Thread(
                () -> {
                    try {
                        migrations.migrate(flyway);
                        done.complete(null);
                    } catch (Throwable t) {
                        done.completeExceptionally(t);
                    }
                },
                "tandem-schema-migration");
        thread.setDaemon(true);
        migrating = thread;
        migrated = done;
        thread.start();
    }

    /**
     * Waits for a migration that has begun; returns at once when none has, or on the migration's own thread.
     *
     * @throws SQLException the migration failed (its error as the cause)
     */
    public void awaitMigrated() throws SQLException {
        if (Thread.currentThread() == migrating) return;
        Throwable failure = failure();
        if (failure != null) {
            throw new SQLException("The database schema could not be migrated: " + failure, failure);
        }
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        return bean instanceof DataSource dataSource && !(bean instanceof SchemaGatedDataSource)
                ? new SchemaGatedDataSource(dataSource, this)
                : bean;
    }

    /** The start ends with the schema migrated, or fails with the migration's error. */
    @Override
    public void afterSingletonsInstantiated() {
        Throwable failure = failure();
        if (failure instanceof RuntimeException r) throw r;
        if (failure != null) throw new IllegalStateException("The database schema could not be migrated", failure);
    }

    /** Waits for the migration that has begun; its error, or null when it succeeded or none has begun. */
    private Throwable failure() {
        CompletableFuture<Void> done = migrated;
        if (done == null) return null;
        try {
            done.join();
            return null;
        } catch (CompletionException e) {
            return e.getCause();
        }
    }
}
