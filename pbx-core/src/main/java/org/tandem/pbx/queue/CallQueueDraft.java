package org.tandem.pbx.queue;

import java.util.List;
import org.tandem.pbx.queue.internal.QueueRules;

/**
 * A call queue as submitted (REST API, web UI), checked by {@link CallQueues}. A null field takes its default on
 * create and keeps its value on update. Defaults: RINGALL, agents ring 15 s, 10 s wrap-up, 300 s max wait, 10 callers,
 * no fallback (hang up), join when empty, stay when empty, position every 30 s, service level 20 s, no leave key.
 *
 * @param fallback         the text form of a destination; {@code ""} removes it on update
 * @param leaveKey         one of 0-9 * #; {@code ""} removes the key (and its destination) on update
 * @param leaveDestination the text form of the destination the leave key leads to; required with a key
 * @param language         en, de, fr or es; {@code ""} follows the system language
 */
public record CallQueueDraft(
        String number,
        String name,
        String strategy,
        List<String> members,
        Integer agentRingSeconds,
        Integer wrapUpSeconds,
        Integer maxWaitSeconds,
        Integer maxCallers,
        String fallback,
        Boolean joinEmpty,
        Boolean leaveWhenEmpty,
        Integer announceSeconds,
        Integer serviceLevelSeconds,
        String leaveKey,
        String leaveDestination,
        String language) {

    /** A draft that leaves the leave key and the language as they are. */
    public CallQueueDraft(
            String number,
            String name,
            String strategy,
            List<String> members,
            Integer agentRingSeconds,
            Integer wrapUpSeconds,
            Integer maxWaitSeconds,
            Integer maxCallers,
            String fallback,
            Boolean joinEmpty,
            Boolean leaveWhenEmpty,
            Integer announceSeconds,
            Integer serviceLevelSeconds) {
        this(
                number,
                name,
                strategy,
                members,
                agentRingSeconds,
                wrapUpSeconds,
                maxWaitSeconds,
                maxCallers,
                fallback,
                joinEmpty,
                leaveWhenEmpty,
                announceSeconds,
                serviceLevelSeconds,
                null,
                null,
                null);
    }

    /** A new queue's draft with every default filled in (what the web UI's editor starts from). */
    public static CallQueueDraft defaults() {
        return QueueRules.DEFAULTS;
    }
}
