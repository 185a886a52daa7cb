package org.tandem.provisioning.device.internal;

import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.tandem.provisioning.device.FetchRecord;
import org.tandem.provisioning.device.FetchResult;

/** The {@code provisioning_fetch} table: every configuration fetch. */
@Repository
public class FetchLogRepository {

    private static final String COLUMNS = "id, at_ms, mac, source, protocol, file_name, user_agent, result";

    private final JdbcClient jdbc;

    public FetchLogRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(
            long atMs,
            String mac,
            String source,
            String protocol,
            String fileName,
            String userAgent,
            FetchResult result) {
        jdbc.sql("INSERT INTO provisioning_fetch (at_ms, mac, source, protocol, file_name, user_agent, result) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(atMs, mac, source, protocol, cut(fileName, 255), cut(userAgent, 255), result.name())
                .update();
    }

    public int deleteBefore(long atMs) {
        return jdbc.sql("DELETE FROM provisioning_fetch WHERE at_ms < ?")
                .param(atMs)
                .update();
    }

    /** Newest first. */
    public List<FetchRecord> recent(String mac, int limit) {
        String where = mac == null ? "" : " WHERE mac = :mac";
        var spec = jdbc.sql("SELECT " + COLUMNS + " FROM provisioning_fetch" + where
                + " ORDER BY at_ms DESC, id DESC LIMIT " + limit);
        if (mac != null) spec = spec.param("mac", mac);
        return spec.query((rs, n) -> new FetchRecord(
                        rs.getLong(1),
                        Instant.ofEpochMilli(rs.getLong(2)),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7),
                        FetchResult.valueOf(rs.getString(8))))
                .list();
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
