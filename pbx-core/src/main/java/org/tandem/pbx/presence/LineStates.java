package org.tandem.pbx.presence;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * What every extension, ring group, park orbit and trunk is doing now — the operator panel's board: registered or not,
 * do-not-disturb, and its calls (ringing with the caller, talking with whom since when, parked). Kept from the PBX's
 * own events (the dialog states the busy lamps show, registrations, call settings), not by polling the database.
 */
public interface LineStates {

    enum Kind {
        EXTENSION,
        RING_GROUP,
        PARK_ORBIT,
        TRUNK
    }

    /**
     * One call of a line.
     *
     * @param state   {@code ringing} (coming in), {@code dialling} (going out, not answered yet), {@code talking},
     *                {@code parked}
     * @param party   the other end as a person reads it ("Dana Caller <311>", "+4930123456"), or ""
     * @param since   when the call reached this state (a talking call: when it was answered); null when Tandem did
     *                not see it happen (a call older than the board's listening), never a time made up per look
     * @param incoming whether the line was called (the other party is the caller) rather than calling
     */
    record LineCall(String callId, String state, String party, Instant since, boolean incoming) {}

    record Line(String number, String name, Kind kind, boolean registered, boolean doNotDisturb, List<LineCall> calls) {

        /** "idle", "ringing", "talking", "dialling", "parked", "DND" or "not registered", for a cell's colour. */
        public String summary() {
            if (!calls.isEmpty()) return calls.get(0).state();
            if (kind == Kind.EXTENSION && doNotDisturb) return "DND";
            if ((kind == Kind.EXTENSION || kind == Kind.TRUNK) && !registered) return "not registered";
            return "idle";
        }
    }

    /**
     * Every line, extensions first (by number), then ring groups, park orbits, and trunks (by name; a trunk that
     * registers with its provider and is not registered now says so).
     */
    List<Line> lines();

    /** {@code listener} gets the number of each line that changed (on the thread that changed it; be quick). */
    AutoCloseable onChange(Consumer<String> listener);
}
