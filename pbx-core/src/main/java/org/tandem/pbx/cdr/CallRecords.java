package org.tandem.pbx.cdr;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads call detail records: the admin API's list and CSV export, a user's own call log and missed
 * calls (the user portal reuses these). Every result is newest first.
 */
public interface CallRecords {

    /** The page {@link CdrFilter#page()} of the records the filter matches. */
    CdrPage search(CdrFilter filter);

    /**
     * Every record the filter matches (paging ignored), handed to {@code sink} one by one as they are
     * read, so that an export of any size streams in constant memory.
     */
    void export(CdrFilter filter, Consumer<CallRecord> sink);

    /**
     * The calls {@code extension} made, was offered (rung as the dialled or forwarded-to extension), or
     * answered (e.g. as a ring group member); the filter's own extension is ignored.
     */
    CdrPage callLog(String extension, CdrFilter filter);

    /**
     * Calls offered to {@code extension} that nobody answered: NO_ANSWER, BUSY or CANCELLED (not the
     * ones it made itself, nor a call someone picked up: an answered call whose {@code linkedCallId} is
     * it). The filter's extension and dispositions are ignored.
     */
    CdrPage missedCalls(String extension, CdrFilter filter);

    Optional<CallRecord> find(String callId);

    /**
     * How callers fared in call queue {@code queue} for calls that started in [{@code from}, {@code to}): one entry
     * per call that reached it (the queue's figures are counted from these), oldest first.
     */
    List<CallRecord.Queued> queuedCalls(String queue, Instant from, Instant to);
}
