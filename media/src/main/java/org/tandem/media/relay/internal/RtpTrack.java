package org.tandem.media.relay.internal;

import java.nio.ByteBuffer;

/**
 * Where one party's RTP packets go in the recording's timeline (frames since the recording started). The first packet
 * of a stream (an SSRC) is placed by its arrival time; the following ones by their RTP timestamp's distance from it
 * (RFC 3550 §5.1: 8000 per second for G.711), so the network's jitter does not smear the audio. A new SSRC or a
 * timestamp that strays more than {@value #MAX_DRIFT_FRAMES} frames from the arrival clock (a jump, a wrap of a
 * restarted stream) is placed by arrival again: the two parties stay aligned within about a packet.
 */
final class RtpTrack {

    static final int MAX_DRIFT_FRAMES = 2 * StereoWavWriter.RATE;

    private final long startNanos;
    private boolean started;
    private int ssrc;
    private long baseTimestamp;
    private long basePosition;

    RtpTrack(long startNanos) {
        this.startNanos = startNanos;
    }

    long position(int ssrc, long timestamp, long arrivalNanos) {
        long arrival = Math.max(0, (arrivalNanos - startNanos) * StereoWavWriter.RATE / 1_000_000_000L);
        if (!started || ssrc != this.ssrc) return rebase(ssrc, timestamp, arrival);
        long position = basePosition + (int) (timestamp - baseTimestamp); // 32-bit wrap-around (RFC 3550 §5.1)
        if (position < 0 || Math.abs(position - arrival) > MAX_DRIFT_FRAMES) return rebase(ssrc, timestamp, arrival);
        return position;
    }

    private long rebase(int ssrc, long timestamp, long arrival) {
        started = true;
        this.ssrc = ssrc;
        baseTimestamp = timestamp;
        basePosition = arrival;
        return arrival;
    }

    /** RFC 3550 §5.1: after the 12 fixed bytes, CSRCs and an extension header (§5.3.1); -1 when not RTP version 2. */
    static int payloadOffset(ByteBuffer rtp) {
        int length = rtp.limit();
        if (length < 12 || (rtp.get(0) & 0xc0) != 0x80) return -1;
        int offset = 12 + 4 * (rtp.get(0) & 0x0f);
        if ((rtp.get(0) & 0x10) != 0) {
            if (offset + 4 > length) return -1;
            offset += 4 + 4 * (rtp.getShort(offset + 2) & 0xffff);
        }
        return offset > length ? -1 : offset;
    }

    /** Where the payload ends: before the padding (§5.1 P bit: the last byte counts it). */
    static int payloadEnd(ByteBuffer rtp) {
        int length = rtp.limit();
        if ((rtp.get(0) & 0x20) == 0) return length;
        return length - (rtp.get(length - 1) & 0xff);
    }
}
