package org.tandem.pbx.cdr.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.transaction.support.TransactionTemplate;

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
 * write an older sign of life back. Only the writer thread calls it.
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
        Map<String, CdrRow> rows = new LinkedHashMap<>();
        try {
            tx.executeWithoutResult(s -> {
                for (Object event : events) {
                    String id = CdrFold.callId(event);
                    if (id == null) continue;
                    CdrRow row = rows.containsKey(id) ? rows.get(id) : kept(id);
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

    private CdrRow kept(String callId) {
        CdrRow row = written.get(callId);
        return row != null ? row : store.load(callId).orElse(null);
    }

    /** The heartbeat ({@link CdrStore#touchOpen}), noted in the kept rows as the table notes it. */
    int touchOpen(long nowMs) {
        int touched = store.touchOpen(nowMs);
        written.values().forEach(row -> CdrStore.touch(row, nowMs));
        return touched;
    }
}
