package org.tandem.media.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * Symmetric RTP for a media-service session: a party behind NAT names its private address in SDP, but its packets
 * arrive from its NAT's public address and port, and only packets sent back there reach it. The first RTP (and,
 * separately, RTCP) packet from the party's SIP or SDP IP latches the send target onto its real source; strangers
 * never move it (no RTP bleed). One exception: a packet from exactly the address and port the SDP names is the party
 * itself, and takes the target back from a source latched before it. Several hosts can send from the party's IP (a
 * NAT shared by two phones, the loopback of tests): a late packet of an earlier call to this reused port, arriving
 * before the party's first one, latched the session onto the earlier call's phone, and the party heard nothing (a
 * conference test beside other test JVMs, session 31). A new offer (re-INVITE) starts over. Called on libjitsi's
 * receive threads and the call's stripe; the latched addresses are volatile and set at most twice per offer.
 */
final class SymmetricRtp {

    private final InetAddress signallingSource;
    /** Where RTP and RTCP are sent (JitsiRtpTransport#target). */
    private final BiConsumer<InetSocketAddress, InetSocketAddress> transport;

    private volatile OfferAnswer.Negotiated offer;
    private volatile InetSocketAddress rtp;
    private volatile InetSocketAddress rtcp;
    /** Latched onto another source than the SDP's own address and port, which may still take the target back. */
    private volatile boolean rtpElsewhere;

    private volatile boolean rtcpElsewhere;
    /** The targets in effect (guarded by this). */
    private InetSocketAddress toRtp;

    private InetSocketAddress toRtcp;

    SymmetricRtp(
            InetAddress signallingSource,
            OfferAnswer.Negotiated offer,
            BiConsumer<InetSocketAddress, InetSocketAddress> transport) {
        this.signallingSource = signallingSource;
        this.offer = offer;
        this.transport = transport;
        this.toRtp = firstRtpTarget();
        this.toRtcp = firstRtcpTarget();
    }

    synchronized void newOffer(OfferAnswer.Negotiated n) {
        offer = n;
        rtp = null;
        rtcp = null;
        rtpElsewhere = false;
        rtcpElsewhere = false;
        toRtp = firstRtpTarget();
        toRtcp = firstRtcpTarget();
        transport.accept(toRtp, toRtcp);
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
        if (rtp != null) {
            if (rtpElsewhere && isSdpOwn(offer.remoteRtp(), address, port)) latch(offer.remoteRtp(), true);
            return;
        }
        if (allowed(address)) latch(new InetSocketAddress(address, port), true);
    }

    void rtcpFrom(InetAddress address, int port) {
        if (rtcp != null) {
            if (rtcpElsewhere && isSdpOwn(offer.remoteRtcp(), address, port)) latch(offer.remoteRtcp(), false);
            return;
        }
        if (allowed(address)) latch(new InetSocketAddress(address, port), false);
    }

    private static boolean isSdpOwn(InetSocketAddress sdp, InetAddress address, int port) {
        return sdp != null && sdp.getPort() == port && address.equals(sdp.getAddress());
    }

    /** Sets the RTP (or RTCP) target to {@code source}: the first one allowed, or the SDP's own over another. */
    private synchronized void latch(InetSocketAddress source, boolean isRtp) {
        OfferAnswer.Negotiated n = offer;
        if (n.remoteRtp() == null) return; // c=0.0.0.0: the party takes nothing (RFC 3264 §8.4)
        if (isRtp) {
            if (rtp != null && !rtpElsewhere) return;
            rtp = source;
            rtpElsewhere = !source.equals(n.remoteRtp());
        } else {
            if (rtcp != null && !rtcpElsewhere) return;
            rtcp = source;
            rtcpElsewhere = !source.equals(n.remoteRtcp());
        }
        InetSocketAddress nextRtp = rtp != null ? rtp : n.remoteRtp();
        // RTCP not seen yet: the SDP's (RFC 3605 a=rtcp), unless the RTP source shows a NAT between us, whose RTCP
        // mapping is then best guessed next to the RTP one
        boolean natted = rtp != null && !rtp.equals(n.remoteRtp());
        InetSocketAddress nextRtcp = rtcp != null
                ? rtcp
                : natted ? new InetSocketAddress(rtp.getAddress(), rtp.getPort() + 1) : n.remoteRtcp();
        if (nextRtp.equals(toRtp) && Objects.equals(nextRtcp, toRtcp)) return; // nothing to change
        toRtp = nextRtp;
        toRtcp = nextRtcp;
        transport.accept(nextRtp, nextRtcp);
    }

    private boolean allowed(InetAddress address) {
        OfferAnswer.Negotiated n = offer;
        return address.equals(signallingSource)
                || (n.remoteRtp() != null && address.equals(n.remoteRtp().getAddress()));
    }
}
