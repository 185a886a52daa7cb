package org.tandem.pbx.paging.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.tandem.pbx.paging.MulticastAddress;
import org.tandem.pbx.paging.PagingGroup;

/** The paging_group and paging_group_member tables (V55__paging_groups.sql, V67__paging_group_multicast.sql). */
@Repository
public class PagingRepository {

    private final JdbcClient jdbc;

    public PagingRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<PagingGroup> all() {
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, MulticastAddress> multicast = new LinkedHashMap<>();
        jdbc.sql("SELECT group_number, name, multicast_address FROM paging_group ORDER BY group_number")
                .query(rs -> {
                    names.put(rs.getString(1), rs.getString(2));
                    String address = rs.getString(3);
                    if (address != null) multicast.put(rs.getString(1), MulticastAddress.parse(address));
                });
        Map<String, List<String>> members = new LinkedHashMap<>();
        jdbc.sql("SELECT group_number, extension FROM paging_group_member ORDER BY group_number, position")
                .query(rs -> {
                    members.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(rs.getString(2));
                });
        List<PagingGroup> out = new ArrayList<>();
        names.forEach((number, name) ->
                out.add(new PagingGroup(number, name, members.getOrDefault(number, List.of()), multicast.get(number))));
        return out;
    }

    public void insert(PagingGroup g) {
        jdbc.sql("INSERT INTO paging_group (group_number, name, multicast_address, updated_at) VALUES (?, ?, ?, ?)")
                .params(g.number(), g.name(), address(g), Timestamp.from(Instant.now()))
                .update();
        insertMembers(g);
    }

    public int update(PagingGroup g) {
        int n = jdbc.sql(
                        "UPDATE paging_group SET name = ?, multicast_address = ?, updated_at = ? WHERE group_number = ?")
                .params(g.name(), address(g), Timestamp.from(Instant.now()), g.number())
                .update();
        if (n == 0) return 0;
        jdbc.sql("DELETE FROM paging_group_member WHERE group_number = ?")
                .param(g.number())
                .update();
        insertMembers(g);
        return n;
    }

    public int delete(String number) {
        return jdbc.sql("DELETE FROM paging_group WHERE group_number = ?")
                .param(number)
                .update();
    }

    private static String address(PagingGroup g) {
        return g.isMulticast() ? g.multicast().toString() : null;
    }

    private void insertMembers(PagingGroup g) {
        for (int i = 0; i < g.members().size(); i++) {
            jdbc.sql("INSERT INTO paging_group_member (group_number, position, extension) VALUES (?, ?, ?)")
                    .params(g.number(), i, g.members().get(i))
                    .update();
        }
    }
}
