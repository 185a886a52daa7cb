package org.tandem.pbx.cdr.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.support.TransactionTemplate;
import org.tandem.pbx.call.CallStarted;

/**
 * Writes a batch of call events in one transaction: each call's row is read once (or made), every
 * event of the batch is folded into it, and it is written once. A call's start and end that queued up
 * together cost one INSERT.
 *
 * <p>The rows it wrote last are kept ({@link #KEPT}, the least recently used go first): a call's next event, in a
 * later batch, is folded into the kept row instead of reading it back with a SELECT by its random Call-ID (issue 23:
 * ~5 KB and an index look-up per call; calls in progress, and those ended lately, whose media report follows the
 * end). The kept rows are what the database holds: a batch whose transaction fails takes its rows out (they were
 * folded in memory only), and {@link #touchOpen} notes the heartbeat in them as in the table, or a later save would
 * write an older sign of life back. A call's start is not looked for at all: it is a new call's, unless the INSERT
 * finds the Call-ID taken ({@link #apply}). Only the writer thread calls it.
 */
class CdrBatch implements CdrWriter.BatchSink {

    /** Rows kept: well above the calls in progress of a small business. */
    static final int KEPT = 4096;

    private final CdrStore store;
    private final TransactionTemplate tx;
    private final Map<String, CdrRow> written = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CdrRow> eldest) {
            return size() > KEPT;
        }
    };

    CdrBatch(CdrStore store, TransactionTemplate tx) {
        this.store = store;
        this.tx = tx;
    }

    @Override
    public void apply(List<Object> events) {
        try {
            applyOnce(events, false);
        } catch (DuplicateKeyException started) {
            // a start for a Call-ID the table holds already: the journal's replay after a kill -9 (the row was
            // written before the journal was), or a Call-ID used again. The batch rolled back whole; again, reading
            // every row first, so the start folds into the stored row (CdrFold ignores a second start)
            applyOnce(events, true);
        }
    }

    /**
     * One transaction for the batch. A call's start is taken to be a new call unless {@code readStarts}: its row
     * is made without a SELECT by its random Call-ID (issue 23: most calls' first event), and the INSERT's
     * primary key tells when it was not new.
     */
    private void applyOnce(List<Object> events, boolean readStarts) {
        Map<String, CdrRow> rows = new LinkedHashMap<>();
        try {
            tx.executeWithoutResult(s -> {
                for (Object event : events) {
                    String id = CdrFold.callId(event);
                    if (id == null) continue;
                    CdrRow row =
                            rows.containsKey(id) ? rows.get(id) : kept(id, !readStarts && event instanceof CallStarted);
                    rows.put(id, CdrFold.fold(row, event));
                }
                rows.values().forEach(store::save);
            });
        } catch (RuntimeException e) {
            rows.keySet().forEach(written::remove); // folded, maybe marked persisted, but rolled back
            throw e;
        }
        written.putAll(rows);
    }

    /** The kept row, else the stored one, else none (a new call's start: not looked for). */
    private CdrRow kept(String callId, boolean newCall) {
        CdrRow row = written.get(callId);
        if (row != null || newCall) return row;
        return store.load(callId).orElse(null);
    }

    /** The heartbeat ({@link CdrStore#touchOpen}), noted in the kept rows as the table notes it. */
    int touchOpen(long nowMs) {
        int touched = store.touchOpen(nowMs);
        written.values().forEach(row -> CdrStore.touch(row, nowMs));
        return touched;
    }
}
