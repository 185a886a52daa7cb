package org.tandem.pbx.cdr.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tandem.pbx.call.CallQueued;
import org.tandem.pbx.call.Disposition;
import org.tandem.pbx.cdr.CallRecord;
import org.tandem.pbx.cdr.CallRecords;
import org.tandem.pbx.cdr.CdrFilter;
import org.tandem.pbx.cdr.CdrPage;

/**
 * The {@link CallRecords} service: SQL over {@code cdr} and {@code cdr_offer}, newest first. Reads
 * run on the caller's thread (HTTP, portal), never on the writer's. Each read first lets the writer give the
 * database what its journal holds ({@code catchUp}), so a page shows a call once its events are written, not a
 * journal flush later.
 */
class CdrQueries implements CallRecords {

    /** What counts as missed for the extension it was offered to. */
    static final Set<Disposition> MISSED = EnumSet.of(Disposition.NO_ANSWER, Disposition.BUSY, Disposition.CANCELLED);
    /** Rows the export asks the driver for at a time (MariaDB's driver reads everything otherwise). */
    private static final int EXPORT_FETCH = 500;

    private record Where(String sql, List<Object> params) {}

    private final JdbcClient jdbc;
    private final JdbcTemplate export;
    private final Runnable catchUp;

    CdrQueries(JdbcClient jdbc, DataSource dataSource, Runnable catchUp) {
        this.jdbc = jdbc;
        this.catchUp = catchUp;
        this.export = new JdbcTemplate(dataSource);
        this.export.setFetchSize(EXPORT_FETCH);
    }

    @Override
    public List<CallRecord.Queued> queuedCalls(String queue, Instant from, Instant to) {
        // every visit of the queue, also of callers it sent on to another queue (a call's cdr row keeps its last)
        catchUp.run();
        return jdbc.sql("SELECT v.queue_number, v.outcome, v.wait_ms, v.agent FROM cdr_queue_visit v "
                        + "JOIN cdr c ON c.call_id = v.call_id WHERE v.queue_number = ? "
                        + "AND c.start_ms >= ? AND c.start_ms < ? ORDER BY c.start_ms, v.seq")
                .params(queue, from.toEpochMilli(), to.toEpochMilli())
                .query((rs, n) -> new CallRecord.Queued(
                        rs.getString(1), outcome(rs.getString(2)), rs.getLong(3), rs.getString(4)))
                .list();
    }

    private static CallQueued.Outcome outcome(String name) {
        try {
            return name == null ? null : CallQueued.Outcome.valueOf(name);
        } catch (IllegalArgumentException e) {
            return null; // written by a newer version
        }
    }

    @Override
    public CdrPage search(CdrFilter filter) {
        return page(where(filter, false), filter);
    }

    @Override
    public void export(CdrFilter filter, Consumer<CallRecord> sink) {
        Where w = where(filter, false);
        catchUp.run();
        export.query(
                "SELECT " + CdrStore.COLUMNS + " FROM cdr" + w.sql() + " ORDER BY start_ms DESC, call_id DESC",
                rs -> {
                    sink.accept(CdrStore.read(rs).toRecord());
                },
                w.params().toArray());
    }

    @Override
    public CdrPage callLog(String extension, CdrFilter filter) {
        return search(filter.withExtension(extension));
    }

    @Override
    public CdrPage missedCalls(String extension, CdrFilter filter) {
        return page(where(filter.withExtension(extension).withDispositions(MISSED), true), filter);
    }

    @Override
    public Optional<CallRecord> find(String callId) {
        catchUp.run();
        return jdbc.sql("SELECT " + CdrStore.COLUMNS + " FROM cdr WHERE call_id = ?")
                .param(callId)
                .query((rs, n) -> CdrStore.read(rs).toRecord())
                .optional();
    }

    private CdrPage page(Where w, CdrFilter filter) {
        catchUp.run();
        long total = jdbc.sql("SELECT COUNT(*) FROM cdr" + w.sql())
                .params(w.params())
                .query(Long.class)
                .single();
        List<Object> params = new ArrayList<>(w.params());
        params.add(filter.size());
        params.add((long) filter.page() * filter.size());
        List<CallRecord> items = jdbc.sql("SELECT " + CdrStore.COLUMNS + " FROM cdr" + w.sql()
                        + " ORDER BY start_ms DESC, call_id DESC LIMIT ? OFFSET ?")
                .params(params)
                .query((rs, n) -> CdrStore.read(rs).toRecord())
                .list();
        return new CdrPage(items, filter.page(), filter.size(), total);
    }

    /**
     * @param offeredOnly the extension must have been offered the call (missed calls), not merely
     *                    have made or answered it
     */
    private static Where where(CdrFilter f, boolean offeredOnly) {
        StringBuilder sql = new StringBuilder();
        List<Object> params = new ArrayList<>();
        if (f.from() != null) {
            and(sql, "start_ms >= ?");
            params.add(f.from().toEpochMilli());
        }
        if (f.to() != null) {
            and(sql, "start_ms < ?");
            params.add(f.to().toEpochMilli());
        }
        if (!f.dispositions().isEmpty()) {
            and(
                    sql,
                    "disposition IN ("
                            + String.join(
                                    ", ",
                                    f.dispositions().stream().map(d -> "?").toList()) + ")");
            f.dispositions().stream().sorted().forEach(d -> params.add(d.name()));
        }
        if (f.direction() != null) {
            and(sql, "direction = ?");
            params.add(f.direction().name());
        }
        if (f.extension() != null) {
            String offered = "EXISTS (SELECT 1 FROM cdr_offer o WHERE o.call_id = cdr.call_id AND o.extension = ?)";
            if (offeredOnly) {
                // a call a colleague picked up (an answered call continues it) is not missed
                and(
                        sql,
                        offered + " AND (caller_extension IS NULL OR caller_extension <> ?) AND NOT EXISTS (SELECT 1 "
                                + "FROM cdr p WHERE p.linked_call_id = cdr.call_id AND p.disposition = 'ANSWERED')");
                params.add(f.extension());
                params.add(f.extension());
            } else {
                and(sql, "(caller_extension = ? OR answered_by = ? OR ring_group = ? OR " + offered + ")");
                for (int i = 0; i < 4; i++) params.add(f.extension());
            }
        }
        return new Where(sql.toString(), params);
    }

    private static void and(StringBuilder sql, String condition) {
        sql.append(sql.isEmpty() ? " WHERE " : " AND ").append(condition);
    }
}
