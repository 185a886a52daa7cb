package org.tandem.pbx.testsupport;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** One MariaDB database per test data directory, so restarts find their data and tests never share. */
final class MariaDbDatabases {

    private MariaDbDatabases() {}

    /** @param serverUrl e.g. {@code jdbc:mariadb://127.0.0.1:21306/?user=root} (no database name) */
    static String forDataDir(String serverUrl, Path dataDir) {
        String name = "tandem_t"
                + Integer.toHexString(dataDir.toAbsolutePath().toString().hashCode() & 0x7fffffff);
        try (Connection c = DriverManager.getConnection(serverUrl);
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create test database on " + serverUrl, e);
        }
        int q = serverUrl.indexOf('?');
        String base = q < 0 ? serverUrl : serverUrl.substring(0, q);
        if (!base.endsWith("/")) base += "/";
        return base + name + (q < 0 ? "" : serverUrl.substring(q));
    }
}
