package org.tandem.media.relay.internal;

import java.nio.ByteBuffer;
import org.tandem.media.internal.AudioCodec;
import org.tandem.media.internal.FrameCodec;
import org.tandem.media.internal.RtpPacket;
import org.tandem.media.relay.Side;
import org.tandem.media.relay.Transcoding;

/**
 * Opus ↔ G.711 of one relayed stream ({@link Transcoding}), on the call's IO loop only. Towards the G.711 party every
 * Opus packet becomes one G.711 packet of the same duration; towards the Opus party G.711 audio is gathered into
 * 20 ms Opus frames (RFC 7587 §4.2: 20 ms is the default), so a phone's 10 or 30 ms packets are repacketised. The
 * engine's audio is 8 kHz (libopus resamples inside). Telephone-events (RFC 4733 §2.3) keep their event and flags;
 * their timestamp and duration are moved to the other clock. Comfort noise and unknown payload types are not
 * carried (neither party negotiated them with the other).
 */
final class OpusTranscoder implements AutoCloseable {

    /** Where an output packet goes: the loop encrypts it for the receiving face and sends it. */
    interface Emitter {
        void emit(ByteBuffer rtp);
    }

    static final int FRAME_SAMPLES = 160; // 20 ms at 8 kHz

    final Transcoding transcoding;
    private final Direction toG711;
    private final Direction toOpus;
    private final FrameCodec opus;
    private final AudioCodec g711;
    private final byte[] encoded = new byte[1500]; // one Opus frame out; the IO loop is this coder's only thread

    OpusTranscoder(Transcoding transcoding) {
        this.transcoding = transcoding;
        this.opus = AudioCodec.OPUS.newFrameCodec();
        this.g711 = transcoding.g711PayloadType() == 0 ? AudioCodec.PCMU : AudioCodec.PCMA;
        this.toG711 = new Direction(6, 1, true);
        this.toOpus = new Direction(1, 6, false);
    }

    /**
     * A decrypted RTP packet {@code from} a party: converted for the other party and handed to {@code out} (none,
     * one, or for a repacketised phone stream two packets). Reads all of {@code rtp} before the first emit, so it may
     * live in the buffer the emitter encrypts into. Returns the G.711 audio of the packet as an RTP packet for a
     * recording (the input from the G.711 party, the output towards it), or null.
     */
    ByteBuffer convert(Side from, ByteBuffer rtp, Emitter out) {
        byte[] data = new byte[rtp.remaining()];
        rtp.get(rtp.position(), data);
        RtpPacket p = RtpPacket.parse(data, 0, data.length);
        if (p == null) return null;
        return from == transcoding.opusSide() ? fromOpus(p, out) : fromG711(p, ByteBuffer.wrap(data), out);
    }

    private ByteBuffer fromOpus(RtpPacket p, Emitter out) {
        Direction d = toG711;
        d.observe(p);
        if (p.payloadType() == transcoding.opusEventPayloadType() && transcoding.g711EventPayloadType() >= 0) {
            out.emit(d.event(p, transcoding.g711EventPayloadType()));
            return null;
        }
        if (p.payloadType() != transcoding.opusPayloadType()) return null;
        short[] pcm = opus.decode(p.buffer(), p.payloadOffset(), p.payloadLength());
        if (pcm.length == 0) return null; // not decodable: the far end's jitter buffer conceals the gap
        byte[] payload = new byte[pcm.length];
        g711.encode(pcm, pcm.length, payload, 0);
        ByteBuffer packet = d.packet(p, transcoding.g711PayloadType(), p.timestamp(), payload, payload.length);
        // the recorder's copy of the bytes: sending mixes an announcement into the packet in place
        ByteBuffer copy =
                ByteBuffer.allocate(packet.remaining()).put(packet.duplicate()).flip();
        out.emit(packet);
        return copy;
    }

    private ByteBuffer fromG711(RtpPacket p, ByteBuffer input, Emitter out) {
        Direction d = toOpus;
        d.observe(p);
        if (p.payloadType() == transcoding.g711EventPayloadType() && transcoding.opusEventPayloadType() >= 0) {
            out.emit(d.event(p, transcoding.opusEventPayloadType()));
            return null;
        }
        if (p.payloadType() != transcoding.g711PayloadType()) return null;
        short[] pcm = g711.decode(p.buffer(), p.payloadOffset(), p.payloadLength());
        d.gather(p, pcm, (start, frame) -> {
            int n = opus.encode(frame, FRAME_SAMPLES, encoded);
            if (n > 0) out.emit(d.packet(p, transcoding.opusPayloadType(), start, encoded, n));
        });
        return input;
    }

    @Override
    public void close() {
        opus.close();
    }

