package org.tandem.pbx.anchor.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.tandem.media.InvalidSdpException;
import org.tandem.media.ice.IceCandidate;
import org.tandem.media.ice.IceCredentials;
import org.tandem.media.ice.IceLiteSdp;
import org.tandem.media.sdp.Direction;
import org.tandem.media.sdp.MediaDescription;
import org.tandem.media.sdp.MediaLine;
import org.tandem.media.sdp.ScannedMedia;
import org.tandem.media.sdp.SessionDescription;
import org.tandem.pbx.sip.IpLiterals;

/**
 * What the relay needs from each stream of a party's SDP, and that SDP pointed at the relay, with the one SDP model.
 * Every RTP m-line (audio, video, a second audio) is relayed on ports of its own. An m-line with port 0 stays port 0
 * (a declined or removed stream stays so, RFC 3264 §6, §8.2), and so does every m-line that carries no RTP (e.g.
 * {@code m=application ... UDP/BFCP}, {@code TCP/MSRP}, a data channel): the relay copies RTP/RTCP datagrams only, and
 * such a stream must not carry the party's own address past the relay, so it is declined (port 0) instead.
 */
final class AnchoredSdp {

    /** ICE attributes name the party's own candidates (RFC 8839 §5): they must not reach the other side. */
    private static final List<String> ICE = List.of(
            "candidate",
            "remote-candidates",
            "ice-ufrag",
            "ice-pwd",
            "ice-options",
            "ice-lite",
            "ice-mismatch",
            "end-of-candidates",
            "ice-pacing");

    private static final String ANY = "0.0.0.0";

    /**
     * One stream of the party as its SDP states it.
     *
     * @param rtp   where it receives RTP; null when it receives nothing (c=0.0.0.0)
     * @param rtcp  where it receives RTCP (RFC 3605 a=rtcp, else RTP + 1, RFC 3550 §11)
     * @param sends    the party will send RTP (sendrecv or sendonly)
     * @param receives the party takes RTP (sendrecv or recvonly, and not c=0.0.0.0): else the other party is held
     *                 (RFC 3264 §8.4), and its silence is no dead stream
     */
    record PartyMedia(
            InetSocketAddress rtp,
            InetSocketAddress rtcp,
            boolean rtcpMux,
            int clockRate,
            boolean sends,
            boolean receives) {}

    private AnchoredSdp() {}

    /** True for an m-line the relay carries: an RTP profile with a port other than 0. */
    static boolean relayed(MediaLine m) {
        return m.port() != 0 && m.isRtp();
    }

    /**
     * The position of the m-line the call's primary stream belongs to: the first relayed audio, else the first relayed
     * m-line of any kind; -1 when none is relayed.
     */
    static int primaryIndex(SessionDescription sdp) {
        return primaryIndex(sdp.media());
    }

    /** {@link #primaryIndex(SessionDescription)} of m-lines parsed or {@link SessionDescription#scanMedia scanned}. */
    static int primaryIndex(List<? extends MediaLine> media) {
        for (int i = 0; i < media.size(); i++) {
            if (relayed(media.get(i)) && media.get(i).type().equals("audio")) return i;
        }
        for (int i = 0; i < media.size(); i++) {
            if (relayed(media.get(i))) return i;
        }
        return -1;
    }

    /** The connection address of the primary stream (what says whether the party is behind NAT), or null. */
    static String primaryAddress(SessionDescription sdp) {
        int i = primaryIndex(sdp);
        return i < 0 ? null : sdp.connectionOf(sdp.media().get(i));
    }

    /** {@link #primaryAddress(SessionDescription)} of an offer's {@link SessionDescription#scanMedia scanned} m-lines. */
    static String primaryAddress(List<ScannedMedia> media) {
        int i = primaryIndex(media);
        return i < 0 ? null : media.get(i).connection();
    }

    /** Stream {@code m} (a {@link #relayed} one) of {@code sdp} as the party states it. */
    static PartyMedia partyMedia(SessionDescription sdp, MediaDescription m) {
        String address = sdp.connectionOf(m);
        if (address == null) {
            throw new InvalidSdpException("no c= line for the " + m.type() + " stream (RFC 4566 §5.7)");
        }
        InetAddress ip = numeric(address);
        Direction direction = sdp.directionOf(m);
        if (ip.isAnyLocalAddress() && iceOf(sdp, m) != null) {
            // RFC 8839 §4.2.1.3 (trickle ICE, RFC 8838 §5.1): c=0.0.0.0 and port 9 are no hold but "see the
            // candidates"; the party is reached where its best UDP candidate says until its nominated check latches
            InetSocketAddress best = bestUdpCandidate(m);
            return new PartyMedia(best, best, m.isRtcpMux(), clockRate(m), direction.sends(), direction.receives());
        }
        boolean nothingToUs = ip.isAnyLocalAddress();
        InetSocketAddress rtp = nothingToUs ? null : new InetSocketAddress(ip, m.port());
        InetSocketAddress rtcp = null;
        if (!nothingToUs) {
            String rtcpAddress = m.rtcpAddress();
            InetAddress rtcpIp =
                    rtcpAddress == null || numeric(rtcpAddress).isAnyLocalAddress() ? ip : numeric(rtcpAddress);
            int port = m.rtcpPort() > 0 ? m.rtcpPort() : m.port() + 1;
            rtcp = new InetSocketAddress(rtcpIp, port);
        }
        return new PartyMedia(
                rtp, rtcp, m.isRtcpMux(), clockRate(m), direction.sends(), direction.receives() && !nothingToUs);
    }

