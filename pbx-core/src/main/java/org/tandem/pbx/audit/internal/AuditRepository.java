package org.tandem.pbx.audit.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.tandem.pbx.audit.AuditChannel;
import org.tandem.pbx.audit.AuditEntry;

/** The audit_log table (V50__audit_log.sql). */
@Repository
public class AuditRepository {

    private final JdbcClient jdbc;

    public AuditRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void add(Instant at, String who, AuditChannel channel, String action, String target) {
        jdbc.sql("INSERT INTO audit_log (at_ms, who, channel, action, target) VALUES (?, ?, ?, ?, ?)")
                .params(at.toEpochMilli(), who, channel.name(), action, target)
                .update();
    }

    public List<AuditEntry> find(Instant from, Instant to, String who, int limit) {
        StringBuilder sql =
                new StringBuilder("SELECT id, at_ms, who, channel, action, target FROM audit_log WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (from != null) {
            sql.append(" AND at_ms >= ?");
            params.add(from.toEpochMilli());
        }
        if (to != null) {
            sql.append(" AND at_ms < ?");
            params.add(to.toEpochMilli());
        }
        if (who != null) {
            sql.append(" AND LOWER(who) LIKE ? ESCAPE '!'");
            params.add("%"
                    + who.toLowerCase(Locale.ROOT)
                            .replace("!", "!!")
                            .replace("%", "!%")
                            .replace("_", "!_") + "%");
        }
        sql.append(" ORDER BY at_ms DESC, id DESC LIMIT ?");
        params.add(limit);
        return jdbc.sql(sql.toString())
                .params(params)
                .query((rs, n) -> new AuditEntry(
                        rs.getLong(1),
                        Instant.ofEpochMilli(rs.getLong(2)),
                        rs.getString(3),
                        AuditChannel.valueOf(rs.getString(4)),
                        rs.getString(5),
                        rs.getString(6)))
                .list();
    }

    public int deleteBefore(Instant cutoff) {
        return jdbc.sql("DELETE FROM audit_log WHERE at_ms < ?")
                .param(cutoff.toEpochMilli())
                .update();
    }
}
