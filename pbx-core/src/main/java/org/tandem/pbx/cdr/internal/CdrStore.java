package org.tandem.pbx.cdr.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tandem.pbx.call.CallDirection;
import org.tandem.pbx.call.CallMedia;
import org.tandem.pbx.call.CallQueued;
import org.tandem.pbx.call.Disposition;
import org.tandem.pbx.call.HangupSide;
import org.tandem.pbx.cdr.CallRecord;

/**
 * The {@code cdr} and {@code cdr_offer} tables as the writer sees them: load a row, save it, close the
 * rows a stop left open. Only the writer thread (and start-up, before any call) calls it.
 */
class CdrStore {

    static final String COLUMNS = "call_id, caller_extension, caller_number, caller_name, answered_by, dialled, did, "
            + "trunk, ring_group, destination, forwarded_from, direction, start_ms, answer_ms, end_ms, last_seen_ms, "
            + "billable_seconds, disposition, hangup_side, sip_status, linked_call_id, started, closed_at_restart, "
            + "hangup_cause, media_relayed, caller_packets, caller_lost, caller_jitter_ms, callee_packets, callee_lost, "
            + "callee_jitter_ms, caller_bytes, callee_bytes, queue_number, queue_outcome, queue_wait_ms, queue_agent";

    static final Duration ALIVE_AT_MOST = Duration.ofHours(24);

    private final JdbcClient jdbc;

    CdrStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<CdrRow> load(String callId) {
        Optional<CdrRow> row = jdbc.sql("SELECT " + COLUMNS + " FROM cdr WHERE call_id = ?")
                .param(callId)
                .query((rs, n) -> row(rs))
                .optional();
        row.ifPresent(r -> r.offers.addAll(jdbc.sql("SELECT extension FROM cdr_offer WHERE call_id = ?")
                .param(callId)
                .query(String.class)
                .list()));
        return row;
    }

