package org.tandem.pbx.ivr.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.tandem.pbx.ivr.IvrMenu;
import org.tandem.pbx.routing.Destination;

/** The IVR menu tables (V11__ivr_conference.sql). Plain SQL common to H2 (MariaDB mode) and MariaDB. */
@Repository
public class IvrRepository {

    private final JdbcClient jdbc;

    public IvrRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<IvrMenu> all() {
        Map<String, Map<String, Destination>> options = new HashMap<>();
        jdbc.sql("SELECT menu_name, menu_key, destination FROM ivr_menu_option").query(rs -> {
            options.computeIfAbsent(rs.getString(1), k -> new HashMap<>())
                    .put(rs.getString(2), Destination.parse(rs.getString(3), "destination"));
        });
        return jdbc.sql("SELECT name, greeting_prompt, dial_by_extension, digit_timeout_seconds, "
                        + "inter_digit_timeout_seconds, invalid_prompt, retries, fallback, language FROM ivr_menu")
                .query((rs, n) -> new IvrMenu(
                        rs.getString(1),
                        rs.getString(2),
                        options.getOrDefault(rs.getString(1), Map.of()),
                        rs.getBoolean(3),
                        rs.getInt(4),
                        rs.getInt(5),
                        rs.getString(6),
                        rs.getInt(7),
                        rs.getString(8) == null ? null : Destination.parse(rs.getString(8), "fallback"),
                        rs.getString(9)))
                .list();
    }

    public void insert(IvrMenu m) {
        jdbc.sql("INSERT INTO ivr_menu (greeting_prompt, dial_by_extension, digit_timeout_seconds, "
                        + "inter_digit_timeout_seconds, invalid_prompt, retries, fallback, language, updated_at, name) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(values(m))
                .update();
        insertOptions(m);
    }

    public int update(IvrMenu m) {
        int n = jdbc.sql("UPDATE ivr_menu SET greeting_prompt = ?, dial_by_extension = ?, digit_timeout_seconds = ?, "
                        + "inter_digit_timeout_seconds = ?, invalid_prompt = ?, retries = ?, fallback = ?, language = ?, "
                        + "updated_at = ? "
                        + "WHERE name = ?")
                .params(values(m))
                .update();
        if (n == 0) return 0;
        jdbc.sql("DELETE FROM ivr_menu_option WHERE menu_name = ?")
                .param(m.name())
                .update();
        insertOptions(m);
        return n;
    }

    public int delete(String name) {
        jdbc.sql("DELETE FROM ivr_menu_option WHERE menu_name = ?").param(name).update();
        return jdbc.sql("DELETE FROM ivr_menu WHERE name = ?").param(name).update();
    }

    private static Object[] values(IvrMenu m) {
        return new Object[] {
            m.greetingPrompt(),
            m.dialByExtension(),
            m.digitTimeoutSeconds(),
            m.interDigitTimeoutSeconds(),
            m.invalidPrompt(),
            m.retries(),
            m.fallback() == null ? null : m.fallback().toString(),
            m.language(),
            Timestamp.from(Instant.now()),
            m.name()
        };
    }

    private void insertOptions(IvrMenu m) {
        m.options()
                .forEach((key, dest) -> jdbc.sql(
                                "INSERT INTO ivr_menu_option (menu_name, menu_key, destination) VALUES (?, ?, ?)")
                        .params(m.name(), key, dest.toString())
                        .update());
    }
}
