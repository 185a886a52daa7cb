package org.tandem.pbx.routing.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.tandem.pbx.routing.BusyPolicy;
import org.tandem.pbx.routing.CallSettings;
import org.tandem.pbx.routing.Destination;
import org.tandem.pbx.routing.Feature;
import org.tandem.pbx.routing.RingGroup;

/** The routing tables (V2__routing.sql). Plain SQL common to H2 (MariaDB mode) and MariaDB. */
@Repository
public class RoutingRepository {

    private final JdbcClient jdbc;

    public RoutingRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<CallSettings> allCallSettings() {
        return jdbc.sql("SELECT extension, dnd, forward_always, forward_busy, forward_no_answer, no_answer_seconds, "
                        + "mobile_number, ring_mobile, busy_when, pickup_group FROM user_call_settings")
                .query((rs, n) -> new CallSettings(
                        rs.getString(1),
                        rs.getBoolean(2),
                        dest(rs.getString(3)),
                        dest(rs.getString(4)),
                        dest(rs.getString(5)),
                        rs.getInt(6),
                        rs.getString(7),
                        rs.getBoolean(8),
                        BusyPolicy.valueOf(rs.getString(9)),
                        rs.getString(10)))
                .list();
    }

    /** Insert or replace (the row exists once the user changed anything). */
    public void saveCallSettings(CallSettings s) {
        Object[] values = {
            s.dnd(),
            text(s.forwardAlways()),
            text(s.forwardBusy()),
            text(s.forwardNoAnswer()),
            s.noAnswerSeconds(),
            s.mobileNumber(),
            s.ringMobile(),
            s.busyWhen().name(),
            s.pickupGroup(),
            Timestamp.from(Instant.now()),
            s.extension()
        };
        int updated = jdbc.sql("UPDATE user_call_settings SET dnd = ?, forward_always = ?, forward_busy = ?, "
                        + "forward_no_answer = ?, no_answer_seconds = ?, mobile_number = ?, ring_mobile = ?, busy_when = ?, "
                        + "pickup_group = ?, updated_at = ? WHERE extension = ?")
                .params(values)
                .update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO user_call_settings (dnd, forward_always, forward_busy, forward_no_answer, "
                            + "no_answer_seconds, mobile_number, ring_mobile, busy_when, pickup_group, updated_at, extension) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(values)
                    .update();
        }
    }

    public List<RingGroup> allRingGroups() {
        Map<String, List<RingGroup.Member>> members = new LinkedHashMap<>();
        jdbc.sql(
                        "SELECT group_number, destination, ring_seconds FROM ring_group_member ORDER BY group_number, position")
                .query(rs -> {
                    members.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(new RingGroup.Member(dest(rs.getString(2)), rs.getInt(3)));
                });
        return jdbc.sql("SELECT group_number, name, strategy, ring_seconds, fallback, caller_id_prefix FROM ring_group")
                .query((rs, n) -> new RingGroup(
                        rs.getString(1),
                        rs.getString(2),
                        RingGroup.Strategy.valueOf(rs.getString(3)),
                        rs.getInt(4),
                        members.getOrDefault(rs.getString(1), List.of()),
                        dest(rs.getString(5)),
                        rs.getString(6)))
                .list();
    }

    public void insertRingGroup(RingGroup g) {
        jdbc.sql("INSERT INTO ring_group (group_number, name, strategy, ring_seconds, fallback, caller_id_prefix, "
                        + "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(
                        g.number(),
                        g.name(),
                        g.strategy().name(),
                        g.ringSeconds(),
                        text(g.fallback()),
                        g.callerIdPrefix(),
                        Timestamp.from(Instant.now()))
                .update();
        insertMembers(g);
    }

    public int updateRingGroup(RingGroup g) {
        int n = jdbc.sql("UPDATE ring_group SET name = ?, strategy = ?, ring_seconds = ?, fallback = ?, "
                        + "caller_id_prefix = ?, updated_at = ? WHERE group_number = ?")
                .params(
                        g.name(),
                        g.strategy().name(),
                        g.ringSeconds(),
                        text(g.fallback()),
                        g.callerIdPrefix(),
                        Timestamp.from(Instant.now()),
                        g.number())
                .update();
        if (n == 0) return 0;
        jdbc.sql("DELETE FROM ring_group_member WHERE group_number = ?")
                .param(g.number())
                .update();
        insertMembers(g);
        return n;
    }

    public int deleteRingGroup(String number) {
        jdbc.sql("DELETE FROM ring_group_member WHERE group_number = ?")
                .param(number)
                .update();
        return jdbc.sql("DELETE FROM ring_group WHERE group_number = ?")
                .param(number)
                .update();
    }

    private void insertMembers(RingGroup g) {
        for (int i = 0; i < g.members().size(); i++) {
            RingGroup.Member m = g.members().get(i);
            jdbc.sql(
                            "INSERT INTO ring_group_member (group_number, position, destination, ring_seconds) VALUES (?, ?, ?, ?)")
                    .params(g.number(), i, m.destination().toString(), m.ringSeconds())
                    .update();
        }
    }

    public Map<Feature, String> featureCodes() {
        Map<Feature, String> codes = new EnumMap<>(Feature.class);
        for (Feature f : Feature.values()) codes.put(f, f.defaultCode());
        jdbc.sql("SELECT feature, code FROM feature_code").query(rs -> {
            try {
                codes.put(Feature.valueOf(rs.getString(1)), rs.getString(2));
            } catch (IllegalArgumentException ignored) {
                // a feature this version no longer has
            }
        });
        return codes;
    }

    public void saveFeatureCodes(Map<Feature, String> codes) {
        jdbc.sql("DELETE FROM feature_code").update();
        codes.forEach((f, code) -> jdbc.sql("INSERT INTO feature_code (feature, code) VALUES (?, ?)")
                .params(f.name(), code)
                .update());
    }

    private static Destination dest(String text) {
        return text == null ? null : Destination.parse(text, "destination");
    }

    private static String text(Destination d) {
        return d == null ? null : d.toString();
    }
}
