package org.tandem.pbx.messaging.internal;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The {@code offline_message} table. Called on the messaging IO thread only, never on a SIP stripe. */
@Repository
public class StoredMessageRepository {

    private final JdbcClient jdbc;

    public StoredMessageRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores {@code m} unless its recipient already has {@code limit} messages waiting; false then. */
    @Transactional
    public boolean store(StoredMessage m, int limit) {
        Integer waiting = jdbc.sql("SELECT COUNT(*) FROM offline_message WHERE recipient = ?")
                .param(m.recipient())
                .query(Integer.class)
                .single();
        if (waiting >= limit) return false;
        jdbc.sql(
                        "INSERT INTO offline_message (recipient, sender_from, sender, content_type, body, received_ms, expires_ms)"
                                + " VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(
                        m.recipient(),
                        m.senderFrom(),
                        m.sender(),
                        m.contentType(),
                        m.body(),
                        m.receivedMs(),
                        m.expiresMs())
                .update();
        return true;
    }

    /** The messages waiting for {@code recipient}, oldest first, without expired ones (the sweep tells their senders). */
    public List<StoredMessage> waitingFor(String recipient, long nowMs) {
        return jdbc.sql("SELECT id, recipient, sender_from, sender, content_type, body, received_ms, expires_ms"
                        + " FROM offline_message WHERE recipient = ? AND expires_ms > ? ORDER BY id")
                .params(recipient, nowMs)
                .query((rs, i) -> new StoredMessage(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getLong(7),
                        rs.getLong(8)))
                .list();
    }

    public void delivered(long id) {
        jdbc.sql("DELETE FROM offline_message WHERE id = ?").param(id).update();
    }

    /** Takes the messages that expired by {@code nowMs} out of the table and returns them. */
    @Transactional
    public List<StoredMessage> takeExpired(long nowMs) {
        List<StoredMessage> expired = jdbc.sql(
                        "SELECT id, recipient, sender_from, sender, content_type, body, received_ms,"
                                + " expires_ms FROM offline_message WHERE expires_ms <= ? ORDER BY id")
                .param(nowMs)
                .query((rs, i) -> new StoredMessage(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getLong(7),
                        rs.getLong(8)))
                .list();
        for (StoredMessage m : expired) delivered(m.id());
        return expired;
    }

    /** Everyone with messages waiting (read once at start). */
    public Set<String> recipients() {
        return new HashSet<>(jdbc.sql("SELECT DISTINCT recipient FROM offline_message")
                .query(String.class)
                .list());
    }

    public int count(String recipient) {
        return jdbc.sql("SELECT COUNT(*) FROM offline_message WHERE recipient = ?")
                .param(recipient)
                .query(Integer.class)
                .single();
    }
}
