package org.tandem.pbx.timecondition.internal;

import java.sql.Timestamp;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.tandem.pbx.timecondition.TimeConditionOverride;

/** The day/night overrides (V47__time_condition_override.sql): one row per overridden condition. */
@Repository
public class TimeConditionOverrides {

    private final JdbcClient jdbc;

    public TimeConditionOverrides(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<TimeConditionOverride> all() {
        return jdbc.sql("SELECT condition_name, forced_open, until_at, set_by, set_at FROM time_condition_override")
                .query((rs, n) -> new TimeConditionOverride(
                        rs.getString(1),
                        rs.getBoolean(2),
                        rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant(),
                        rs.getString(4),
                        rs.getTimestamp(5).toInstant()))
                .list();
    }

    /** Replaces the condition's override: one UPDATE, or one INSERT when there was none (each atomic by itself). */
    public void save(TimeConditionOverride o) {
        Timestamp until = o.until() == null ? null : Timestamp.from(o.until());
        int n = jdbc.sql("UPDATE time_condition_override SET forced_open = ?, until_at = ?, set_by = ?, set_at = ? "
                        + "WHERE condition_name = ?")
                .params(o.forcedOpen(), until, o.setBy(), Timestamp.from(o.setAt()), o.condition())
                .update();
        if (n > 0) return;
        jdbc.sql("INSERT INTO time_condition_override (condition_name, forced_open, until_at, set_by, set_at) "
                        + "VALUES (?, ?, ?, ?, ?)")
                .params(o.condition(), o.forcedOpen(), until, o.setBy(), Timestamp.from(o.setAt()))
                .update();
    }

    public void delete(String condition) {
        jdbc.sql("DELETE FROM time_condition_override WHERE condition_name = ?")
                .param(condition)
                .update();
    }
}