    /**
     * One direction's output stream: its sequence numbers, its timestamps (the input's, scaled to the output clock
     * from where the stream began), and for the way to Opus the samples waiting to fill a frame.
     */
    static final class Direction {
        private final int divide;
        private final int multiply;
        private final boolean keepGaps;
        private boolean started;
        private long inBase;
        private long outBase;
        private int lastInSeq;
        private int outSeq;
        private boolean markerPending;
        // towards Opus: samples gathered, and the input timestamp of the first of them
        private final short[] pending = new short[FRAME_SAMPLES];
        private int pendingCount;
        private long pendingStart;
        private boolean gathering;
        private long nextInput; // the timestamp the next input packet should have

        Direction(int divide, int multiply, boolean keepGaps) {
            this.divide = divide;
            this.multiply = multiply;
            this.keepGaps = keepGaps;
        }

        /** The output timestamp of input timestamp {@code in} (mod 2^32: a 32-bit difference, RFC 3550 §5.1). */
        long timestamp(long in) {
            long delta = (int) (in - inBase); // signed: a late packet maps before a newer one
            long out = (outBase + Math.floorDiv(delta * multiply, divide)) & 0xffffffffL;
            if (Math.abs(delta) > (1L << 29)) { // hours into the call: re-base before the 32-bit difference wraps
                inBase = in;
                outBase = out;
            }
            return out;
        }

        /**
         * Every input packet of this direction, in arrival order: where the one-to-one way (to G.711) keeps the
         * input's gaps in its sequence numbers, so the receiver still sees a loss (RFC 3550 §6.4.1).
         */
        void observe(RtpPacket p) {
            if (!started) {
                started = true;
                inBase = p.timestamp();
                outBase = Math.floorDiv(p.timestamp() * multiply, divide) & 0xffffffffL;
                outSeq = (p.sequenceNumber() - 1) & 0xffff;
                lastInSeq = (p.sequenceNumber() - 1) & 0xffff;
            }
            int gap = (short) (p.sequenceNumber() - lastInSeq);
            if (gap <= 0) return; // late or repeated: takes the next number
            lastInSeq = p.sequenceNumber();
            if (keepGaps && gap > 1 && gap < 100) outSeq = (outSeq + gap - 1) & 0xffff;
        }

        ByteBuffer packet(RtpPacket in, int payloadType, long inTimestamp, byte[] payload, int length) {
            outSeq = (outSeq + 1) & 0xffff;
            int seq = outSeq;
            boolean marker = in.marker() || markerPending;
            markerPending = false;
            return ByteBuffer.wrap(
                    RtpPacket.build(payloadType, marker, seq, timestamp(inTimestamp), in.ssrc(), payload, length));
        }

        /** RFC 4733 §2.3: the event, E/R/volume as sent; timestamp and duration in the output clock. */
        ByteBuffer event(RtpPacket in, int payloadType) {
            byte[] payload = new byte[Math.max(4, in.payloadLength())];
            System.arraycopy(in.buffer(), in.payloadOffset(), payload, 0, Math.min(in.payloadLength(), payload.length));
            int duration = ((payload[2] & 0xff) << 8) | (payload[3] & 0xff);
            duration = (int) Math.min(0xffff, (long) duration * multiply / divide);
            payload[2] = (byte) (duration >> 8);
            payload[3] = (byte) duration;
            return packet(in, payloadType, in.timestamp(), payload, 4);
        }

        interface FrameSink {
            void frame(long inputTimestamp, short[] samples);
        }

        /**
         * Adds {@code pcm} (input timestamp {@code in.timestamp()}) to the frame being filled; hands each full 20 ms
         * frame to {@code sink}. A jump in the input's timestamps (loss, silence suppression) drops the partial frame
         * and starts again at the new packet, and the next packet out carries the marker bit (RFC 3551 §4.1).
         */
        void gather(RtpPacket in, short[] pcm, FrameSink sink) {
            if (gathering && in.timestamp() != nextInput) { // a jump: loss, or the phone stopped talking (VAD)
                pendingCount = 0;
                markerPending = true;
            }
            gathering = true;
            nextInput = (in.timestamp() + pcm.length) & 0xffffffffL;
            if (pendingCount == 0) pendingStart = in.timestamp();
            int i = 0;
            while (i < pcm.length) {
                int n = Math.min(FRAME_SAMPLES - pendingCount, pcm.length - i);
                System.arraycopy(pcm, i, pending, pendingCount, n);
                pendingCount += n;
                i += n;
                if (pendingCount == FRAME_SAMPLES) {
                    sink.frame(pendingStart, pending);
                    pendingStart = (pendingStart + FRAME_SAMPLES) & 0xffffffffL;
                    pendingCount = 0;
                }
            }
        }
    }
}
