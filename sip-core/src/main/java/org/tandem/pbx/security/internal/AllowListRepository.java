package org.tandem.pbx.security.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code allow_list_entry} table (V9__admin_security.sql) and its seeding marker. */
@Repository
public class AllowListRepository {

    static final String SEEDED = "security.allow-list.seeded";

    private final JdbcClient jdbc;

    public AllowListRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<String> entries() {
        return jdbc.sql("SELECT entry FROM allow_list_entry ORDER BY created_at, entry")
                .query(String.class)
                .list();
    }

    /** @return false when the entry was already there */
    public boolean add(String entry, Instant now) {
        if (jdbc.sql("SELECT COUNT(*) FROM allow_list_entry WHERE entry = ?")
                        .param(entry)
                        .query(Integer.class)
                        .single()
                > 0) {
            return false;
        }
        jdbc.sql("INSERT INTO allow_list_entry (entry, created_at) VALUES (?, ?)")
                .params(entry, Timestamp.from(now))
                .update();
        return true;
    }

    public boolean remove(String entry) {
        return jdbc.sql("DELETE FROM allow_list_entry WHERE entry = ?")
                        .param(entry)
                        .update()
                > 0;
    }

    public void removeAll() {
        jdbc.sql("DELETE FROM allow_list_entry").update();
    }

    public boolean seeded() {
        return jdbc.sql("SELECT COUNT(*) FROM system_setting WHERE name = ?")
                        .param(SEEDED)
                        .query(Integer.class)
                        .single()
                > 0;
    }

    public void markSeeded(Instant now) {
        jdbc.sql("INSERT INTO system_setting (name, setting_value, updated_at) VALUES (?, 'true', ?)")
                .params(SEEDED, Timestamp.from(now))
                .update();
    }
}
