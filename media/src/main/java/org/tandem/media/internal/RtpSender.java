package org.tandem.media.internal;

import java.util.Arrays;
import java.util.function.Supplier;

/**
 * The outgoing half of an {@link RtpSession}: one frame per packetization time on the engine clock, silence when
 * nothing is playing, and the header fields that make it one RTP stream (RFC 3550 §5.1: random first sequence
 * number and timestamp, the marker on the first packet, the timestamp advancing by the samples sent, also over
 * frames that encode to nothing). Clock thread only, so it needs no lock; what to send comes from the session.
 */
final class RtpSender {

    /** Where a frame's samples come from: false when nothing is to be heard (the frame is then sent as silence). */
    interface FrameSource {
        boolean fill(short[] frame, int samples);
    }

    /** After a longer stall (a paused VM, a long GC) the clock starts again now rather than sending a burst. */
    private static final long MAX_LAG_NANOS = 200_000_000L;

    private final JitsiRtpTransport transport;
    private final Supplier<FrameCodec> coder;
    private final FrameSource source;
    private final long ssrc;
    private int sequence = (int) (Math.random() * 0xFFFF);
    private long timestamp = (long) (Math.random() * 0xFFFFFFFFL);
    private long nextSendAt;
    private boolean marker = true;
    private short[] frame = new short[480];
    private final byte[] payload = new byte[1500];

    /** @param coder the session's codec now (a re-INVITE may change it) */
    RtpSender(JitsiRtpTransport transport, Supplier<FrameCodec> coder, FrameSource source) {
        this.transport = transport;
        this.coder = coder;
        this.source = source;
        this.ssrc = transport.localSsrc() & 0xFFFFFFFFL;
    }

    /** Sends the frames due by {@code now}; nothing while the session does not send (held, or no address yet). */
    void tick(long now, OfferAnswer.Negotiated m) {
        long ptime = m.ptimeMs() * 1_000_000L;
        if (!m.weSend() || m.remoteRtp() == null) {
            nextSendAt = 0;
            return;
        }
        if (nextSendAt == 0 || now - nextSendAt > MAX_LAG_NANOS) nextSendAt = now;
        while (now - nextSendAt >= 0) {
            sendFrame(m);
            nextSendAt += ptime;
        }
    }

    private void sendFrame(OfferAnswer.Negotiated m) {
        int n = m.ptimeMs() * 8;
        if (frame.length < n) frame = new short[n];
        if (!source.fill(frame, n)) Arrays.fill(frame, 0, n, (short) 0);
        int length = coder.get().encode(frame, n, payload);
        if (length > 0) {
            transport.send(RtpPacket.build(m.payloadType(), marker, sequence, timestamp, ssrc, payload, length));
            marker = false;
            sequence = (sequence + 1) & 0xFFFF;
        }
        timestamp = (timestamp + m.codec().timestampStep(n)) & 0xFFFFFFFFL;
    }
}
