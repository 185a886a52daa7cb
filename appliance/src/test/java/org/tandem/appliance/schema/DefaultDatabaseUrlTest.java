package org.tandem.appliance.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;

/** The zero-setup H2 database the appliance opens from {@code application.yml}'s default URL. */
class DefaultDatabaseUrlTest {

    @TempDir
    Path dataDir;

    /**
     * Each connection keeps 64 statements parsed and planned, not H2's 8 (issue 23: with 8 the statements of the
     * periodic tasks pushed the registrar's and the call records' out of a pooled connection's cache, and they were
     * parsed again at random; bench/RESULTS.md, session 60).
     */
    @Test
    void eachConnectionKeepsSixtyFourStatementsParsed() throws Exception {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource("application.yml"));
        String url = yaml.getObject().getProperty("spring.datasource.url");
        assertThat(url).startsWith("jdbc:h2:file:${tandem.data-dir}/");
        try (Connection c =
                        DriverManager.getConnection(url.replace("${tandem.data-dir}", dataDir.toString()), "sa", "");
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery(
                        "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'QUERY_CACHE_SIZE'")) {
            assertThat(r.next()).as("H2 reports the setting").isTrue();
            assertThat(r.getString(1)).isEqualTo("64");
        }
    }
}
