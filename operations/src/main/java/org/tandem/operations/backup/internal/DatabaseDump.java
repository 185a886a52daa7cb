package org.tandem.operations.backup.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.LongConsumer;
import javax.sql.DataSource;

/**
 * The database as data, not SQL: every Flyway-managed table's rows as JSON, with values written in a
 * form both H2 and MariaDB read back (booleans, integers, ISO-8601 instants, base64 for bytes), so a
 * dump of one restores into the other. Shape:
 * {@code {"tables":[{"name":"sip_user","columns":["extension",...],"rows":[[...],...]}, ...]}}, tables
 * parents first (foreign keys), so rows insert in file order. The values' portable form is {@link DumpValues}',
 * reading the file's shape {@link DumpReader}'s; this class knows the database's tables and transactions.
 */
public final class DatabaseDump {

    static final String SCHEMA_HISTORY = "flyway_schema_history";
    private static final JsonFactory JSON = new JsonFactory()
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
    private static final int BATCH = 500;

    /** What a dump holds, read without applying it: per table its columns and row count. */
    public record Summary(Map<String, List<String>> columns, Map<String, Long> rows) {
        public long totalRows() {
            return rows.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private final DataSource dataSource;

    public DatabaseDump(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Writes every table's rows, read in one transaction so the dump is one consistent moment. */
    public void export(OutputStream out) throws IOException, SQLException {
        export(out, Set.of());
    }

    /** As {@link #export(OutputStream)}, the tables {@code withoutRows} written with their columns but no rows. */
    public void export(OutputStream out, Set<String> withoutRows) throws IOException, SQLException {
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            c.setReadOnly(true);
            try (JsonGenerator g = JSON.createGenerator(out)) {
                g.writeStartObject();
                g.writeArrayFieldStart("tables");
                for (String table : tablesParentsFirst(c)) {
                    exportTable(c, table, g, withoutRows.contains(table));
                }
                g.writeEndArray();
                g.writeEndObject();
            } finally {
                c.commit();
                c.setReadOnly(false);
                c.setAutoCommit(auto);
            }
        }
    }

    private static void exportTable(Connection c, String table, JsonGenerator g, boolean noRows)
            throws SQLException, IOException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT * FROM " + table + (noRows ? " WHERE 1 = 0" : ""))) {
            ResultSetMetaData md = rs.getMetaData();
            g.writeStartObject();
            g.writeStringField("name", table);
            g.writeArrayFieldStart("columns");
            for (int i = 1; i <= md.getColumnCount(); i++)
                g.writeString(md.getColumnLabel(i).toLowerCase(Locale.ROOT));
            g.writeEndArray();
            g.writeArrayFieldStart("rows");
            while (rs.next()) {
                g.writeStartArray();
                for (int i = 1; i <= md.getColumnCount(); i++) DumpValues.write(rs, i, md.getColumnType(i), g);
                g.writeEndArray();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    /** Reads a dump through, checking its shape, without touching the database. */
    public static Summary summarize(InputStream in) throws IOException {
        Map<String, List<String>> columns = new LinkedHashMap<>();
        Map<String, Long> rows = new LinkedHashMap<>();
        try (JsonParser p = JSON.createParser(in)) {
            DumpReader.readTables(
                    p,
                    (table, cols) -> {
                        columns.put(table, cols);
                        rows.put(table, 0L);
                    },
                    (table, values) -> rows.merge(table, 1L, Long::sum));
        }
        return new Summary(columns, rows);
    }

    /**
     * What in {@code dump} this database cannot take: tables or columns it does not have. Empty when the
     * dump fits.
     */
    public List<String> misfits(Summary dump) throws SQLException {
        List<String> problems = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            Map<String, Map<String, Integer>> ours = new LinkedHashMap<>();
            for (String t : tablesParentsFirst(c)) ours.put(t, columnTypes(c, t));
            dump.columns().forEach((table, cols) -> {
                Map<String, Integer> target = ours.get(table);
                if (target == null) {
                    problems.add("table " + table + " does not exist here");
                    return;
                }
                for (String col : cols) {
                    if (!target.containsKey(col)) problems.add("column " + table + "." + col + " does not exist here");
                }
            });
        }
        return problems;
    }

    /**
     * Replaces the rows of every table in the dump with the dump's rows, in one transaction: on any error
     * nothing is changed. Tables the dump lacks (an older schema) keep their rows.
     */
    public void restore(InputStream in, Set<String> dumpTables, LongConsumer rowsDone)
            throws IOException, SQLException {
        try (Connection c = dataSource.getConnection()) {
            boolean exclusive = exclusive(c, true);
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                restoreInTransaction(c, in, dumpTables, rowsDone);
                c.commit();
            } catch (IOException | SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
                if (exclusive) exclusive(c, false);
            }
        }
    }

    /**
     * On H2, the other connections' statements wait while the restore runs ({@code SET EXCLUSIVE 1}, undone with 0).
     * The appliance keeps writing while a restore runs (the audit entry of the restore itself, call records,
     * registrations), and H2's MVCC locks the rows the restore deletes, not the table: a writer's row committed
     * between the restore's DELETE and its INSERT of the same key (the audit log's first id on a new appliance)
     * failed the whole restore. MariaDB's InnoDB locks the gaps of a table a transaction deletes everything from, so
     * its writers already wait. The writers' rows go in after the restore, into the restored tables. H2 refuses a
     * connection opened meanwhile (the pool keeps its own open, so that is rare): that one write fails and its writer
     * logs it, where before the restore failed; the appliance restarts once the restore is done.
     *
     * @return whether the mode was changed
     */
    private static boolean exclusive(Connection c, boolean on) throws SQLException {
        if (!"H2".equals(c.getMetaData().getDatabaseProductName())) return false;
        try (Statement s = c.createStatement()) {
            s.execute("SET EXCLUSIVE " + (on ? 1 : 0));
        }
        return true;
    }

