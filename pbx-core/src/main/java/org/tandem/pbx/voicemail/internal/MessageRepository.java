package org.tandem.pbx.voicemail.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code voicemail_message} table. */
@Repository
public class MessageRepository {

    private static final String COLUMNS =
            "id, extension, folder, caller, caller_name, received_ms, duration_ms, " + "audio_file, audio_bytes";
    private static final RowMapper<MessageRow> ROW = (rs, n) -> new MessageRow(
            rs.getString(1),
            rs.getString(2),
            rs.getString(3),
            rs.getString(4),
            rs.getString(5),
            rs.getLong(6),
            rs.getLong(7),
            rs.getString(8),
            rs.getLong(9));

    private final JdbcClient jdbc;

    public MessageRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(MessageRow m) {
        jdbc.sql("INSERT INTO voicemail_message (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        m.id(),
                        m.extension(),
                        m.folder(),
                        m.caller(),
                        m.callerName(),
                        m.receivedMs(),
                        m.durationMs(),
                        m.audioFile(),
                        m.audioBytes())
                .update();
    }

    public List<MessageRow> all() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM voicemail_message")
                .query(ROW)
                .list();
    }

    /** Newest first; {@code folder} null for both folders. */
    public List<MessageRow> ofBox(String extension, String folder) {
        if (folder == null) {
            return jdbc.sql("SELECT " + COLUMNS + " FROM voicemail_message WHERE extension = ? "
                            + "ORDER BY received_ms DESC, id")
                    .param(extension)
                    .query(ROW)
                    .list();
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM voicemail_message WHERE extension = ? AND folder = ? "
                        + "ORDER BY received_ms DESC, id")
                .params(extension, folder)
                .query(ROW)
                .list();
    }

    public Optional<MessageRow> find(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM voicemail_message WHERE id = ?")
                .param(id)
                .query(ROW)
                .optional();
    }

    public int moveTo(String id, String folder) {
        return jdbc.sql("UPDATE voicemail_message SET folder = ? WHERE id = ?")
                .params(folder, id)
                .update();
    }

    public int delete(String id) {
        return jdbc.sql("DELETE FROM voicemail_message WHERE id = ?").param(id).update();
    }

    /** Per box: {new, saved}. */
    public Map<String, int[]> counts() {
        Map<String, int[]> out = new HashMap<>();
        jdbc.sql("SELECT extension, folder, COUNT(*) FROM voicemail_message GROUP BY extension, folder")
                .query(rs -> {
                    int[] c = out.computeIfAbsent(rs.getString(1), k -> new int[2]);
                    c["NEW".equals(rs.getString(2)) ? 0 : 1] = rs.getInt(3);
                });
        return out;
    }

    public int[] counts(String extension) {
        int[] c = new int[2];
        jdbc.sql("SELECT folder, COUNT(*) FROM voicemail_message WHERE extension = ? GROUP BY folder")
                .param(extension)
                .query(rs -> {
                    c["NEW".equals(rs.getString(1)) ? 0 : 1] = rs.getInt(2);
                });
        return c;
    }
}
