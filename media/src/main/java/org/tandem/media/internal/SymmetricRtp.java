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
        transport.target(n.remoteRtp(), n.remoteRtcp());
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
        InetSocketAddress toRtcp = rtcp != null ? rtcp
                : natted ? new InetSocketAddress(rtp.getAddress(), rtp.getPort() + 1) : n.remoteRtcp();
        if (toRtp.equals(n.remoteRtp()) && toRtcp.equals(n.remoteRtcp())) return; // no NAT: nothing to change
        transport.target(toRtp, toRtcp);
    }

    private boolean allowed(InetAddress address) {
        OfferAnswer.Negotiated n = offer;
        return address.equals(signallingSource) || (n.remoteRtp() != null && address.equals(n.remoteRtp().getAddress()));
    }
}
