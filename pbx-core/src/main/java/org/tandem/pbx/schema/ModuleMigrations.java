package org.tandem.pbx.schema;

import org.flywaydb.core.Flyway;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;
import org.tandem.pbx.schema.internal.FormerMigrations;

/**
 * Migrates the database with every module's migrations on the classpath. Before Flyway validates the history
 * against the files (it compares each applied version's description and checksum), the rows a database got from
 * the former single migration set of pbx-core ({@code V1__core.sql} ... {@code V70}) are rewritten to the names
 * those migrations have now, so an installation made before the move starts without a validation error and
 * without running anything again ({@link FormerMigrations}). Which folders Flyway reads is
 * {@code spring.flyway.locations} (the appliance's {@code application.yml} lists every module's).
 *
 * <p>Runs on the caller's thread; the context runs it on a thread of its own through {@link SchemaMigration}.
 */
public class ModuleMigrations implements FlywayMigrationStrategy {

    @Override
    public void migrate(Flyway flyway) {
        upgradeHistory(flyway);
        flyway.migrate();
    }

    /** Rewrites the history rows of the former migration set; nothing when there are none (a new or current database). */
    public static void upgradeHistory(Flyway flyway) {
        FormerMigrations.upgradeHistory(
                flyway.getConfiguration().getDataSource(),
                flyway.getConfiguration().getTable());
    }
}
