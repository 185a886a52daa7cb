package org.tandem.pbx.anchor;

import java.nio.file.Path;
import java.time.Instant;
import org.tandem.media.relay.RecordedAudio;

/**
 * What the anchor asks about recording calls (issue 18; the rules and the storage are {@code org.tandem.pbx.recording}'s).
 * A call to be recorded is anchored even when {@code tandem.media.relay=auto} would let its media go direct.
 */
public interface CallRecorder {

    /** Records nothing. */
    CallRecorder NONE = new CallRecorder() {
        @Override
        public Path recordTo(String callId, Involved involved) {
            return null;
        }

        @Override
        public void recorded(String callId, Involved involved, Instant startedAt, RecordedAudio audio) {
        }
    };

    /**
     * Who a new call involves, as the rules need it.
     *
     * @param callerExtension the local user calling, or null (a trunk)
     * @param calleeExtensions the local users its ring step rings
     * @param trunk           the trunk an inbound call came in on, or null
     * @param did             the number an inbound call was delivered to (its inbound route), or null
     */
    record Involved(String callerExtension, java.util.List<String> calleeExtensions, String trunk, String did) {
        public Involved {
            calleeExtensions = calleeExtensions == null ? java.util.List.of() : java.util.List.copyOf(calleeExtensions);
        }
    }

    /**
     * Where this call's recording goes, or null when the rules do not record it. On the call's SIP stripe: answers
     * from memory, never touches the disk.
     */
    Path recordTo(String callId, Involved involved);

    /** A recording is complete at {@code audio.file()}. On the relay's recorder thread. */
    void recorded(String callId, Involved involved, Instant startedAt, RecordedAudio audio);
}
