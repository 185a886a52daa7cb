package org.tandem.pbx.queue.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.tandem.pbx.queue.CallQueue;
import org.tandem.pbx.routing.Destination;

/** The call_queue and call_queue_member tables (V51__call_queues.sql). */
@Repository
public class QueueRepository {

    private final JdbcClient jdbc;

    public QueueRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<CallQueue> all() {
        Map<String, List<String>> members = new HashMap<>();
        jdbc.sql("SELECT queue_number, extension FROM call_queue_member ORDER BY queue_number, position")
                .query(rs -> {
                    members.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(rs.getString(2));
                });
        return jdbc.sql("SELECT queue_number, name, strategy, agent_ring_seconds, wrap_up_seconds, max_wait_seconds, "
                        + "max_callers, fallback, join_empty, leave_when_empty, announce_seconds, service_level_seconds, "
                        + "leave_key, leave_destination, language FROM call_queue")
                .query((rs, n) -> new CallQueue(
                        rs.getString(1),
                        rs.getString(2),
                        CallQueue.Strategy.valueOf(rs.getString(3)),
                        members.getOrDefault(rs.getString(1), List.of()),
                        rs.getInt(4),
                        rs.getInt(5),
                        rs.getInt(6),
                        rs.getInt(7),
                        rs.getString(8) == null ? null : Destination.parse(rs.getString(8), "fallback"),
                        rs.getBoolean(9),
                        rs.getBoolean(10),
                        rs.getInt(11),
                        rs.getInt(12),
                        rs.getString(13),
                        rs.getString(14) == null ? null : Destination.parse(rs.getString(14), "leaveDestination"),
                        rs.getString(15)))
                .list();
    }

    public void insert(CallQueue q) {
        jdbc.sql("INSERT INTO call_queue (name, strategy, agent_ring_seconds, wrap_up_seconds, max_wait_seconds, "
                        + "max_callers, fallback, join_empty, leave_when_empty, announce_seconds, service_level_seconds, "
                        + "leave_key, leave_destination, language, updated_at, queue_number) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(values(q))
                .update();
        insertMembers(q);
    }

    public int update(CallQueue q) {
        int n = jdbc.sql("UPDATE call_queue SET name = ?, strategy = ?, agent_ring_seconds = ?, wrap_up_seconds = ?, "
                        + "max_wait_seconds = ?, max_callers = ?, fallback = ?, join_empty = ?, leave_when_empty = ?, "
                        + "announce_seconds = ?, service_level_seconds = ?, leave_key = ?, leave_destination = ?, language = ?, "
                        + "updated_at = ? WHERE queue_number = ?")
                .params(values(q))
                .update();
        if (n == 0) return 0;
        jdbc.sql("DELETE FROM call_queue_member WHERE queue_number = ?")
                .param(q.number())
                .update();
        insertMembers(q);
        return n;
    }

    public int delete(String number) {
        jdbc.sql("DELETE FROM call_queue_member WHERE queue_number = ?")
                .param(number)
                .update();
        return jdbc.sql("DELETE FROM call_queue WHERE queue_number = ?")
                .param(number)
                .update();
    }

    private void insertMembers(CallQueue q) {
        for (int i = 0; i < q.members().size(); i++) {
            jdbc.sql("INSERT INTO call_queue_member (queue_number, position, extension) VALUES (?, ?, ?)")
                    .params(q.number(), i, q.members().get(i))
                    .update();
        }
    }

    private static Object[] values(CallQueue q) {
        return new Object[] {
            q.name(),
            q.strategy().name(),
            q.agentRingSeconds(),
            q.wrapUpSeconds(),
            q.maxWaitSeconds(),
            q.maxCallers(),
            q.fallback() == null ? null : q.fallback().toString(),
            q.joinEmpty(),
            q.leaveWhenEmpty(),
            q.announceSeconds(),
            q.serviceLevelSeconds(),
            q.leaveKey(),
            q.leaveDestination() == null ? null : q.leaveDestination().toString(),
            q.language(),
            Timestamp.from(Instant.now()),
            q.number()
        };
    }
}
