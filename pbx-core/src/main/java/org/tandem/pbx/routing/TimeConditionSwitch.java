package org.tandem.pbx.routing;

import java.util.Optional;

/**
 * Resolves a {@link Destination.TimeCondition} at call time: the time-condition feature implements it,
 * so the dial plan needs no knowledge of schedules. Runs on the call's stripe: answers from memory.
 */
public interface TimeConditionSwitch {

    /** The destination the condition routes to right now (open or closed), or empty when there is no such condition. */
    Optional<Destination> destinationNow(String condition);
}
