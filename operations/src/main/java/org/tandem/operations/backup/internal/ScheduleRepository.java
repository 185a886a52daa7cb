package org.tandem.operations.backup.internal;

import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.tandem.operations.backup.BackupSchedule;
import org.tandem.operations.backup.ScheduledBackupOutcome;

/** The {@code backup_schedule} table: one row (id 1), created at the first save. Secrets stay encrypted here. */
@Repository
public class ScheduleRepository {

    /** The row as stored: the three secrets are the appliance key's ciphertext, or null. */
    public record Row(
            boolean enabled,
            String timeOfDay,
            int keepDays,
            String passphrase,
            boolean sftpEnabled,
            String sftpHost,
            int sftpPort,
            String sftpUser,
            String sftpPassword,
            String sftpPrivateKey,
            String sftpDirectory,
            String sftpHostKey) {

        public static final Row DEFAULTS = new Row(
                false,
                BackupSchedule.DEFAULT_TIME,
                BackupSchedule.DEFAULT_KEEP_DAYS,
                null,
                false,
                null,
                22,
                null,
                null,
                null,
                null,
                null);

        public BackupSchedule view() {
            return new BackupSchedule(
                    enabled,
                    timeOfDay,
                    keepDays,
                    passphrase != null,
                    sftpEnabled,
                    sftpHost,
                    sftpPort,
                    sftpUser,
                    sftpPassword != null,
                    sftpPrivateKey != null,
                    sftpDirectory,
                    sftpHostKey);
        }
    }

    private static final int ID = 1;
    private final JdbcClient jdbc;

    public ScheduleRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Row read() {
        return jdbc.sql(
                        "SELECT enabled, time_of_day, keep_days, passphrase, sftp_enabled, sftp_host, sftp_port, sftp_user,"
                                + " sftp_password, sftp_private_key, sftp_directory, sftp_host_key FROM backup_schedule WHERE id = ?")
                .param(ID)
                .query((rs, n) -> new Row(
                        rs.getBoolean(1),
                        rs.getString(2),
                        rs.getInt(3),
                        rs.getString(4),
                        rs.getBoolean(5),
                        rs.getString(6),
                        rs.getInt(7),
                        rs.getString(8),
                        rs.getString(9),
                        rs.getString(10),
                        rs.getString(11),
                        rs.getString(12)))
                .optional()
                .orElse(Row.DEFAULTS);
    }

    /** Replaces the settings; keeps the last outcome. */
    public void write(Row r, Instant now) {
        int updated = jdbc.sql("UPDATE backup_schedule SET enabled = ?, time_of_day = ?, keep_days = ?, passphrase = ?,"
                        + " sftp_enabled = ?, sftp_host = ?, sftp_port = ?, sftp_user = ?, sftp_password = ?,"
                        + " sftp_private_key = ?, sftp_directory = ?, sftp_host_key = ?, updated_ms = ? WHERE id = ?")
                .params(
                        r.enabled(),
                        r.timeOfDay(),
                        r.keepDays(),
                        r.passphrase(),
                        r.sftpEnabled(),
                        r.sftpHost(),
                        r.sftpPort(),
                        r.sftpUser(),
                        r.sftpPassword(),
                        r.sftpPrivateKey(),
                        r.sftpDirectory(),
                        r.sftpHostKey(),
                        now.toEpochMilli(),
                        ID)
                .update();
        if (updated == 0) {
            jdbc.sql(
                            "INSERT INTO backup_schedule (id, enabled, time_of_day, keep_days, passphrase, sftp_enabled, sftp_host,"
                                    + " sftp_port, sftp_user, sftp_password, sftp_private_key, sftp_directory, sftp_host_key, updated_ms)"
                                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(
                            ID,
                            r.enabled(),
                            r.timeOfDay(),
                            r.keepDays(),
                            r.passphrase(),
                            r.sftpEnabled(),
                            r.sftpHost(),
                            r.sftpPort(),
                            r.sftpUser(),
                            r.sftpPassword(),
                            r.sftpPrivateKey(),
                            r.sftpDirectory(),
                            r.sftpHostKey(),
                            now.toEpochMilli())
                    .update();
        }
    }

    /** The SFTP server's key fingerprint learned at the first upload (trust on first use). */
    public void pinHostKey(String fingerprint) {
        jdbc.sql("UPDATE backup_schedule SET sftp_host_key = ? WHERE id = ? AND sftp_host_key IS NULL")
                .params(fingerprint, ID)
                .update();
    }

    public void recordOutcome(ScheduledBackupOutcome o) {
        int updated = jdbc.sql("UPDATE backup_schedule SET last_run_ms = ?, last_ok = ?, last_message = ? WHERE id = ?")
                .params(o.at().toEpochMilli(), o.ok(), clip(o.message()), ID)
                .update();
        if (updated == 0) { // "Run now" before any schedule was saved
            Row d = Row.DEFAULTS;
            jdbc.sql(
                            "INSERT INTO backup_schedule (id, enabled, time_of_day, keep_days, sftp_enabled, sftp_port, last_run_ms,"
                                    + " last_ok, last_message, updated_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(
                            ID,
                            d.enabled(),
                            d.timeOfDay(),
                            d.keepDays(),
                            d.sftpEnabled(),
                            d.sftpPort(),
                            o.at().toEpochMilli(),
                            o.ok(),
                            clip(o.message()),
                            o.at().toEpochMilli())
                    .update();
        }
    }

    public Optional<ScheduledBackupOutcome> lastOutcome() {
        return jdbc.sql(
                        "SELECT last_run_ms, last_ok, last_message FROM backup_schedule WHERE id = ? AND last_run_ms IS NOT NULL")
                .param(ID)
                .query((rs, n) -> new ScheduledBackupOutcome(
                        Instant.ofEpochMilli(rs.getLong(1)), rs.getBoolean(2), rs.getString(3)))
                .optional();
    }

    private static String clip(String message) {
        return message.length() <= 1024 ? message : message.substring(0, 1021) + "...";
    }
}