    private void restoreInTransaction(Connection c, InputStream in, Set<String> dumpTables, LongConsumer rowsDone)
            throws IOException, SQLException {
        Map<String, Map<String, Integer>> types = new LinkedHashMap<>();
        for (String t : tablesParentsFirst(c)) types.put(t, columnTypes(c, t));
        // the dump's tables are known from the verification pass, so rows are deleted children first
        List<String> order =
                types.keySet().stream().filter(dumpTables::contains).toList();
        Set<String> cleared = new LinkedHashSet<>();
        long[] done = {0};
        Map<String, PreparedStatement> inserts = new LinkedHashMap<>();
        Map<String, List<String>> columnsOf = new LinkedHashMap<>();
        Map<String, Integer> pending = new LinkedHashMap<>();
        try (JsonParser p = JSON.createParser(in)) {
            DumpReader.readTables(
                    p,
                    (table, cols) -> {
                        try {
                            if (cleared.isEmpty()) clearAll(c, order);
                            cleared.add(table);
                            columnsOf.put(table, cols);
                            String sql = "INSERT INTO " + table + " (" + String.join(", ", cols) + ") VALUES ("
                                    + String.join(
                                            ", ", cols.stream().map(x -> "?").toList()) + ")";
                            inserts.put(table, c.prepareStatement(sql));
                            pending.put(table, 0);
                        } catch (SQLException e) {
                            throw new DumpException(e);
                        }
                    },
                    (table, values) -> {
                        try {
                            PreparedStatement ps = inserts.get(table);
                            List<String> cols = columnsOf.get(table);
                            Map<String, Integer> target = types.get(table);
                            for (int i = 0; i < cols.size(); i++)
                                DumpValues.bind(ps, i + 1, target.get(cols.get(i)), values.get(i));
                            ps.addBatch();
                            if (pending.merge(table, 1, Integer::sum) >= BATCH) {
                                ps.executeBatch();
                                pending.put(table, 0);
                            }
                            rowsDone.accept(++done[0]);
                        } catch (SQLException e) {
                            throw new DumpException(e);
                        }
                    });
            for (Map.Entry<String, PreparedStatement> e : inserts.entrySet()) {
                if (pending.get(e.getKey()) > 0) e.getValue().executeBatch();
            }
        } catch (DumpException e) {
            throw e.sql;
        } finally {
            for (PreparedStatement ps : inserts.values()) ps.close();
        }
    }

    /** Deletes children before parents (reverse of the foreign-key order). */
    private static void clearAll(Connection c, List<String> parentsFirst) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (int i = parentsFirst.size() - 1; i >= 0; i--) s.executeUpdate("DELETE FROM " + parentsFirst.get(i));
        }
    }

    private static Map<String, Integer> columnTypes(Connection c, String table) throws SQLException {
        Map<String, Integer> types = new LinkedHashMap<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT * FROM " + table + " WHERE 1 = 0")) {
            ResultSetMetaData md = rs.getMetaData();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                types.put(md.getColumnLabel(i).toLowerCase(Locale.ROOT), md.getColumnType(i));
            }
        }
        return types;
    }

    /** This database's tables (without Flyway's own history), parents before the tables that refer to them. */
    static List<String> tablesParentsFirst(Connection c) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        Map<String, Set<String>> parents = new LinkedHashMap<>();
        try (ResultSet rs = md.getTables(c.getCatalog(), c.getSchema(), "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                String name = rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
                if (!name.equals(SCHEMA_HISTORY)) parents.put(name, new LinkedHashSet<>());
            }
        }
        for (Map.Entry<String, Set<String>> e : parents.entrySet()) {
            try (ResultSet rs = md.getImportedKeys(c.getCatalog(), c.getSchema(), e.getKey())) {
                while (rs.next()) {
                    String parent = rs.getString("PKTABLE_NAME").toLowerCase(Locale.ROOT);
                    if (!parent.equals(e.getKey())) e.getValue().add(parent);
                }
            }
        }
        List<String> order = new ArrayList<>();
        Set<String> placed = new LinkedHashSet<>();
        while (order.size() < parents.size()) {
            boolean progress = false;
            for (Map.Entry<String, Set<String>> e : parents.entrySet()) {
                if (!placed.contains(e.getKey()) && placed.containsAll(e.getValue())) {
                    order.add(e.getKey());
                    placed.add(e.getKey());
                    progress = true;
                }
            }
            if (!progress) throw new IllegalStateException("foreign keys form a cycle among " + parents.keySet());
        }
        return order;
    }

    /** The dump is not what a Tandem backup writes. */
    public static final class DumpFormatException extends IOException {
        DumpFormatException(String message) {
            super(message);
        }
    }

    private static final class DumpException extends RuntimeException {
        final SQLException sql;

        DumpException(SQLException sql) {
            super(sql);
            this.sql = sql;
        }
    }
}
