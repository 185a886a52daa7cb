package org.tandem.pbx.registrar.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.tandem.pbx.registrar.Binding;

/**
 * The {@code registration} table. Only ever called from the location writer thread (never from a SIP
 * thread); each REGISTER's change is one transaction so a crash never leaves half of it.
 * UPDATE, then INSERT when nothing was updated, rather than an upsert: MERGE and ON DUPLICATE KEY
 * differ between H2 and MariaDB.
 */
public class RegistrationStore {

    private static final String COLUMNS = "aor, contact_uri, contact_key, call_id, cseq, expires_at, q_value, "
            + "source_address, source_port, transport, user_agent, instance_id, reg_id, registered_at";

    /** Stored keys by Contact URI (the writer's: a phone refreshes the same Contact every time). */
    private static final int KNOWN_KEYS = 10_000;

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    /**
     * Contact URI → its {@code contact_key}, the last {@value #KNOWN_KEYS} written: parsing the URI again and hashing
     * its key was a tenth of each binding's write (issue 23).
     */
    private final Map<String, String> storedKeys = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > KNOWN_KEYS;
        }
    };

    public RegistrationStore(JdbcClient jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    /** Applies one REGISTER's outcome: deletes {@code removedKeys}, writes {@code upserts}. */
    void apply(String aor, List<Binding> upserts, List<String> removedKeys) {
        tx.executeWithoutResult(s -> {
            for (String key : removedKeys) delete(aor, key);
            for (Binding b : upserts) {
                String key = storedKey(b.contactUri());
                // a refresh (the common case) is one UPDATE; a new contact falls through to INSERT
                int updated = jdbc.sql(
                                "UPDATE registration SET contact_uri = ?, call_id = ?, cseq = ?, expires_at = ?, "
                                        + "q_value = ?, source_address = ?, source_port = ?, transport = ?, user_agent = ?, "
                                        + "instance_id = ?, reg_id = ?, registered_at = ? WHERE aor = ? AND contact_key = ?")
                        .params(
                                b.contactUri(),
                                cut(b.callId(), 255),
                                b.cseq(),
                                Timestamp.from(b.expiresAt()),
                                b.q(),
                                b.sourceAddress(),
                                b.sourcePort(),
                                b.transport(),
                                cut(b.userAgent(), 255),
                                cut(b.instanceId(), 255),
                                b.regId(),
                                Timestamp.from(b.registeredAt()),
                                aor,
                                key)
                        .update();
                if (updated > 0) continue;
                jdbc.sql("INSERT INTO registration (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                        .params(
                                aor,
                                b.contactUri(),
                                key,
                                cut(b.callId(), 255),
                                b.cseq(),
                                Timestamp.from(b.expiresAt()),
                                b.q(),
                                b.sourceAddress(),
                                b.sourcePort(),
                                b.transport(),
                                cut(b.userAgent(), 255),
                                cut(b.instanceId(), 255),
                                b.regId(),
                                Timestamp.from(b.registeredAt()))
                        .update();
            }
        });
    }

    private synchronized String storedKey(String contactUri) {
        String key = storedKeys.get(contactUri);
        if (key == null) {
            key = ContactKey.digest(ContactKey.of(contactUri));
            storedKeys.put(contactUri, key);
        }
        return key;
    }

    private void delete(String aor, String key) {
        jdbc.sql("DELETE FROM registration WHERE aor = ? AND contact_key = ?")
                .params(aor, ContactKey.digest(key))
                .update();
    }

    List<Binding> load(String aor) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM registration WHERE aor = ?")
                .param(aor)
                .query((rs, n) -> row(rs))
                .list();
    }

    List<Binding> loadAll() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM registration")
                .query((rs, n) -> row(rs))
                .list();
    }

    void deleteAor(String aor) {
        jdbc.sql("DELETE FROM registration WHERE aor = ?").param(aor).update();
    }

    int deleteExpired(Instant now) {
        return jdbc.sql("DELETE FROM registration WHERE expires_at <= ?")
                .param(Timestamp.from(now))
                .update();
    }

    private static Binding row(ResultSet rs) throws SQLException {
        return new Binding(
                rs.getString("aor"),
                rs.getString("contact_uri"),
                rs.getString("call_id"),
                rs.getLong("cseq"),
                rs.getTimestamp("expires_at").toInstant(),
                rs.getInt("q_value"),
                rs.getString("source_address"),
                rs.getInt("source_port"),
                rs.getString("transport"),
                rs.getString("user_agent"),
                rs.getString("instance_id"),
                rs.getInt("reg_id"),
                rs.getTimestamp("registered_at").toInstant());
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
