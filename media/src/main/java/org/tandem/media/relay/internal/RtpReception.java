package org.tandem.media.relay.internal;

/**
 * Loss and jitter of one received RTP stream (RFC 3550 A.1 sequence tracking, A.3 expected/lost, A.8 interarrival
 * jitter), updated by the one IO thread that receives it; read from elsewhere as volatile snapshots.
 */
final class RtpReception {

    private static final int MAX_DROPOUT = 3000;
    private static final int MAX_MISORDER = 100;

    private boolean started;
    private long ssrc;
    private int maxSeq;
    private long cycles;
    private long baseSeq;
    private long received;
    private long lastTransit;
    private double jitter; // in timestamp units
    private volatile long lost;
    private volatile double jitterMillis;

    /** One RTP packet ({@code seq}, {@code timestamp}, {@code ssrc}) arrived at {@code arrivalNanos}. */
    void received(int seq, long timestamp, long packetSsrc, long arrivalNanos, int clockRate) {
        if (!started || packetSsrc != ssrc) { // a new source starts a new count (RFC 3550 §8.2)
            started = true;
            ssrc = packetSsrc;
            maxSeq = seq;
            baseSeq = seq;
            cycles = 0;
            received = 0;
            jitter = 0;
            lastTransit = Long.MIN_VALUE;
        }
        int delta = (seq - maxSeq) & 0xffff;
        if (delta < MAX_DROPOUT) {
            if (seq < maxSeq) cycles += 1 << 16; // wrapped
            maxSeq = seq;
        } else if (delta <= 0x10000 - MAX_MISORDER) {
            // a very large jump: the sender restarted; count from here
            baseSeq = seq;
            maxSeq = seq;
            cycles = 0;
            received = 0;
        } // else: a duplicate or late packet
        received++;
        long arrival = arrivalNanos / 1_000_000L * clockRate / 1000L; // in timestamp units
        long transit = arrival - timestamp;
        if (lastTransit != Long.MIN_VALUE) {
            long d = Math.abs(transit - lastTransit);
            jitter += (d - jitter) / 16.0; // A.8
        }
        lastTransit = transit;
        long expected = cycles + maxSeq - baseSeq + 1;
        lost = Math.max(0, expected - received);
        jitterMillis = jitter * 1000.0 / clockRate;
    }

    long lost() {
        return lost;
    }

    double jitterMillis() {
        return jitterMillis;
    }
}
