package org.tandem.pbx.routing;

/**
 * How a {@link RouteStep.Ring} ended without an answer.
 *
 * @param status   the best final response of its branches (RFC 3261 §16.7 step 6), 408 if none
 * @param timedOut the step's own ring time ran out (its branches were cancelled)
 */
public record RingOutcome(int status, boolean timedOut) {

    /** Busy here / busy everywhere / declined: the callee is there but will not take the call. */
    public boolean busy() {
        return status == 486 || status == 600 || status == 603;
    }

    /** Nobody answered in time or nobody could be reached. */
    public boolean noAnswer() {
        return timedOut || status == 408 || status == 480 || status == 487;
    }
}
