package org.tandem.pbx.testsupport.mariadb;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.tandem.pbx.testsupport.TestPbxApplication;

/** The harness itself: separate databases per caller, and the core migrations apply on real MariaDB. */
@MariaDbTest
class MariaDbServerIT {

    @Test
    void givesEachCallerItsOwnDatabaseOnOneServer() throws Exception {
        MariaDbServer server = MariaDbServer.shared();
        String first = server.createDatabase("harness");
        String second = server.createDatabase("harness");

        assertThat(first).isNotEqualTo(second).startsWith("jdbc:mariadb://127.0.0.1:" + server.port() + "/harness_");
        assertThat(MariaDbServer.shared()).isSameAs(server);
        try (Connection c = DriverManager.getConnection(first, server.username(), server.password());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT VERSION(), DATABASE()")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).containsIgnoringCase("mariadb");
            assertThat(first).endsWith("/" + rs.getString(2));
        }
    }

    @Test
    void theCoreMigrationsApply() throws Exception {
        MariaDbServer server = MariaDbServer.shared();
        String url = (String) MariaDbDatabase.properties("migrations").get("spring.datasource.url");

        var result = Flyway.configure()
                .dataSource(url, server.username(), server.password())
                .locations(TestPbxApplication.FLYWAY_LOCATIONS.split(","))
                .load()
                .migrate();

        assertThat(result.success).isTrue();
        assertThat(result.migrationsExecuted).isPositive();
        try (Connection c = DriverManager.getConnection(url, server.username(), server.password());
                ResultSet rs = c.getMetaData().getTables(c.getCatalog(), null, "sip_user", null)) {
            assertThat(rs.next()).isTrue();
        }
    }
}
