package org.tandem.pbx.queue;

import java.util.List;
import org.tandem.pbx.routing.Destination;

/**
 * A call queue (ACD): dialled by its {@code number} (a number of the dial plan like extensions) or reached as
 * {@code queue:<number>}. Callers are answered by the media services and wait in line on music on hold, hearing their
 * position every {@code announceSeconds}; the first in line is offered to the agents ({@code members}, extensions) by
 * {@code strategy}.
 *
 * @param agentRingSeconds    how long an agent's phones ring before the next agent (or the next round) is tried
 * @param wrapUpSeconds       after a queue call, an agent gets no queue call for this long
 * @param maxWaitSeconds      a caller still waiting after this goes to {@code fallback}; 0: no limit
 * @param maxCallers          more callers than this are not let in (they go to {@code fallback}); 0: no limit
 * @param fallback            where callers go who cannot wait (max wait, max length, empty queue); null: hang up
 * @param joinEmpty           callers may join while no agent can take calls (none registered or all in DND)
 * @param leaveWhenEmpty      waiting callers leave (to {@code fallback}) once no agent can take calls
 * @param announceSeconds     every this often the caller hears their position; 0: never
 * @param serviceLevelSeconds calls answered within this count towards the service level
 * @param leaveKey            the DTMF key (one of 0-9 * #) a waiting caller presses to leave the line for
 *                            {@code leaveDestination}; null: none
 * @param leaveDestination    where that key leads (e.g. a voicemail box); null exactly when {@code leaveKey} is
 * @param language            the code (en, de, fr, es) callers hear the queue's prompts in; null: the system language
 */
public record CallQueue(
        String number,
        String name,
        Strategy strategy,
        List<String> members,
        int agentRingSeconds,
        int wrapUpSeconds,
        int maxWaitSeconds,
        int maxCallers,
        Destination fallback,
        boolean joinEmpty,
        boolean leaveWhenEmpty,
        int announceSeconds,
        int serviceLevelSeconds,
        String leaveKey,
        Destination leaveDestination,
        String language) {

    /** A queue without a leave key, in the system language. */
    public CallQueue(
            String number,
            String name,
            Strategy strategy,
            List<String> members,
            int agentRingSeconds,
            int wrapUpSeconds,
            int maxWaitSeconds,
            int maxCallers,
            Destination fallback,
            boolean joinEmpty,
            boolean leaveWhenEmpty,
            int announceSeconds,
            int serviceLevelSeconds) {
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

    /** How the first caller in line is offered to the agents who are free. */
    public enum Strategy {
        /** every free agent at once; the first to answer takes the call */
        RINGALL,
        /** one agent at a time, going on from the agent after the one rung last (the queue remembers) */
        ROUND_ROBIN,
        /** the free agent whose last queue call ended longest ago */
        LEAST_RECENT,
        /** the free agent who answered the fewest queue calls today */
        FEWEST_CALLS,
        /** a free agent picked at random */
        RANDOM
    }

    public CallQueue {
        members = List.copyOf(members);
    }

    public Destination destination() {
        return new Destination.Queue(number);
    }
}
