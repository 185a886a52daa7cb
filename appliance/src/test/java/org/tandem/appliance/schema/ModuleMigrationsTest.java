package org.tandem.appliance.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.tandem.appliance.testsupport.FormerSchema;
import org.tandem.pbx.schema.ModuleMigrations;

/**
 * Issue 14: every module's migration folder is one of {@code spring.flyway.locations}, the modules share one version
 * sequence without a clash, and a database made by the former single migration set of pbx-core ends up with exactly
 * the history a new database gets, without running anything again and with every row.
 */
class ModuleMigrationsTest {

    private static final Pattern FILE = Pattern.compile(".*/db/migration/([^/]+)/V([0-9.]+)__([a-z0-9_]+)\\.sql$");

    private static final String FORMER_LAST = "70";

    @TempDir
    Path dataDir;

    @Test
    void applicationYmlListsEveryModulesMigrationFolderAndNoVersionIsUsedTwice() throws Exception {
        Map<String, List<String>> versionsByModule = new TreeMap<>();
        Map<String, String> moduleOfVersion = new LinkedHashMap<>();
        List<String> clashes = new ArrayList<>();
        for (Resource r : new PathMatchingResourcePatternResolver().getResources("classpath*:db/migration/**/*.sql")) {
            Matcher m = FILE.matcher(r.getURL().toString());
            assertThat(m.matches())
                    .as("named db/migration/<module>/V<version>__<what_it_creates>.sql: " + r)
                    .isTrue();
            versionsByModule.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(m.group(2));
            String other = moduleOfVersion.put(m.group(2), m.group(1));
            if (other != null) clashes.add("V" + m.group(2) + " in " + other + " and " + m.group(1));
        }
        assertThat(clashes)
                .as("one version sequence across modules (docs/architecture.md, Storage)")
                .isEmpty();
        assertThat(versionsByModule.keySet())
                .containsExactlyInAnyOrder("sip-core", "pbx", "provisioning", "operations", "appliance");
        Set<String> listed = new TreeSet<>(Arrays.asList(locations()));
        Set<String> folders = new TreeSet<>();
        versionsByModule.keySet().forEach(module -> folders.add("classpath:db/migration/" + module));
        assertThat(listed).isEqualTo(folders);
        assertThat(moduleOfVersion)
                .containsEntry("1", "pbx")
                .containsEntry("1.1", "sip-core")
                .containsEntry("1.2", "appliance")
                .containsEntry("6", "provisioning")
                .containsEntry("49", "operations")
                .containsEntry("70", "pbx");
    }

    @Test
    void aFormerDatabaseGetsTheHistoryOfANewOneAndKeepsEveryRow() throws Exception {
        DataSource former = FormerSchema.dataSource(dataDir.resolve("former"), Map.of());
        Files.createDirectories(dataDir.resolve("former"));
        FormerSchema.create(former, dataDir.resolve("former"));
        Map<String, Set<List<String>>> rows = FormerSchema.rows(former);

        // up to the former set's last version: migrations added later run on a former database like on any other
        Flyway modules = Flyway.configure()
                .dataSource(former)
                .locations(locations())
                .target(FORMER_LAST)
                .load();
        new ModuleMigrations().migrate(modules);
        assertThat(modules.migrate().migrationsExecuted).isZero();
        modules.validate();

        DataSource fresh = FormerSchema.dataSource(dataDir.resolve("fresh"), Map.of());
        assertThat(Flyway.configure()
                        .dataSource(fresh)
                        .locations(locations())
                        .target(FORMER_LAST)
                        .load()
                        .migrate()
                        .migrationsExecuted)
                .isEqualTo(42);
        assertThat(FormerSchema.history(former)).isEqualTo(FormerSchema.history(fresh));
        assertThat(FormerSchema.rows(former)).isEqualTo(rows);
        assertThat(rows.get("admin_account")).hasSize(1);
        assertThat(FormerSchema.rows(fresh).keySet()).as("the same tables").isEqualTo(rows.keySet());
    }

    private static String[] locations() throws Exception {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource("application.yml"));
        return yaml.getObject().getProperty("spring.flyway.locations").split(",");
    }
}
