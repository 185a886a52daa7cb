package org.tandem.operations.backup;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.time.Instant;
import javax.sql.DataSource;
import org.springframework.stereotype.Service;
import org.tandem.pbx.config.ApplianceVersion;
import org.tandem.pbx.config.TandemProperties;

/**
 * What this installation is (issue 17: a version page with update instructions): the appliance's version and database
 * schema (what a backup records too), the database, Java, the operating system, the host, since when it runs and where
 * its data lives. No secret: the database is named by product and version, never by its URL's credentials.
 */
@Service
public class ApplianceAbout {

    /**
     * The facts; {@code schemaVersion} is the newest applied migration; {@code live} is true in the ISO's live session,
     * where nothing is kept ({@link LiveSession}).
     */
    public record About(
            String version,
            String schemaVersion,
            String database,
            String java,
            String operatingSystem,
            String host,
            Instant startedAt,
            String dataDir,
            boolean live) {}

    private final Backups backups;
    private final DataSource dataSource;
    private final TandemProperties tandem;
    private final LiveSession liveSession;

    public ApplianceAbout(Backups backups, DataSource dataSource, TandemProperties tandem, LiveSession liveSession) {
        this.backups = backups;
        this.dataSource = dataSource;
        this.tandem = tandem;
        this.liveSession = liveSession;
    }

    public About now() {
        return new About(
                ApplianceVersion.current(),
                backups.schemaVersion(),
                database(),
                System.getProperty("java.vm.vendor") + " " + System.getProperty("java.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " ("
                        + System.getProperty("os.arch") + ")",
                host(),
                Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime()),
                tandem.dataDir().toString(),
                liveSession.live());
    }

    private String database() {
        try (Connection c = dataSource.getConnection()) {
            DatabaseMetaData m = c.getMetaData();
            return m.getDatabaseProductName() + " " + m.getDatabaseProductVersion();
        } catch (SQLException e) {
            return "not reachable: " + e.getMessage();
        }
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
