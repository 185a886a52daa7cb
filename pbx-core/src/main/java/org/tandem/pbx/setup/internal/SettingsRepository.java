package org.tandem.pbx.setup.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code system_setting} table: one row per named setting. */
@Repository
public class SettingsRepository {

    private final JdbcClient jdbc;

    public SettingsRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Map<String, String> all() {
        Map<String, String> out = new HashMap<>();
        jdbc.sql("SELECT name, setting_value FROM system_setting").query(rs -> {
            out.put(rs.getString(1), rs.getString(2));
        });
        return out;
    }

    /** Writes every entry (insert or replace); run inside the caller's transaction. */
    public void putAll(Map<String, String> values, Instant now) {
        values.forEach((name, value) -> {
            int updated = jdbc.sql("UPDATE system_setting SET setting_value = ?, updated_at = ? WHERE name = ?")
                    .params(value, Timestamp.from(now), name)
                    .update();
            if (updated == 0) {
                jdbc.sql("INSERT INTO system_setting (name, setting_value, updated_at) VALUES (?, ?, ?)")
                        .params(name, value, Timestamp.from(now))
                        .update();
            }
        });
    }
}
