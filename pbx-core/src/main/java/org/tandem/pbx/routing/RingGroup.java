package org.tandem.pbx.routing;

import java.util.List;

/**
 * A number that rings several destinations: all at once ({@link Strategy#SIMULTANEOUS}, for
 * {@code ringSeconds}) or one after another ({@link Strategy#SEQUENTIAL}, each member for its own
 * time); when nobody answers, the call goes to {@code fallback} (or is refused with 480).
 *
 * @param callerIdPrefix prepended to the caller's display name, so members see which group rings (e.g. "Sales: ")
 */
public record RingGroup(
        String number,
        String name,
        Strategy strategy,
        int ringSeconds,
        List<Member> members,
        Destination fallback,
        String callerIdPrefix) {

    public enum Strategy {
        SIMULTANEOUS,
        SEQUENTIAL
    }

    /** A member: an extension or an external number, with its ring time in a sequential hunt. */
    public record Member(Destination destination, int ringSeconds) {}

    public RingGroup {
        members = List.copyOf(members);
    }
}
