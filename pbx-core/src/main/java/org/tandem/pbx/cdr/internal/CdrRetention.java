package org.tandem.pbx.cdr.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Call detail records older than {@code tandem.cdr.keep-days} (0: kept for ever, the default) are deleted once a day,
 * with the extensions and queues of each call ({@code cdr_offer}, {@code cdr_queue_visit}). A call still in progress
 * (no end time) is never deleted, however old its start. The delete runs in batches of {@value #BATCH} calls, one
 * transaction and one task on the housekeeping timer each, so a first clean-up of years of records neither holds a
 * long lock against the CDR writer nor delays the timer's other sweeps.
 */
final class CdrRetention {

    static final int BATCH = 500;
    private static final Logger log = LoggerFactory.getLogger(CdrRetention.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final int keepDays;
    private final Clock clock;

    CdrRetention(JdbcClient jdbc, TransactionTemplate tx, int keepDays, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.keepDays = keepDays;
        this.clock = clock;
    }

    /** Runs the clean-up daily on {@code timer}, the first 10 minutes after start; nothing when records are kept. */
    void scheduleOn(ScheduledExecutorService timer) {
        if (keepDays <= 0) return;
        timer.scheduleWithFixedDelay(
                () -> deleteBatchesOn(timer, 0), 10, Duration.ofDays(1).toMinutes(), TimeUnit.MINUTES);
    }

    private void deleteBatchesOn(ScheduledExecutorService timer, int sofar) {
        try {
            int n = deleteBatch();
            if (n == BATCH) {
                timer.execute(() -> deleteBatchesOn(timer, sofar + n));
                return;
            }
            if (sofar + n > 0) log.info("Deleted {} call detail records older than {} days", sofar + n, keepDays);
        } catch (RejectedExecutionException stopping) {
            // shutting down: the rest goes tomorrow
        } catch (RuntimeException e) {
            log.warn("Call detail record clean-up failed (tried again tomorrow): {}", e.toString());
        }
    }

    /** Deletes every record past the retention now, batch after batch; answers how many calls (for tests). */
    int deleteAll() {
        if (keepDays <= 0) return 0;
        int total = 0;
        int n;
        do {
            n = deleteBatch();
            total += n;
        } while (n == BATCH);
        return total;
    }

    /** One batch: the oldest ended calls started before the cut-off, at most {@value #BATCH}. */
    private int deleteBatch() {
        long cutoff = clock.millis() - Duration.ofDays(keepDays).toMillis();
        Integer deleted = tx.execute(s -> {
            List<String> ids = jdbc.sql("SELECT call_id FROM cdr WHERE start_ms < :cutoff AND end_ms IS NOT NULL "
                            + "ORDER BY start_ms LIMIT " + BATCH)
                    .param("cutoff", cutoff)
                    .query(String.class)
                    .list();
            if (ids.isEmpty()) return 0;
            jdbc.sql("DELETE FROM cdr_offer WHERE call_id IN (:ids)")
                    .param("ids", ids)
                    .update();
            jdbc.sql("DELETE FROM cdr_queue_visit WHERE call_id IN (:ids)")
                    .param("ids", ids)
                    .update();
            jdbc.sql("DELETE FROM cdr WHERE call_id IN (:ids)")
                    .param("ids", ids)
                    .update();
            return ids.size();
        });
        return deleted == null ? 0 : deleted;
    }
}
