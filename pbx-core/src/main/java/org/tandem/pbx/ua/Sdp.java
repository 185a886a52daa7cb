package org.tandem.pbx.ua;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.tandem.media.InvalidSdpException;
import org.tandem.media.sdp.Direction;
import org.tandem.media.sdp.MediaDescription;
import org.tandem.media.sdp.SessionDescription;

/**
 * The little SDP a user agent without media needs, written with the one SDP model: an answer that declines every
 * offered stream (RFC 3264 §6: port zero, the offered formats kept), an inactive offer, the shape of an offer.
 */
public final class Sdp {

    private Sdp() {}

    /** An answer to {@code offer} that declines all of its media streams (one declined PCMU stream if it has none). */
    public static String declineAll(byte[] offer, String host) {
        SessionDescription answer = SessionDescription.create("tandem", 1, 1, "-", host);
        try {
            for (MediaDescription m : SessionDescription.parse(new String(offer, StandardCharsets.UTF_8))
                    .media()) {
                answer.add(m.rejected());
            }
        } catch (InvalidSdpException e) {
            // an offer we cannot read is declined as a whole, like one without streams
        }
        if (answer.media().isEmpty()) answer.add(MediaDescription.create("audio", 0, "RTP/AVP", List.of("0")));
        return answer.toString();
    }

    /** An offer of one inactive PCMU stream (for an INVITE without an offer). */
    public static String inactiveOffer(String host) {
        return SessionDescription.create("tandem", 1, 1, "-", host)
                .add(MediaDescription.create("audio", 9, "RTP/AVP", List.of("0"))
                        .setDirection(Direction.INACTIVE))
                .toString();
    }

    /**
     * The engine answers offers only: to make an offer of its own, a user agent gives it the shape of the offer it
     * wants to make (PCMU, PCMA, RFC 4733 events, the far end's address); the engine's answer is the offer, and the
     * far end's answer then sets the session's far end.
     */
    static String offerShape(String farEndAddress) {
        return SessionDescription.create("tandem", 1, 1, "-", farEndAddress)
                .add(MediaDescription.create("audio", 9, "RTP/AVP", List.of("0", "8", "101"))
                        .addAttribute("rtpmap", "0 PCMU/8000")
                        .addAttribute("rtpmap", "8 PCMA/8000")
                        .addAttribute("rtpmap", "101 telephone-event/8000")
                        .addAttribute("fmtp", "101 0-16"))
                .toString();
    }
}
