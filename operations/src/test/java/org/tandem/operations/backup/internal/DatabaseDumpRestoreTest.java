package org.tandem.operations.backup.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/**
 * A restore while the appliance keeps writing (issue 22's restore; found by BackupRestoreIT in session 36): the audit
 * entry of the restore itself was written by the audit log's thread while the restore ran, with the first id of a new
 * appliance's empty table, and the restore's INSERT of the backup's row with that id then failed the whole restore.
 * The writer now waits for the restore and its row goes in after it.
 */
class DatabaseDumpRestoreTest {

    @Test
    void aRowAnotherConnectionWritesDuringTheRestoreWaitsForItInsteadOfFailingIt() throws Exception {
        JdbcDataSource backedUp = h2("backed-up");
        execute(backedUp, "CREATE TABLE audit_log (id BIGINT AUTO_INCREMENT PRIMARY KEY, action VARCHAR(255))");
        for (String action : List.of("one", "two", "three")) {
            execute(backedUp, "INSERT INTO audit_log (action) VALUES ('" + action + "')");
        }
        ByteArrayOutputStream dump = new ByteArrayOutputStream();
        new DatabaseDump(backedUp).export(dump);

        JdbcDataSource appliance = h2("appliance");
        execute(appliance, "CREATE TABLE audit_log (id BIGINT AUTO_INCREMENT PRIMARY KEY, action VARCHAR(255))");
        List<CompletableFuture<Void>> writer = new ArrayList<>();
        List<Boolean> writerDoneDuringRestore = new ArrayList<>();
        // the writer's connection is open before the restore, as the appliance's pool keeps its connections
        Connection writers = appliance.getConnection();
        new DatabaseDump(appliance).restore(new ByteArrayInputStream(dump.toByteArray()), Set.of("audit_log"), row -> {
            if (row != 1) return;
            // after the restore cleared the table and inserted the backup's first row: the audit log's
            // thread writes the restore's own entry (the next free id is one the backup's rows take)
            writer.add(CompletableFuture.runAsync(() -> {
                try (Statement st = writers.createStatement()) {
                    st.execute("INSERT INTO audit_log (action) VALUES ('restored a backup')");
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }));
            try {
                writer.get(0).get(2, TimeUnit.SECONDS);
                writerDoneDuringRestore.add(true);
            } catch (TimeoutException waiting) {
                writerDoneDuringRestore.add(false);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        writer.get(0).get(30, TimeUnit.SECONDS); // then in, after the restore
        writers.close();
        assertThat(writerDoneDuringRestore)
                .as("the writer waited for the restore")
                .containsExactly(false);
        assertThat(actions(appliance)).containsExactly("one", "two", "three", "restored a backup");
    }

    private static JdbcDataSource h2(String name) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + name + "-" + System.nanoTime()
                + ";MODE=MariaDB;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
        ds.setUser("sa");
        return ds;
    }

    private static void execute(JdbcDataSource ds, String sql) {
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    private static List<String> actions(JdbcDataSource ds) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT action FROM audit_log ORDER BY id")) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }
}
