package org.tandem.pbx.trunk.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.tandem.pbx.trunk.InboundRoute;
import org.tandem.pbx.trunk.OutboundRoute;
import org.tandem.pbx.trunk.PermissionClass;
import org.tandem.pbx.trunk.UserOutbound;

/** The {@code outbound_route}, {@code inbound_route}, {@code user_outbound} and {@code trunk_setting} tables. */
@Repository
public class RouteRepository {

    private final JdbcClient jdbc;

    public RouteRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<OutboundRoute> outboundRoutes() {
        return jdbc.sql("SELECT id, sort_order, patterns, prepend, trunks, caller_id, permission FROM outbound_route "
                        + "ORDER BY sort_order, id")
                .query((rs, n) -> new OutboundRoute(
                        rs.getString(1),
                        rs.getInt(2),
                        split(rs.getString(3)),
                        rs.getString(4),
                        split(rs.getString(5)),
                        rs.getString(6),
                        PermissionClass.valueOf(rs.getString(7))))
                .list();
    }

    public void insert(OutboundRoute r) {
        jdbc.sql("INSERT INTO outbound_route (id, sort_order, patterns, prepend, trunks, caller_id, permission) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(
                        r.id(),
                        r.position(),
                        String.join(",", r.patterns()),
                        r.prepend(),
                        String.join(",", r.trunks()),
                        r.callerId(),
                        r.permission().name())
                .update();
    }

    public int update(OutboundRoute r) {
        return jdbc.sql(
                        "UPDATE outbound_route SET sort_order = ?, patterns = ?, prepend = ?, trunks = ?, caller_id = ?, "
                                + "permission = ? WHERE id = ?")
                .params(
                        r.position(),
                        String.join(",", r.patterns()),
                        r.prepend(),
                        String.join(",", r.trunks()),
                        r.callerId(),
                        r.permission().name(),
                        r.id())
                .update();
    }

    public int deleteOutbound(String id) {
        return jdbc.sql("DELETE FROM outbound_route WHERE id = ?").param(id).update();
    }

    public List<InboundRoute> inboundRoutes() {
        return jdbc.sql("SELECT did, destination FROM inbound_route ORDER BY did")
                .query((rs, n) -> new InboundRoute(rs.getString(1), rs.getString(2)))
                .list();
    }

    public void upsertInbound(InboundRoute r) {
        if (jdbc.sql("UPDATE inbound_route SET destination = ? WHERE did = ?")
                        .params(r.destination(), r.did())
                        .update()
                == 0) {
            jdbc.sql("INSERT INTO inbound_route (did, destination) VALUES (?, ?)")
                    .params(r.did(), r.destination())
                    .update();
        }
    }

    public int deleteInbound(String did) {
        return jdbc.sql("DELETE FROM inbound_route WHERE did = ?").param(did).update();
    }

    public List<UserOutbound> userOutbound() {
        return jdbc.sql("SELECT extension, permission, caller_id, forward_external FROM user_outbound")
                .query((rs, n) -> new UserOutbound(
                        rs.getString(1), PermissionClass.valueOf(rs.getString(2)), rs.getString(3), rs.getBoolean(4)))
                .list();
    }

    public void upsertUserOutbound(UserOutbound u) {
        if (jdbc.sql("UPDATE user_outbound SET permission = ?, caller_id = ?, forward_external = ? WHERE extension = ?")
                        .params(u.permission().name(), u.callerId(), u.forwardExternalCallers(), u.extension())
                        .update()
                == 0) {
            jdbc.sql(
                            "INSERT INTO user_outbound (extension, permission, caller_id, forward_external) VALUES (?, ?, ?, ?)")
                    .params(u.extension(), u.permission().name(), u.callerId(), u.forwardExternalCallers())
                    .update();
        }
    }

    public Optional<String> setting(String name) {
        return jdbc.sql("SELECT setting_value FROM trunk_setting WHERE name = ?")
                .param(name)
                .query(String.class)
                .optional();
    }

    public void putSetting(String name, String value) {
        if (jdbc.sql("UPDATE trunk_setting SET setting_value = ? WHERE name = ?")
                        .params(value, name)
                        .update()
                == 0) {
            jdbc.sql("INSERT INTO trunk_setting (name, setting_value) VALUES (?, ?)")
                    .params(name, value)
                    .update();
        }
    }

    private static List<String> split(String s) {
        return s == null || s.isBlank()
                ? List.of()
                : Arrays.stream(s.split(",")).map(String::strip).toList();
    }
}
