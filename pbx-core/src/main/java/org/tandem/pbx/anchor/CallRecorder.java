package org.tandem.pbx.anchor;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.tandem.media.relay.RecordedAudio;

/**
 * What the anchor asks about recording calls (issue 18; the rules and the storage are {@code org.tandem.pbx.recording}'s).
 * A call to be recorded is anchored even when {@code tandem.media.relay=auto} would let its media go direct.
 */
public interface CallRecorder {

    /** Records nothing. */
    CallRecorder NONE = new CallRecorder() {
        @Override
        public Plan plan(String callId, Involved involved) {
            return null;
        }

        @Override
        public Path fileFor(String callId) {
            return null;
        }

        @Override
        public void recorded(String callId, Involved involved, Instant startedAt, RecordedAudio audio) {}
    };

    /**
     * Who a new call involves, as the rules need it.
     *
     * @param callerExtension the local user calling, or null (a trunk)
     * @param calleeExtensions the local users its ring step rings
     * @param trunk           the trunk an inbound call came in on, or null
     * @param did             the number an inbound call was delivered to (its inbound route), or null
     */
    record Involved(String callerExtension, List<String> calleeExtensions, String trunk, String did) {
        public Involved {
            calleeExtensions = calleeExtensions == null ? List.of() : List.copyOf(calleeExtensions);
        }
    }

    /**
     * What the rules say about a new call.
     *
     * @param always   where the call is recorded from the callee's answer on (a rule says ALWAYS), or null
     * @param onDemand the users (extensions) of the call whose rule says ON_DEMAND, when none says ALWAYS: the call
     *                 is anchored, and their party starts and stops a recording with {@code keyCode} (RFC 4733 keys)
     * @param keyCode  the in-call key code, e.g. {@code *1}
     * @param announcement what both parties hear when a recording starts ("this call is being recorded": 8 kHz
     *                 16-bit mono), or null when the rules do not announce it
     */
    record Plan(Path always, Set<String> onDemand, String keyCode, short[] announcement) {
        public Plan {
            onDemand = onDemand == null ? Set.of() : Set.copyOf(onDemand);
        }

        public Plan(Path always, Set<String> onDemand, String keyCode) {
            this(always, onDemand, keyCode, null);
        }
    }

    /**
     * What to record of this call, or null when nothing (no rule, or one says NEVER, or the disk is low). On the
     * call's SIP stripe: answers from memory, never touches the disk.
     */
    Plan plan(String callId, Involved involved);

    /**
     * Where a recording of the call that starts now goes (an on-demand span), or null when the disk is too low for
     * another. On the call's SIP stripe, from memory.
     */
    Path fileFor(String callId);

    /** The file of a recording from the answer on, or null: {@link #plan}'s {@code always}. */
    default Path recordTo(String callId, Involved involved) {
        Plan plan = plan(callId, involved);
        return plan == null ? null : plan.always();
    }

    /** A recording is complete at {@code audio.file()}. On the relay's recorder thread. */
    void recorded(String callId, Involved involved, Instant startedAt, RecordedAudio audio);
}
