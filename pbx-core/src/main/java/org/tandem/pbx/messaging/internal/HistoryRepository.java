package org.tandem.pbx.messaging.internal;

import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.tandem.pbx.messaging.HistoryEntry;

/** The message_history table (V46). */
@Repository
public class HistoryRepository {

    private final JdbcClient jdbc;

    public HistoryRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void add(String sender, String recipient, String contentType, String body, long sentMs, String outcome) {
        jdbc.sql("INSERT INTO message_history (sender, recipient, content_type, body, sent_ms, outcome) "
                        + "VALUES (?, ?, ?, ?, ?, ?)")
                .params(sender, recipient, contentType, body, sentMs, outcome)
                .update();
    }

    public List<HistoryEntry> recent(String user, int limit) {
        return jdbc.sql("SELECT id, sender, recipient, content_type, body, sent_ms, outcome FROM message_history "
                        + "WHERE sender = ? OR recipient = ? ORDER BY sent_ms DESC, id DESC LIMIT ?")
                .params(user, user, limit)
                .query((rs, n) -> new HistoryEntry(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        Instant.ofEpochMilli(rs.getLong(6)),
                        rs.getString(7)))
                .list();
    }

    public int deleteOlderThan(long cutoffMs) {
        return jdbc.sql("DELETE FROM message_history WHERE sent_ms < ?")
                .param(cutoffMs)
                .update();
    }
}
