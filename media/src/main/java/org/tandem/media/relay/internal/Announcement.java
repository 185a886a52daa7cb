package org.tandem.media.relay.internal;

import java.nio.ByteBuffer;
import org.tandem.media.internal.G711;

/**
 * An announcement the relay plays to one party (issue 18: "this call is being recorded"): its samples are mixed into
 * the G.711 payload of the packets the other party sends it, in place, one sample per byte (PCMU 0, PCMA 8), so the
 * stream keeps its SSRC, sequence numbers and timestamps (RFC 3550 §5.1) and nothing is sent that the party did not
 * already get: the announcement plays at the other party's pace, and pauses while that party sends nothing. Packets of
 * other payload types (RFC 4733 events, comfort noise, Opus) pass unchanged. On the relay's IO thread only.
 */
final class Announcement {

    private final short[] samples;
    private int next;

    Announcement(short[] samples) {
        this.samples = samples;
    }

    /** Mixes the next samples into {@code rtp}'s payload (at its position, not moved); false once it has all played. */
    boolean mixInto(ByteBuffer rtp) {
        if (next >= samples.length) return false;
        ByteBuffer p = rtp.slice();
        int payload = RtpTrack.payloadOffset(p);
        int pt = p.limit() > 1 ? p.get(1) & 0x7f : -1;
        if (payload < 0 || (pt != 0 && pt != 8)) return true;
        int end = RtpTrack.payloadEnd(p);
        for (int i = payload; i < end && next < samples.length; i++) {
            byte b = p.get(i);
            int mixed = (pt == 0 ? G711.ulawDecode(b) : G711.alawDecode(b)) + samples[next++];
            mixed = Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, mixed));
            p.put(i, pt == 0 ? G711.linearToUlaw(mixed) : G711.linearToAlaw(mixed));
        }
        return next < samples.length;
    }
}
