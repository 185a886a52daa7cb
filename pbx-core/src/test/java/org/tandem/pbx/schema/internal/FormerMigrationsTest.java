package org.tandem.pbx.schema.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.tandem.pbx.schema.ModuleMigrations;
import org.tandem.pbx.testsupport.TestPbxApplication;

/**
 * A database migrated by the former single migration set ({@code legacy-schema/}, the files as of b07d72ea) is
 * brought to the modules' migrations by rewriting its history only: it then validates, nothing runs again and its
 * rows stay. Here with sip-core's and pbx-core's files (the appliance's ModuleMigrationsTest has every module's), on
 * H2; {@link FormerMigrationsMariaDbIT} runs the same on MariaDB.
 */
class FormerMigrationsTest {

    private static final String FORMER = "classpath:legacy-schema";

    @Test
    void aFormerDatabaseValidatesAgainstTheModulesFilesAndRunsNothingAgain() {
        DataSource db = database();
        Flyway.configure().dataSource(db).locations(FORMER).load().migrate();
        JdbcClient jdbc = JdbcClient.create(db);
        jdbc.sql("INSERT INTO sip_user (extension, display_name, secret_enc, created_at, updated_at) "
                        + "VALUES ('301', 'Erin', 'sealed', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)")
                .update();
        Flyway modules = modules(db);
        assertThatThrownBy(modules::validate)
                .as("without the rewrite Flyway refuses the renamed V1")
                .isInstanceOf(FlywayException.class)
                .hasMessageContaining("version 1");

        assertThat(FormerMigrations.upgradeHistory(db, "flyway_schema_history"))
                .as("7 renamed + 2 split off")
                .isEqualTo(9);
        assertThat(FormerMigrations.upgradeHistory(db, "flyway_schema_history"))
                .as("done once")
                .isZero();

        modules.validate();
        assertThat(modules.migrate().migrationsExecuted).isZero();
        assertThat(jdbc.sql("SELECT display_name FROM sip_user")
                        .query(String.class)
                        .list())
                .containsExactly("Erin");
        DataSource fresh = database();
        modules(fresh).migrate();
        assertThat(withoutRanks(history(db)))
                .as("the rows of the files pbx-core and sip-core ship are a new database's")
                .containsAll(withoutRanks(history(fresh)));
        assertThat(history(db))
                .as("V1.1 and V1.2 right after V1, the rest moved up")
                .contains(
                        "1.2 | admin accounts | V1.2__admin_accounts.sql | 421945961 | rank 3",
                        "2 | call settings ring groups feature codes | V2__call_settings_ring_groups_feature_codes.sql"
                                + " | 2093078656 | rank 4",
                        "70 | cdr queue visit | V70__cdr_queue_visit.sql | -1137035995 | rank 42");
    }

    @Test
    void aNewDatabaseIsLeftAloneAndTheStrategyMigratesIt() {
        DataSource db = database();
        assertThat(FormerMigrations.upgradeHistory(db, "flyway_schema_history"))
                .as("no history yet")
                .isZero();
        new ModuleMigrations().migrate(modules(db));
        List<String> migrated = history(db);
        assertThat(FormerMigrations.upgradeHistory(db, "flyway_schema_history")).isZero();
        assertThat(history(db))
                .isEqualTo(migrated)
                .contains(
                        "1 | sip users | V1__sip_users.sql | -482383284 | rank 1",
                        "1.1 | registrations | V1.1__registrations.sql | -1411585667 | rank 2");
    }

    @Test
    void aHistoryRowThatIsNotTheFormerFilesIsLeftForFlywayToReport() {
        DataSource db = database();
        Flyway.configure().dataSource(db).locations(FORMER).load().migrate();
        JdbcClient jdbc = JdbcClient.create(db);
        jdbc.sql("UPDATE flyway_schema_history SET checksum = 12345 WHERE version = '2'")
                .update();

        FormerMigrations.upgradeHistory(db, "flyway_schema_history");

        assertThat(jdbc.sql("SELECT description FROM flyway_schema_history WHERE version = '2'")
                        .query(String.class)
                        .single())
                .isEqualTo("routing");
        assertThatThrownBy(modules(db)::validate)
                .isInstanceOf(FlywayException.class)
                .hasMessageContaining("version 2");
    }

    private static Flyway modules(DataSource db) {
        return Flyway.configure()
                .dataSource(db)
                .locations(TestPbxApplication.FLYWAY_LOCATIONS.split(","))
                .ignoreMigrationPatterns(
                        "*:missing") // provisioning's and the appliance's files are not on this classpath
                .target("70") // the former set's last version: what comes later runs on a former database as on any
                .load();
    }

    private static List<String> history(DataSource db) {
        return JdbcClient.create(db)
                .sql("SELECT version, description, script, checksum, installed_rank "
                        + "FROM flyway_schema_history WHERE version IS NOT NULL")
                .query((rs, n) -> rs.getString(1) + " | " + rs.getString(2) + " | " + rs.getString(3) + " | "
                        + rs.getInt(4) + " | rank " + rs.getInt(5))
                .list()
                .stream()
                .sorted()
                .toList();
    }

    private static List<String> withoutRanks(List<String> history) {
        return history.stream()
                .map(row -> row.replaceFirst(" \\| rank -?\\d+$", ""))
                .toList();
    }

    /** A new, empty database (H2 here, MariaDB in {@link FormerMigrationsMariaDbIT}). */
    DataSource database() {
        return new DriverManagerDataSource(
                "jdbc:h2:mem:former-" + UUID.randomUUID()
                        + ";MODE=MariaDB;DATABASE_TO_LOWER=TRUE;NON_KEYWORDS=VALUE;DB_CLOSE_DELAY=-1",
                "sa",
                "");
    }
}
