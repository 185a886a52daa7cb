package org.tandem.media.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Symmetric RTP for a media-service session: a party behind NAT names its private address in SDP, but its packets
 * arrive from its NAT's public address and port, and only packets sent back there reach it. The first RTP (and,
 * separately, RTCP) packet from the party's SIP or SDP IP latches the send target onto its real source; strangers
 * never move it (no RTP bleed). A new offer (re-INVITE) starts over. Called on libjitsi's receive threads and the
 * call's stripe; the latched addresses are volatile and each is set once per offer.
 */
final class SymmetricRtp {

    private final InetAddress signallingSource;
    private final JitsiRtpTransport transport;
    private volatile OfferAnswer.Negotiated offer;
    private volatile InetSocketAddress rtp;
    private volatile InetSocketAddress rtcp;

    SymmetricRtp(InetAddress signallingSource, OfferAnswer.Negotiated offer, JitsiRtpTransport transport) {
        this.signallingSource = signallingSource;
        this.offer = offer;
        this.transport = transport;
    }

    synchronized void newOffer(OfferAnswer.Negotiated n) {
        offer = n;
        rtp = null;
        rtcp = null;
        transport.target(firstRtpTarget(), firstRtcpTarget());
    }

    /**
     * Where to send before the party's own packets show where it is. A party whose SDP names a private address
     * (RFC 1918, RFC 6598, RFC 4193) while its SIP comes from a public one is behind NAT: its private address is
     * unreachable from here (every packet would fail with "network unreachable"), so the first guess is its NAT's
     * public address with the SDP's ports, which is right for NATs that keep the port; latching corrects the rest.
     */
    InetSocketAddress firstRtpTarget() {
        OfferAnswer.Negotiated n = offer;
        return behindNat(n.remoteRtp())
                ? new InetSocketAddress(signallingSource, n.remoteRtp().getPort())
                : n.remoteRtp();
    }

    InetSocketAddress firstRtcpTarget() {
        OfferAnswer.Negotiated n = offer;
        return behindNat(n.remoteRtcp())
                ? new InetSocketAddress(signallingSource, n.remoteRtcp().getPort())
                : n.remoteRtcp();
    }

    private boolean behindNat(InetSocketAddress sdpTarget) {
        if (sdpTarget == null || signallingSource == null || sdpTarget.getAddress() == null) return false;
        InetAddress sdp = sdpTarget.getAddress();
        return isPrivate(sdp)
                && !isPrivate(signallingSource)
                && !signallingSource.isLoopbackAddress()
                && !sdp.equals(signallingSource);
    }

    private static boolean isPrivate(InetAddress a) {
        byte[] b = a.getAddress();
        boolean cgnat = b.length == 4 && (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64;
        boolean uniqueLocal = b.length == 16 && (b[0] & 0xfe) == 0xfc;
        return a.isSiteLocalAddress() || a.isLinkLocalAddress() || cgnat || uniqueLocal;
    }

    void rtpFrom(InetAddress address, int port) {
        if (rtp != null || !allowed(address)) return;
        latch(new InetSocketAddress(address, port), true);
    }

    void rtcpFrom(InetAddress address, int port) {
        if (rtcp != null || !allowed(address)) return;
        latch(new InetSocketAddress(address, port), false);
    }

    private synchronized void latch(InetSocketAddress source, boolean isRtp) {
        OfferAnswer.Negotiated n = offer;
        if (n.remoteRtp() == null) return; // c=0.0.0.0: the party takes nothing (RFC 3264 §8.4)
        if (isRtp) {
            if (rtp != null) return;
            rtp = source;
        } else {
            if (rtcp != null) return;
            rtcp = source;
        }
        InetSocketAddress toRtp = rtp != null ? rtp : n.remoteRtp();
        // RTCP not seen yet: the SDP's (RFC 3605 a=rtcp), unless the RTP source shows a NAT between us, whose RTCP
        // mapping is then best guessed next to the RTP one
        boolean natted = rtp != null && !rtp.equals(n.remoteRtp());
        InetSocketAddress toRtcp = rtcp != null
                ? rtcp
                : natted ? new InetSocketAddress(rtp.getAddress(), rtp.getPort() + 1) : n.remoteRtcp();
        if (toRtp.equals(n.remoteRtp()) && toRtcp.equals(n.remoteRtcp())) return; // no NAT: nothing to change
        transport.target(toRtp, toRtcp);
    }

    private boolean allowed(InetAddress address) {
        OfferAnswer.Negotiated n = offer;
        return address.equals(signallingSource)
                || (n.remoteRtp() != null && address.equals(n.remoteRtp().getAddress()));
    }
}
