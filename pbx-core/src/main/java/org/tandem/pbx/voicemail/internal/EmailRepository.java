package org.tandem.pbx.voicemail.internal;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code voicemail_email} outbox. */
@Repository
public class EmailRepository {

    public static final String PENDING = "PENDING";
    public static final String SENT = "SENT";
    public static final String FAILED = "FAILED";

    private static final String COLUMNS =
            "message_id, recipient, status, attempts, next_try_ms, last_answer, updated_ms";
    private static final RowMapper<EmailRow> ROW = (rs, n) -> new EmailRow(
            rs.getString(1),
            rs.getString(2),
            rs.getString(3),
            rs.getInt(4),
            (Long) rs.getObject(5, Long.class),
            rs.getString(6),
            rs.getLong(7));

    private final JdbcClient jdbc;

    public EmailRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insertPending(String messageId, String recipient, long nowMs) {
        jdbc.sql("INSERT INTO voicemail_email (" + COLUMNS + ") VALUES (?, ?, ?, 0, ?, NULL, ?)")
                .params(messageId, recipient, PENDING, nowMs, nowMs)
                .update();
    }

    public Optional<EmailRow> find(String messageId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM voicemail_email WHERE message_id = ?")
                .param(messageId)
                .query(ROW)
                .optional();
    }

    /** Pending e-mails due at {@code nowMs}, oldest due first. */
    public List<EmailRow> due(long nowMs, int limit) {
        return jdbc
                .sql("SELECT " + COLUMNS + " FROM voicemail_email WHERE status = ? AND next_try_ms <= ? "
                        + "ORDER BY next_try_ms, message_id")
                .params(PENDING, nowMs)
                .query(ROW)
                .list()
                .stream()
                .limit(limit)
                .toList(); // list(): a JDBC stream would hold its connection
    }

    /** When the first waiting e-mail is due (its next try); empty when none waits. */
    public Optional<Long> nextDue() {
        return jdbc.sql("SELECT next_try_ms FROM voicemail_email WHERE status = ? AND next_try_ms IS NOT NULL "
                        + "ORDER BY next_try_ms LIMIT 1")
                .param(PENDING)
                .query(Long.class)
                .optional();
    }

    public void record(String messageId, String status, int attempts, Long nextTryMs, String answer, long nowMs) {
        String a = answer == null ? null : answer.length() > 1024 ? answer.substring(0, 1024) : answer;
        jdbc.sql(
                        "UPDATE voicemail_email SET status = ?, attempts = ?, next_try_ms = ?, last_answer = ?, updated_ms = ? "
                                + "WHERE message_id = ?")
                .params(status, attempts, nextTryMs, a, nowMs, messageId)
                .update();
    }

    /**
     * After the SMTP settings changed: failed e-mails are tried again from scratch and waiting ones at
     * once (they may have waited for an SMTP server to be set up at all).
     *
     * @return how many failed e-mails are tried again
     */
    public int retryAll(long nowMs) {
        jdbc.sql("UPDATE voicemail_email SET next_try_ms = ? WHERE status = ?")
                .params(nowMs, PENDING)
                .update();
        return jdbc.sql("UPDATE voicemail_email SET status = ?, attempts = 0, next_try_ms = ?, updated_ms = ? "
                        + "WHERE status = ?")
                .params(PENDING, nowMs, nowMs, FAILED)
                .update();
    }
}
