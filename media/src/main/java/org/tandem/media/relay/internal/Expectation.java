package org.tandem.media.relay.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * What one offer or answer told a leg about its party, and what the leg latched since. A new offer makes a new
 * expectation, so latching starts over (re-latch, as after a re-INVITE from a phone whose NAT mapping changed). The
 * latched addresses are written only by the leg's IO thread and read by others (stats, the other leg's sends).
 *
 * <p>The source latched under the previous expectation may latch again first (a hold, a resume, a codec change: the
 * party sends from where it did), but only provisionally: for {@link #RELEARN_NANOS} after the new offer or answer,
 * another source the party may latch from takes it over. A phone that moved sends from its new port at once, while
 * its old port's last packets may still wait in the relay's socket when the new offer arrives; one of them must not
 * hold the stream for the rest of the call (one-way audio). rtpengine's endpoint learning keeps the last source seen
 * in its first 3 s for the same reason.
 */
final class Expectation {

    final InetSocketAddress sdpRtp;
    final InetSocketAddress sdpRtcp;
    final boolean rtcpMux;
    private final InetAddress signallingSource;
    private final InetAddress sdpAddress;
    private final boolean latchAny;
    final int clockRate;
    final long sinceNanos;
    /** How long after a new offer or answer the previous expectation's source may be displaced. */
    static final long RELEARN_NANOS = 2_000_000_000L;

    private final InetSocketAddress previousRtp;
    private final InetSocketAddress previousRtcp;
    volatile InetSocketAddress latchedRtp;
    volatile InetSocketAddress latchedRtcp;

    Expectation(
            InetSocketAddress sdpRtp,
            InetSocketAddress sdpRtcp,
            boolean rtcpMux,
            InetAddress signallingSource,
            int clockRate,
            boolean latchAny,
            long sinceNanos,
            Expectation previous) {
        this.sdpRtp = sdpRtp;
        this.sdpRtcp = rtcpMux
                ? sdpRtp
                : sdpRtcp != null
                        ? sdpRtcp
                        : sdpRtp == null ? null : new InetSocketAddress(sdpRtp.getAddress(), sdpRtp.getPort() + 1);
        this.rtcpMux = rtcpMux;
        this.signallingSource = signallingSource;
        this.sdpAddress = sdpRtp == null ? null : sdpRtp.getAddress();
        this.latchAny = latchAny;
        this.clockRate = clockRate > 0 ? clockRate : 8000;
        this.sinceNanos = sinceNanos;
        this.previousRtp = previous == null ? null : previous.latchedRtp;
        this.previousRtcp = previous == null ? null : previous.latchedRtcp;
    }

    /**
     * Symmetric RTP without RTP bleed: only the party's own IPs (where its SIP came from, or what its SDP says) may
     * latch, unless the relay is set to latch any source.
     */
    boolean mayLatch(InetAddress source) {
        return latchAny || source.equals(signallingSource) || source.equals(sdpAddress);
    }

    /**
     * Whether a packet from {@code source}, not the {@code latched} one, takes the latch over: only while the latched
     * source is the one carried over from the previous expectation, within {@link #RELEARN_NANOS} of this one, and
     * from a source the party may latch from.
     */
    boolean displaces(boolean rtcp, InetSocketAddress latched, InetSocketAddress source, long now) {
        return latched.equals(rtcp ? previousRtcp : previousRtp)
                && now - sinceNanos < RELEARN_NANOS
                && mayLatch(source.getAddress());
    }

    /**
     * Where the party gets RTP: the source it sends from once latched, else its SDP address. Nowhere (null) when its
     * SDP said it takes nothing (c=0.0.0.0 or no stream: RFC 3264 §8.4), even if it sends itself.
     */
    InetSocketAddress rtpDestination() {
        if (sdpRtp == null) return null;
        InetSocketAddress latched = latchedRtp;
        return latched != null ? latched : sdpRtp;
    }

    /** Where the party gets RTCP: its own RTP flow when it multiplexes (RFC 5761), else its RTCP flow or address. */
    InetSocketAddress rtcpDestination() {
        if (sdpRtp == null) return null;
        if (rtcpMux) return rtpDestination();
        InetSocketAddress latched = latchedRtcp;
        return latched != null ? latched : sdpRtcp;
    }
}