    /** INSERT or UPDATE as the row needs, then its new offers. */
    void save(CdrRow r) {
        Object[] values = {
            cut(r.callerExtension, 32),
            cut(r.callerNumber, 64),
            cut(r.callerName, 128),
            cut(r.answeredBy, 64),
            cut(r.dialled, 64),
            cut(r.did, 64),
            cut(r.trunk, 64),
            cut(r.ringGroup, 32),
            cut(r.destination, 128),
            cut(r.forwardedFrom, 32),
            name(r.direction),
            r.startMs,
            r.answerMs,
            r.endMs,
            r.lastSeenMs,
            r.billableSeconds,
            name(r.disposition),
            name(r.hangupSide),
            r.sipStatus,
            cut(r.linkedCallId, 255),
            r.started,
            r.closedAtRestart,
            cut(r.hangupCause, 32),
            r.mediaRelayed,
            packets(r.callerMedia),
            lost(r.callerMedia),
            jitter(r.callerMedia),
            packets(r.calleeMedia),
            lost(r.calleeMedia),
            jitter(r.calleeMedia),
            bytes(r.callerMedia),
            bytes(r.calleeMedia),
            r.queue == null ? null : cut(r.queue.queue(), 32),
            r.queue == null ? null : name(r.queue.outcome()),
            r.queue == null ? null : r.queue.waitMillis(),
            r.queue == null ? null : cut(r.queue.agent(), 32),
            r.callId
        };
        typeNulls(values);
        if (r.persisted) {
            jdbc.sql(
                            "UPDATE cdr SET caller_extension = ?, caller_number = ?, caller_name = ?, answered_by = ?, "
                                    + "dialled = ?, did = ?, trunk = ?, ring_group = ?, destination = ?, forwarded_from = ?, "
                                    + "direction = ?, start_ms = ?, answer_ms = ?, end_ms = ?, last_seen_ms = ?, billable_seconds = ?, "
                                    + "disposition = ?, hangup_side = ?, sip_status = ?, linked_call_id = ?, started = ?, "
                                    + "closed_at_restart = ?, hangup_cause = ?, media_relayed = ?, caller_packets = ?, caller_lost = ?, "
                                    + "caller_jitter_ms = ?, callee_packets = ?, callee_lost = ?, callee_jitter_ms = ?, caller_bytes = ?, "
                                    + "callee_bytes = ?, queue_number = ?, queue_outcome = ?, queue_wait_ms = ?, queue_agent = ? WHERE call_id = ?")
                    .params(values)
                    .update();
        } else {
            jdbc.sql("INSERT INTO cdr (caller_extension, caller_number, caller_name, answered_by, dialled, did, trunk, "
                            + "ring_group, destination, forwarded_from, direction, start_ms, answer_ms, end_ms, last_seen_ms, "
                            + "billable_seconds, disposition, hangup_side, sip_status, linked_call_id, started, "
                            + "closed_at_restart, hangup_cause, media_relayed, caller_packets, caller_lost, caller_jitter_ms, "
                            + "callee_packets, callee_lost, callee_jitter_ms, caller_bytes, callee_bytes, queue_number, queue_outcome, "
                            + "queue_wait_ms, queue_agent, call_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                            + "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(values)
                    .update();
            r.persisted = true;
        }
        if (!r.newQueueVisits.isEmpty()) {
            int seq = jdbc.sql("SELECT COALESCE(MAX(seq), -1) FROM cdr_queue_visit WHERE call_id = ?")
                            .param(r.callId)
                            .query(Integer.class)
                            .single()
                    + 1;
            for (CallRecord.Queued q : r.newQueueVisits) {
                jdbc.sql("INSERT INTO cdr_queue_visit (call_id, seq, queue_number, outcome, wait_ms, agent) "
                                + "VALUES (?, ?, ?, ?, ?, ?)")
                        .params(
                                r.callId,
                                seq++,
                                cut(q.queue(), 32),
                                name(q.outcome()),
                                q.waitMillis(),
                                cut(q.agent(), 32))
                        .update();
            }
            r.newQueueVisits.clear();
        }
        for (String ext : r.newOffers) {
            jdbc.sql("INSERT INTO cdr_offer (call_id, extension) VALUES (?, ?)")
                    .params(r.callId, cut(ext, 32))
                    .update();
        }
        r.newOffers.clear();
    }

    /**
     * The SQL type of each value {@link #save} binds, in its order (V4, V14, V42, V52 of the schema). A null given
     * without one makes Spring ask the driver which type the parameter has ({@code getParameterMetaData}, then
     * {@code getMetaData} for the driver's name) for every null of every row: two to three look-ups for each of the ~20
     * columns a call in progress leaves empty.
     */
    private static final int[] TYPES = {
        Types.VARCHAR, // caller_extension
        Types.VARCHAR, // caller_number
        Types.VARCHAR, // caller_name
        Types.VARCHAR, // answered_by
        Types.VARCHAR, // dialled
        Types.VARCHAR, // did
        Types.VARCHAR, // trunk
        Types.VARCHAR, // ring_group
        Types.VARCHAR, // destination
        Types.VARCHAR, // forwarded_from
        Types.VARCHAR, // direction
        Types.BIGINT, // start_ms
        Types.BIGINT, // answer_ms
        Types.BIGINT, // end_ms
        Types.BIGINT, // last_seen_ms
        Types.INTEGER, // billable_seconds
        Types.VARCHAR, // disposition
        Types.VARCHAR, // hangup_side
        Types.INTEGER, // sip_status
        Types.VARCHAR, // linked_call_id
        Types.BOOLEAN, // started
        Types.BOOLEAN, // closed_at_restart
        Types.VARCHAR, // hangup_cause
        Types.BOOLEAN, // media_relayed
        Types.BIGINT, // caller_packets
        Types.BIGINT, // caller_lost
        Types.INTEGER, // caller_jitter_ms
        Types.BIGINT, // callee_packets
        Types.BIGINT, // callee_lost
        Types.INTEGER, // callee_jitter_ms
        Types.BIGINT, // caller_bytes
        Types.BIGINT, // callee_bytes
        Types.VARCHAR, // queue_number
        Types.VARCHAR, // queue_outcome
        Types.BIGINT, // queue_wait_ms
        Types.VARCHAR, // queue_agent
        Types.VARCHAR // call_id
    };

    private static void typeNulls(Object[] values) {
        if (values.length != TYPES.length) throw new IllegalStateException("a column without its SQL type");
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) values[i] = new SqlParameterValue(TYPES[i], null);
        }
    }

    /** The rows still in progress: at start-up, those a stop or crash interrupted. */
    List<CdrRow> loadOpen() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM cdr WHERE end_ms IS NULL")
                .query((rs, n) -> row(rs))
                .list();
    }

    /**
     * Notes that the calls in progress are alive at {@code nowMs} (their end, should the process die now).
     * Calls older than {@link #ALIVE_AT_MOST} are not: the proxy forgets an answered call whose BYE it
     * never sees after a day, so such a row stops at its last sign of life and is closed at the next start.
     */
    int touchOpen(long nowMs) {
        return jdbc.sql("UPDATE cdr SET last_seen_ms = ? WHERE end_ms IS NULL AND last_seen_ms < ? AND start_ms > ?")
                .params(nowMs, nowMs, nowMs - ALIVE_AT_MOST.toMillis())
                .update();
    }

    /** {@link #touchOpen}'s rule for a row kept in memory (CdrBatch): noted alive as that UPDATE notes its row. */
    static void touch(CdrRow row, long nowMs) {
        if (row.endMs == null && row.lastSeenMs < nowMs && row.startMs > nowMs - ALIVE_AT_MOST.toMillis()) {
            row.lastSeenMs = nowMs;
        }
    }

    private static CdrRow row(ResultSet rs) throws SQLException {
        CdrRow r = new CdrRow(rs.getString("call_id"));
        r.persisted = true;
        r.callerExtension = rs.getString("caller_extension");
        r.callerNumber = rs.getString("caller_number");
        r.callerName = rs.getString("caller_name");
        r.answeredBy = rs.getString("answered_by");
        r.dialled = rs.getString("dialled");
        r.did = rs.getString("did");
        r.trunk = rs.getString("trunk");
        r.ringGroup = rs.getString("ring_group");
        r.destination = rs.getString("destination");
        r.forwardedFrom = rs.getString("forwarded_from");
        r.direction = value(CallDirection.class, rs.getString("direction"));
        r.startMs = rs.getLong("start_ms");
        r.answerMs = nullableLong(rs, "answer_ms");
        r.endMs = nullableLong(rs, "end_ms");
        r.lastSeenMs = rs.getLong("last_seen_ms");
        r.billableSeconds = rs.getLong("billable_seconds");
        r.disposition = value(Disposition.class, rs.getString("disposition"));
        r.hangupSide = value(HangupSide.class, rs.getString("hangup_side"));
        int status = rs.getInt("sip_status");
        r.sipStatus = rs.wasNull() ? null : status;
        r.linkedCallId = rs.getString("linked_call_id");
        r.started = rs.getBoolean("started");
        r.closedAtRestart = rs.getBoolean("closed_at_restart");
        r.hangupCause = rs.getString("hangup_cause");
        boolean relayed = rs.getBoolean("media_relayed");
        r.mediaRelayed = rs.wasNull() ? null : relayed;
        r.callerMedia = stream(rs, "caller");
        r.calleeMedia = stream(rs, "callee");
        String queue = rs.getString("queue_number");
        if (queue != null) {
            r.queue = new CallRecord.Queued(
                    queue,
                    value(CallQueued.Outcome.class, rs.getString("queue_outcome")),
                    rs.getLong("queue_wait_ms"),
                    rs.getString("queue_agent"));
        }
        return r;
    }

    private static CallMedia.Stream stream(ResultSet rs, String party) throws SQLException {
        long packets = rs.getLong(party + "_packets");
        if (rs.wasNull()) return null;
        long bytes = rs.getLong(party + "_bytes");
        return new CallMedia.Stream(
                packets, rs.getLong(party + "_lost"), rs.getInt(party + "_jitter_ms"), rs.wasNull() ? null : bytes);
    }

    private static Long bytes(CallMedia.Stream s) {
        return s == null ? null : s.bytes();
    }

    private static Long packets(CallMedia.Stream s) {
        return s == null ? null : s.packets();
    }

    private static Long lost(CallMedia.Stream s) {
        return s == null ? null : s.lost();
    }

    private static Integer jitter(CallMedia.Stream s) {
        return s == null ? null : (int) Math.round(s.jitterMillis());
    }

    /** Reads one row of a query that selected {@link #COLUMNS}. */
    static CdrRow read(ResultSet rs) throws SQLException {
        return row(rs);
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private static <E extends Enum<E>> E value(Class<E> type, String name) {
        if (name == null) return null;
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            return null; // written by a newer version: shown as unknown rather than failing the query
        }
    }

    private static String name(Enum<?> e) {
        return e == null ? null : e.name();
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
