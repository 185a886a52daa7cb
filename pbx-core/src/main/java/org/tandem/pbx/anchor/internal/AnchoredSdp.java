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
import org.tandem.media.sdp.SessionDescription;

/**
 * What the relay needs from a party's SDP, and that SDP pointed at the relay, with the one SDP model. Only the first
 * audio stream is relayed; the party's other streams (video, a second audio) are disabled with port 0 (RFC 3264 §8.2
 * in an offer, §6 in an answer) rather than let them carry the party's own address past the relay.
 */
final class AnchoredSdp {

    /** ICE attributes name the party's own candidates (RFC 8839 §5): they must not reach the other side. */
    private static final List<String> ICE = List.of("candidate", "remote-candidates", "ice-ufrag", "ice-pwd",
            "ice-options", "ice-lite", "ice-mismatch", "end-of-candidates", "ice-pacing");

    /**
     * The party's media as its SDP states it.
     *
     * @param rtp   where it receives RTP; null when it receives nothing (c=0.0.0.0, port 0, no audio)
     * @param rtcp  where it receives RTCP (RFC 3605 a=rtcp, else RTP + 1, RFC 3550 §11)
     * @param sends    the party will send RTP (sendrecv or sendonly)
     * @param receives the party takes RTP (sendrecv or recvonly, and not c=0.0.0.0): else the other party is held
     *                 (RFC 3264 §8.4), and its silence is no dead stream
     */
    record PartyMedia(InetSocketAddress rtp, InetSocketAddress rtcp, boolean rtcpMux, int clockRate, boolean sends,
                      boolean receives) {
    }

    private AnchoredSdp() {
    }

    static PartyMedia partyMedia(SessionDescription sdp) {
        MediaDescription audio = sdp.firstAudio();
        if (audio == null) return new PartyMedia(null, null, false, 8000, false, false);
        String address = sdp.connectionOf(audio);
        if (address == null) throw new InvalidSdpException("no c= line for the audio stream (RFC 4566 §5.7)");
        InetAddress ip = numeric(address);
        Direction direction = sdp.directionOf(audio);
        boolean nothingToUs = ip.isAnyLocalAddress();
        InetSocketAddress rtp = nothingToUs ? null : new InetSocketAddress(ip, audio.port());
        InetSocketAddress rtcp = null;
        if (!nothingToUs) {
            String rtcpAddress = audio.rtcpAddress();
            InetAddress rtcpIp = rtcpAddress == null || numeric(rtcpAddress).isAnyLocalAddress() ? ip : numeric(rtcpAddress);
            int port = audio.rtcpPort() > 0 ? audio.rtcpPort() : audio.port() + 1;
            rtcp = new InetSocketAddress(rtcpIp, port);
        }
        return new PartyMedia(rtp, rtcp, audio.isRtcpMux(), clockRate(audio), direction.sends(),
                direction.receives() && !nothingToUs);
    }

    /**
     * {@code sdp} pointed at {@code relayAddress}:{@code relayPort} (RTCP on the next port): the first audio stream's
     * port, every c= (unless it says 0.0.0.0: an RFC 2543 hold stays a hold), o=, and a=rtcp; ICE attributes removed;
     * other streams disabled.
     */
    static void pointAt(SessionDescription sdp, String relayAddress, int relayPort) {
        MediaDescription audio = sdp.firstAudio();
        boolean oldHold = audio != null && "0.0.0.0".equals(sdp.connectionOf(audio));
        for (MediaDescription m : sdp.media()) {
            for (String attribute : ICE) m.removeAttributes(attribute);
            if (m != audio) {
                m.setPort(0);
                continue;
            }
            m.setPort(relayPort);
            if (!m.attributes("rtcp").isEmpty()) m.setRtcp(relayPort + 1, m.rtcpAddress() == null ? null : relayAddress);
        }
        for (String attribute : ICE) sdp.removeAttributes(attribute);
        sdp.removeAttributes("group"); // BUNDLE (RFC 9143) of streams we just disabled
        if (oldHold) {
            sdp.setOriginAddress(relayAddress);
        } else {
            sdp.setAllConnections(relayAddress);
            if (audio != null && audio.connection() == null && sdp.connection() == null) audio.setConnection(relayAddress);
        }
    }

    /**
     * For a receiver that does ICE: our side is ICE-lite (RFC 8445 §2.5) with one host candidate per component, the
     * relay's face at {@code relayAddress}:{@code relayPort} (RTCP on the next port unless multiplexed).
     */
    static void offerIceLite(SessionDescription sdp, IceCredentials local, String relayAddress, int relayPort) {
        MediaDescription audio = sdp.firstAudio();
        if (audio == null) return;
        IceLiteSdp.answer(sdp, audio, local, IceCandidate.Type.HOST, relayAddress, relayPort,
                audio.isRtcpMux() ? 0 : relayPort + 1);
    }

    /** The ICE credentials of the party's audio stream (or its session), or null when it does not do ICE. */
    static IceCredentials iceOf(SessionDescription sdp) {
        MediaDescription audio = sdp.firstAudio();
        if (audio == null) return null;
        boolean ice = audio.hasIce() || !sdp.attributes("ice-ufrag").isEmpty();
        if (!ice) return null;
        try {
            return IceCredentials.of(sdp, audio);
        } catch (RuntimeException e) {
            return null; // ICE attributes without usable credentials: treated as no ICE
        }
    }

    private static int clockRate(MediaDescription audio) {
        Map<Integer, String> maps = audio.rtpmaps();
        for (int pt : audio.payloadTypes()) {
            String map = maps.get(pt);
            if (map == null) return 8000; // static payload types 0-34 of audio are 8 kHz but for a few (RFC 3551 §6)
            String[] f = map.split("/");
            if (f.length >= 2 && !f[0].equalsIgnoreCase("telephone-event")) {
                try {
                    return Integer.parseInt(f[1].trim());
                } catch (NumberFormatException e) {
                    return 8000;
                }
            }
        }
        return 8000;
    }

    private static InetAddress numeric(String address) {
        // numeric addresses only: resolving a host name here would block the SIP stripe on DNS
        if (!address.matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
            throw new InvalidSdpException("c= address '" + address + "' is not a numeric IP address");
        }
        try {
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new InvalidSdpException("bad c= address '" + address + "'");
        }
    }
}
