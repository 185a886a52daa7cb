package org.tandem.media.relay.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * What one offer or answer told a leg about its party, and what the leg latched since. A new offer makes a new
 * expectation, so latching starts over (re-latch, as after a re-INVITE from a phone whose NAT mapping changed). The
 * latched addresses are written only by the leg's IO thread and read by others (stats, the other leg's sends).
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
    volatile InetSocketAddress latchedRtp;
    volatile InetSocketAddress latchedRtcp;

    Expectation(
            InetSocketAddress sdpRtp,
            InetSocketAddress sdpRtcp,
            boolean rtcpMux,
            InetAddress signallingSource,
            int clockRate,
            boolean latchAny,
            long sinceNanos) {
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
    }

    /**
     * Symmetric RTP without RTP bleed: only the party's own IPs (where its SIP came from, or what its SDP says) may
     * latch, unless the relay is set to latch any source.
     */
    boolean mayLatch(InetAddress source) {
        return latchAny || source.equals(signallingSource) || source.equals(sdpAddress);
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
