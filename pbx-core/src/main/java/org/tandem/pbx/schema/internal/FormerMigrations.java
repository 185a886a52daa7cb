package org.tandem.pbx.schema.internal;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The former single migration set of pbx-core ({@code db/migration/V1__core.sql} ... {@code V70__cdr_queue_visit.sql},
 * until the migrations moved into their modules, issue 14) and what became of each file, so the schema history of a
 * database it made validates against the modules' files.
 *
 * <p>Flyway validates every applied version by its description and checksum. Every moved file kept its version and
 * its bytes (so its checksum); six were renamed after what they create, which changes only the description. One,
 * {@code V1__core.sql}, created tables of three modules and was split: pbx-core's {@code V1__sip_users.sql} keeps
 * version 1 (a new checksum), sip-core's {@code V1.1__registrations.sql} and the appliance's
 * {@code V1.2__admin_accounts.sql} get versions of their own, recorded here as applied with the row of version 1 (their
 * tables exist: V1 made them) and ranked right after it. A row is rewritten only when its description and checksum are exactly those the former
 * file gave it, and all rows in one transaction, so a history that differs otherwise is left for Flyway to report.
 * Versions and checksums are fixed: these files never change again (the history test compares them with a database
 * migrated from scratch).
 */
public final class FormerMigrations {

    private static final Logger log = LoggerFactory.getLogger(FormerMigrations.class);
    /** Where the history rows after version 1 wait while they move up (far below Flyway's own ranks). */
    private static final int PARKED = 1_000_000;

    /** An applied migration as the former file recorded it, and as the module's file records it now. */
    record Renamed(
            String version,
            String formerDescription,
            int formerChecksum,
            String description,
            String script,
            int checksum) {}

    /** A migration split off a former one, applied when that one was. */
    record SplitOff(String version, String description, String script, int checksum) {}

    static final List<Renamed> RENAMED = List.of(
            new Renamed("1", "core", 1542349016, "sip users", "V1__sip_users.sql", -482383284),
            new Renamed(
                    "2",
                    "routing",
                    2093078656,
                    "call settings ring groups feature codes",
                    "V2__call_settings_ring_groups_feature_codes.sql",
                    2093078656),
            new Renamed("3", "trunks", 326918911, "trunks and routes", "V3__trunks_and_routes.sql", 326918911),
            new Renamed(
                    "5",
                    "webui",
                    -638060766,
                    "web passwords and system settings",
                    "V5__web_passwords_and_system_settings.sql",
                    -638060766),
            new Renamed(
                    "6",
                    "provisioning",
                    948402255,
                    "devices and provisioning fetches",
                    "V6__devices_and_provisioning_fetches.sql",
                    948402255),
            new Renamed("9", "admin security", 289863608, "allow list", "V9__allow_list.sql", 289863608),
            new Renamed(
                    "11",
                    "ivr conference",
                    1868685019,
                    "ivr menus time conditions conference rooms park settings",
                    "V11__ivr_menus_time_conditions_conference_rooms_park_settings.sql",
                    1868685019));

    /** What {@code V1__core.sql} created besides {@code sip_user}. */
    static final List<SplitOff> SPLIT_FROM_V1 = List.of(
            new SplitOff("1.1", "registrations", "V1.1__registrations.sql", -1411585667),
            new SplitOff("1.2", "admin accounts", "V1.2__admin_accounts.sql", 421945961));

    private FormerMigrations() {}

    /**
     * Rewrites the rows of {@code table} (Flyway's schema history) that the former files wrote; does nothing when the
     * table does not exist yet or holds none of them.
     *
     * @return how many rows were rewritten or added
     */
    public static int upgradeHistory(DataSource dataSource, String table) {
        if (!table.matches("[A-Za-z_][A-Za-z0-9_]*"))
            throw new FlywayException("Unexpected history table name " + table);
        try (Connection c = dataSource.getConnection()) {
            if (!exists(c, table)) return 0;
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                int changed = rewrite(c, table);
                c.commit();
                if (changed > 0) {
                    log.info(
                            "Schema history: {} rows of the former pbx-core migrations now carry the names of the "
                                    + "modules' migrations (issue 14); nothing was run again",
                            changed);
                }
                return changed;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new FlywayException(
                    "Cannot bring the schema history of the former pbx-core migrations up to date: " + e.getMessage(),
                    e);
        }
    }

    private static int rewrite(Connection c, String table) throws SQLException {
        int changed = 0;
        boolean v1Split = false;
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE " + table
                        + " SET description = ?, script = ?, checksum = ? WHERE version = ? AND description = ? AND checksum = ?")) {
            for (Renamed r : RENAMED) {
                update.setString(1, r.description());
                update.setString(2, r.script());
                update.setInt(3, r.checksum());
                update.setString(4, r.version());
                update.setString(5, r.formerDescription());
                update.setInt(6, r.formerChecksum());
                int rows = update.executeUpdate();
                changed += rows;
                if (rows > 0 && r.version().equals("1")) v1Split = true;
            }
        }
        if (v1Split) changed += addSplitOffs(c, table);
        return changed;
    }

    /**
     * Records the split-off parts as applied with version 1 (same time, same user, same outcome), right after it: the
     * later rows move up to make room, so the history reads in version order as a new database's does (appended at
     * the end, Flyway's {@code info} would call them out of order).
     */
    private static int addSplitOffs(Connection c, String table) throws SQLException {
        List<SplitOff> missing = new ArrayList<>();
        for (SplitOff s : SPLIT_FROM_V1) {
            try (PreparedStatement present =
                    c.prepareStatement("SELECT COUNT(*) FROM " + table + " WHERE version = ?")) {
                present.setString(1, s.version());
                try (ResultSet rs = present.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) == 0) missing.add(s);
                }
            }
        }
        if (missing.isEmpty()) return 0;
        int v1Rank;
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT installed_rank FROM " + table + " WHERE version = '1'")) {
            if (!rs.next()) return 0;
            v1Rank = rs.getInt(1);
        }
        // installed_rank is the primary key: shifted in two steps through free negative ranks (Flyway's own marker
        // row has -1), never one row onto another
        try (Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE " + table + " SET installed_rank = -installed_rank - " + PARKED
                    + " WHERE installed_rank > " + v1Rank);
            st.executeUpdate("UPDATE " + table + " SET installed_rank = -(installed_rank + " + PARKED + ") + "
                    + missing.size() + " WHERE installed_rank < -" + PARKED);
        }
        int added = 0;
        for (SplitOff s : missing) {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + table + " (installed_rank, version,"
                    + " description, type, script, checksum, installed_by, installed_on, execution_time, success)"
                    + " SELECT ?, ?, ?, type, ?, ?, installed_by, installed_on, 0, success FROM " + table
                    + " WHERE version = '1'")) {
                insert.setInt(1, v1Rank + 1 + added);
                insert.setString(2, s.version());
                insert.setString(3, s.description());
                insert.setString(4, s.script());
                insert.setInt(5, s.checksum());
                added += insert.executeUpdate();
            }
        }
        return added;
    }

    private static boolean exists(Connection c, String table) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        for (String name : List.of(table, table.toLowerCase(Locale.ROOT), table.toUpperCase(Locale.ROOT))) {
            try (ResultSet rs = md.getTables(c.getCatalog(), c.getSchema(), name, new String[] {"TABLE"})) {
                if (rs.next()) return true;
            }
        }
        return false;
    }
}
