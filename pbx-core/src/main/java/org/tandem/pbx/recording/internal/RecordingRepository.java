package org.tandem.pbx.recording.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import org.tandem.pbx.recording.RecordedCall;
import org.tandem.pbx.recording.RecordingMode;
import org.tandem.pbx.recording.RecordingRule;
import org.tandem.pbx.recording.RuleScope;

/** The {@code recording_rule}, {@code call_recording} and {@code recording_policy} tables (V37, quota V41, longer modes V64, in_backups V65, announce V66). */
@Repository
public class RecordingRepository {

    private static final String COLUMNS =
            "id, call_id, started_ms, duration_ms, caller_extension, callee_extensions, " + "trunk, did, bytes, file";

    /** A row with the file it names (relative to the recordings' directory). */
    public record Row(RecordedCall recording, String file) {}

    private final JdbcClient jdbc;

    public RecordingRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<RecordingRule> rules() {
        return jdbc.sql("SELECT scope, subject, mode, announce FROM recording_rule ORDER BY scope, subject")
                .query((rs, n) -> new RecordingRule(
                        RuleScope.valueOf(rs.getString(1)),
                        rs.getString(2),
                        RecordingMode.valueOf(rs.getString(3)),
                        rs.getBoolean(4)))
                .list();
    }

    public void saveRule(RecordingRule rule) {
        if (jdbc.sql("UPDATE recording_rule SET mode = ?, announce = ? WHERE scope = ? AND subject = ?")
                        .params(
                                rule.mode().name(),
                                rule.announce(),
                                rule.scope().name(),
                                rule.subject())
                        .update()
                == 0) {
            jdbc.sql("INSERT INTO recording_rule (scope, subject, mode, announce) VALUES (?, ?, ?, ?)")
                    .params(rule.scope().name(), rule.subject(), rule.mode().name(), rule.announce())
                    .update();
        }
    }

    public int deleteRule(RuleScope scope, String subject) {
        return jdbc.sql("DELETE FROM recording_rule WHERE scope = ? AND subject = ?")
                .params(scope.name(), subject)
                .update();
    }

    public long insert(RecordedCall r, String file) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO call_recording (call_id, started_ms, duration_ms, caller_extension, callee_extensions, "
                        + "trunk, did, file, bytes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        r.callId(),
                        r.startedAt().toEpochMilli(),
                        r.durationMs(),
                        r.callerExtension(),
                        "," + String.join(",", r.calleeExtensions()) + ",",
                        r.trunk(),
                        r.did(),
                        file,
                        r.bytes())
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    /** Newest first; {@code extension} non-null: only calls that user made or was rung for. */
    public List<Row> list(String extension, int limit) {
        String where = extension == null ? "" : " WHERE caller_extension = :ext OR callee_extensions LIKE :like";
        var spec = jdbc.sql("SELECT " + COLUMNS + " FROM call_recording" + where
                + " ORDER BY started_ms DESC, id DESC LIMIT " + Math.max(1, limit));
        if (extension != null) spec = spec.param("ext", extension).param("like", "%," + extension + ",%");
        return spec.query(RecordingRepository::row).list();
    }

    public Optional<Row> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM call_recording WHERE id = ?")
                .param(id)
                .query(RecordingRepository::row)
                .optional();
    }

    /** The recordings of the calls {@code callIds} (the CDR's keys); at most one per call, the first made. */
    public List<Row> ofCalls(Collection<String> callIds) {
        if (callIds.isEmpty()) return List.of();
        return jdbc.sql("SELECT " + COLUMNS + " FROM call_recording WHERE call_id IN (:ids) ORDER BY id")
                .param("ids", List.copyOf(callIds))
                .query(RecordingRepository::row)
                .list();
    }

    public int delete(long id) {
        return jdbc.sql("DELETE FROM call_recording WHERE id = ?").param(id).update();
    }

    /** Recordings that started before {@code cutoff}, oldest first, at most {@code limit}. */
    public List<Row> olderThan(Instant cutoff, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM call_recording WHERE started_ms < ? ORDER BY started_ms LIMIT "
                        + limit)
                .param(cutoff.toEpochMilli())
                .query(RecordingRepository::row)
                .list();
    }

    public int retentionDays() {
        return jdbc.sql("SELECT retention_days FROM recording_policy WHERE id = 1")
                .query(Integer.class)
                .optional()
                .orElse(0);
    }

    public void saveRetentionDays(int days) {
        if (jdbc.sql("UPDATE recording_policy SET retention_days = ? WHERE id = 1")
                        .param(days)
                        .update()
                == 0) {
            jdbc.sql("INSERT INTO recording_policy (id, retention_days) VALUES (1, ?)")
                    .param(days)
                    .update();
        }
    }

    public int quotaMegabytes() {
        return jdbc.sql("SELECT quota_mb FROM recording_policy WHERE id = 1")
                .query(Integer.class)
                .optional()
                .orElse(0);
    }

    public void saveQuotaMegabytes(int megabytes) {
        if (jdbc.sql("UPDATE recording_policy SET quota_mb = ? WHERE id = 1")
                        .param(megabytes)
                        .update()
                == 0) {
            jdbc.sql("INSERT INTO recording_policy (id, retention_days, quota_mb) VALUES (1, 90, ?)")
                    .param(megabytes)
                    .update();
        }
    }

    /** Whether backups carry the call recordings (V65; default yes). */
    public boolean inBackups() {
        return jdbc.sql("SELECT in_backups FROM recording_policy WHERE id = 1")
                .query(Boolean.class)
                .optional()
                .orElse(true);
    }

    public void saveInBackups(boolean included) {
        if (jdbc.sql("UPDATE recording_policy SET in_backups = ? WHERE id = 1")
                        .param(included)
                        .update()
                == 0) {
            jdbc.sql("INSERT INTO recording_policy (id, retention_days, in_backups) VALUES (1, 90, ?)")
                    .param(included)
                    .update();
        }
    }

    /** The bytes of every listed recording's file together. */
    public long totalBytes() {
        return jdbc.sql("SELECT COALESCE(SUM(bytes), 0) FROM call_recording")
                .query(Long.class)
                .single();
    }

    /** The oldest recordings, at most {@code limit}. */
    public List<Row> oldest(int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM call_recording ORDER BY started_ms, id LIMIT " + limit)
                .query(RecordingRepository::row)
                .list();
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        List<String> callees = Arrays.stream(rs.getString(6).split(","))
                .filter(s -> !s.isEmpty())
                .toList();
        return new Row(
                new RecordedCall(
                        rs.getLong(1),
                        rs.getString(2),
                        Instant.ofEpochMilli(rs.getLong(3)),
                        rs.getLong(4),
                        rs.getString(5),
                        callees,
                        rs.getString(7),
                        rs.getString(8),
                        rs.getLong(9)),
                rs.getString(10));
    }
}
