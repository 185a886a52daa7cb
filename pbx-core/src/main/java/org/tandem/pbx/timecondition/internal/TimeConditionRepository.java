package org.tandem.pbx.timecondition.internal;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.tandem.pbx.routing.Destination;
import org.tandem.pbx.timecondition.TimeCondition;

/** The time condition tables (V11__ivr_conference.sql). Plain SQL common to H2 (MariaDB mode) and MariaDB. */
@Repository
public class TimeConditionRepository {

    private final JdbcClient jdbc;

    public TimeConditionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<TimeCondition> all() {
        Map<String, List<TimeCondition.WeeklyRange>> ranges = new HashMap<>();
        jdbc.sql("SELECT condition_name, day_of_week, opens_minute, closes_minute FROM time_condition_range "
                        + "ORDER BY condition_name, position")
                .query(rs -> {
                    ranges.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(new TimeCondition.WeeklyRange(
                                    DayOfWeek.valueOf(rs.getString(2)), rs.getInt(3), rs.getInt(4)));
                });
        Map<String, List<TimeCondition.Holiday>> holidays = new HashMap<>();
        jdbc.sql("SELECT condition_name, first_day, last_day, label FROM time_condition_holiday "
                        + "ORDER BY condition_name, position")
                .query(rs -> {
                    holidays.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(new TimeCondition.Holiday(
                                    rs.getDate(2).toLocalDate(), rs.getDate(3).toLocalDate(), rs.getString(4)));
                });
        return jdbc.sql("SELECT name, zone_id, open_destination, closed_destination FROM time_condition")
                .query((rs, n) -> new TimeCondition(
                        rs.getString(1),
                        ZoneId.of(rs.getString(2)),
                        ranges.getOrDefault(rs.getString(1), List.of()),
                        holidays.getOrDefault(rs.getString(1), List.of()),
                        Destination.parse(rs.getString(3), "open"),
                        Destination.parse(rs.getString(4), "closed")))
                .list();
    }

    public void insert(TimeCondition c) {
        jdbc.sql("INSERT INTO time_condition (zone_id, open_destination, closed_destination, updated_at, name) "
                        + "VALUES (?, ?, ?, ?, ?)")
                .params(values(c))
                .update();
        insertDetails(c);
    }

    public int update(TimeCondition c) {
        int n = jdbc.sql("UPDATE time_condition SET zone_id = ?, open_destination = ?, closed_destination = ?, "
                        + "updated_at = ? WHERE name = ?")
                .params(values(c))
                .update();
        if (n == 0) return 0;
        deleteDetails(c.name());
        insertDetails(c);
        return n;
    }

    public int delete(String name) {
        deleteDetails(name);
        return jdbc.sql("DELETE FROM time_condition WHERE name = ?").param(name).update();
    }

    private static Object[] values(TimeCondition c) {
        return new Object[] {
            c.zone().getId(), c.open().toString(), c.closed().toString(), Timestamp.from(Instant.now()), c.name()
        };
    }

    private void deleteDetails(String name) {
        jdbc.sql("DELETE FROM time_condition_range WHERE condition_name = ?")
                .param(name)
                .update();
        jdbc.sql("DELETE FROM time_condition_holiday WHERE condition_name = ?")
                .param(name)
                .update();
    }

    private void insertDetails(TimeCondition c) {
        for (int i = 0; i < c.weekly().size(); i++) {
            TimeCondition.WeeklyRange r = c.weekly().get(i);
            jdbc.sql(
                            "INSERT INTO time_condition_range (condition_name, position, day_of_week, opens_minute, closes_minute) "
                                    + "VALUES (?, ?, ?, ?, ?)")
                    .params(c.name(), i, r.day().name(), r.opens(), r.closes())
                    .update();
        }
        for (int i = 0; i < c.holidays().size(); i++) {
            TimeCondition.Holiday h = c.holidays().get(i);
            jdbc.sql("INSERT INTO time_condition_holiday (condition_name, position, first_day, last_day, label) "
                            + "VALUES (?, ?, ?, ?, ?)")
                    .params(c.name(), i, Date.valueOf(h.first()), Date.valueOf(h.last()), h.name())
                    .update();
        }
    }
}
