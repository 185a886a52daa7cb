package org.tandem.media.ice;

import java.util.List;
import org.tandem.media.sdp.MediaDescription;
import org.tandem.media.sdp.SdpLine;
import org.tandem.media.sdp.SessionDescription;

/**
 * Writes the ICE lines of an ICE-lite answer (RFC 8839) into the one SDP model: {@code a=ice-lite} at session level
 * (§5.3), and per stream {@code a=ice-ufrag}, {@code a=ice-pwd} (§5.4), one {@code a=candidate} per component (§5.1)
 * and {@code a=end-of-candidates} (a lite agent has no more to trickle, RFC 8840 §8.2). ICE lines the answer already
 * carries (copied from an offer) are replaced, never kept beside ours. Not thread-safe, like the SDP model.
 */
public final class IceLiteSdp {

    private static final List<String> ICE_ATTRIBUTES =
            List.of("ice-ufrag", "ice-pwd", "candidate", "end-of-candidates", "remote-candidates", "ice-options");

    private IceLiteSdp() {}

    /**
     * Makes {@code m} of {@code answer} an ICE-lite stream with {@code local} credentials and one candidate of
     * {@code type} per component at {@code address}: component 1 (RTP) on {@code rtpPort}, component 2 (RTCP) on
     * {@code rtcpPort} unless it is 0 (RTCP multiplexed, RFC 5761: one component only).
     */
    public static void answer(
            SessionDescription answer,
            MediaDescription m,
            IceCredentials local,
            IceCandidate.Type type,
            String address,
            int rtpPort,
            int rtcpPort) {
        markLite(answer);
        for (String name : ICE_ATTRIBUTES) m.removeAttributes(name);
        m.addAttribute("ice-ufrag", local.ufrag());
        m.addAttribute("ice-pwd", local.pwd());
        m.addAttribute("candidate", IceCandidate.of(type, 1, address, rtpPort).toAttributeValue());
        if (rtcpPort != 0)
            m.addAttribute(
                    "candidate", IceCandidate.of(type, 2, address, rtcpPort).toAttributeValue());
        m.addAttribute("end-of-candidates", null);
    }

    /**
     * Session-level {@code a=ice-lite} (once), and no session-level ICE credentials or options left over from an
     * offer (each stream then says its own, RFC 8839 §5.4).
     */
    public static void markLite(SessionDescription answer) {
        for (String name : ICE_ATTRIBUTES) answer.removeAttributes(name);
        if (answer.attributes("ice-lite").isEmpty()) answer.sessionLines().add(new SdpLine('a', "ice-lite"));
    }

    /** True when the description is from an ICE-lite agent (RFC 8839 §5.3). */
    public static boolean isLite(SessionDescription sdp) {
        return !sdp.attributes("ice-lite").isEmpty();
    }

    /** The UDP host and relay candidates {@code m} offers, in order (others are skipped). */
    public static List<IceCandidate> candidates(MediaDescription m) {
        return m.attributes("candidate").stream()
                .map(IceCandidate::parse)
                .filter(c -> c != null)
                .toList();
    }
}
