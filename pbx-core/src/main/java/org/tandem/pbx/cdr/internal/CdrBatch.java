package org.tandem.pbx.cdr.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes a batch of call events in one transaction: each call's row is read once (or made), every
 * event of the batch is folded into it, and it is written once. A call's start and end that queued up
 * together cost one INSERT.
 */
class CdrBatch implements CdrWriter.BatchSink {

    private final CdrStore store;
    private final TransactionTemplate tx;

    CdrBatch(CdrStore store, TransactionTemplate tx) {
        this.store = store;
        this.tx = tx;
    }

    @Override
    public void apply(List<Object> events) {
        tx.executeWithoutResult(s -> {
            Map<String, CdrRow> rows = new LinkedHashMap<>();
            for (Object event : events) {
                String id = CdrFold.callId(event);
                if (id == null) continue;
                CdrRow row =
                        rows.containsKey(id) ? rows.get(id) : store.load(id).orElse(null);
                rows.put(id, CdrFold.fold(row, event));
            }
            rows.values().forEach(store::save);
        });
    }
}