    /** The RTP component's UDP candidate of highest priority with a numeric address (RFC 8445 §5.1.2), or null. */
    private static InetSocketAddress bestUdpCandidate(MediaDescription m) {
        IceCandidate best = null;
        for (String value : m.attributes("candidate")) {
            try {
                IceCandidate c = IceCandidate.parse(value);
                if (c != null
                        && c.component() == 1
                        && IpLiterals.isIpLiteral(c.address())
                        && (best == null || c.priority() > best.priority())) {
                    best = c;
                }
            } catch (RuntimeException e) {
                // a TCP candidate, an mDNS name (.local), a malformed line: not a place to send to
            }
        }
        return best == null ? null : new InetSocketAddress(numeric(best.address()), best.port());
    }

    /**
     * {@code sdp} pointed at {@code relayAddress}: m-line i at {@code ports[i]} (RTCP on the next port), 0 declining
     * it; every c= moved to the relay unless it says 0.0.0.0 (an RFC 2543 hold stays a hold), o= and a=rtcp too; ICE
     * attributes and BUNDLE groups (RFC 9143: each stream has ports of its own now) removed.
     */
    static void pointAt(SessionDescription sdp, String relayAddress, int[] ports) {
        List<MediaDescription> media = sdp.media();
        boolean[] held = new boolean[media.size()];
        for (int i = 0; i < media.size(); i++) {
            // c=0.0.0.0 is a hold (RFC 3264 §8.4) unless the stream does ICE (then it means "see the candidates")
            held[i] = media.get(i).port() != 0
                    && ANY.equals(sdp.connectionOf(media.get(i)))
                    && iceOf(sdp, media.get(i)) == null;
        }
        for (int i = 0; i < media.size(); i++) {
            MediaDescription m = media.get(i);
            for (String attribute : ICE) m.removeAttributes(attribute);
            if (ports[i] == 0) {
                m.setPort(0);
                m.removeAttributes("rtcp"); // may name the party's address; meaningless on a disabled stream
                continue;
            }
            m.setPort(ports[i]);
            if (!m.attributes("rtcp").isEmpty()) m.setRtcp(ports[i] + 1, m.rtcpAddress() == null ? null : relayAddress);
        }
        for (String attribute : ICE) sdp.removeAttributes(attribute);
        sdp.removeAttributes("group");
        String session = sdp.connection();
        if (session != null && !ANY.equals(session)) sdp.setConnection(relayAddress);
        for (int i = 0; i < media.size(); i++) {
            MediaDescription m = media.get(i);
            String wanted = held[i] ? ANY : relayAddress;
            String own = m.connection();
            if (own != null) {
                if (!own.equals(wanted) && !(ports[i] == 0 && ANY.equals(own))) m.setConnection(wanted);
            } else if (ports[i] != 0 && !wanted.equals(sdp.connection())) {
                m.setConnection(wanted);
            }
        }
        sdp.setOriginAddress(relayAddress);
    }

    /**
     * For a receiver that does ICE on stream {@code m}: our side is ICE-lite (RFC 8445 §2.5) with one host candidate
     * per component, the relay's face at {@code relayAddress}:{@code relayPort} (RTCP on the next port unless
     * multiplexed).
     */
    static void offerIceLite(
            SessionDescription sdp, MediaDescription m, IceCredentials local, String relayAddress, int relayPort) {
        IceLiteSdp.answer(
                sdp, m, local, IceCandidate.Type.HOST, relayAddress, relayPort, m.isRtcpMux() ? 0 : relayPort + 1);
    }

    /** The ICE credentials of stream {@code m} (its own, or its session's), or null when it does not do ICE. */
    static IceCredentials iceOf(SessionDescription sdp, MediaDescription m) {
        boolean ice = m.hasIce() || !sdp.attributes("ice-ufrag").isEmpty();
        if (!ice) return null;
        try {
            return IceCredentials.of(sdp, m);
        } catch (RuntimeException e) {
            return null; // ICE attributes without usable credentials: treated as no ICE
        }
    }

    private static int clockRate(MediaDescription m) {
        // static payload types without rtpmap: audio's are 8 kHz but for a few, video's 90 kHz (RFC 3551 §6)
        int fallback = m.type().equals("video") ? 90_000 : 8000;
        Map<Integer, String> maps = m.rtpmaps();
        for (int pt : m.payloadTypes()) {
            String map = maps.get(pt);
            if (map == null) return fallback;
            String[] f = map.split("/");
            if (f.length >= 2 && !f[0].equalsIgnoreCase("telephone-event")) {
                try {
                    return Integer.parseInt(f[1].trim());
                } catch (NumberFormatException e) {
                    return fallback;
                }
            }
        }
        return fallback;
    }

    private static InetAddress numeric(String address) {
        // numeric addresses only: resolving a host name here would block the SIP stripe on DNS
        if (!IpLiterals.isIpLiteral(address)) {
            throw new InvalidSdpException("c= address '" + address + "' is not a numeric IP address");
        }
        try {
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new InvalidSdpException("bad c= address '" + address + "'");
        }
    }
}
