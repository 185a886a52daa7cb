package org.tandem.pbx.ua;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.tandem.media.InvalidSdpException;
import org.tandem.media.sdp.Direction;
import org.tandem.media.sdp.MediaDescription;
import org.tandem.media.sdp.SessionDescription;

/**
 * The little SDP a user agent without media needs, written with the one SDP model: an answer that declines every
 * offered stream (RFC 3264 §6: port zero, the offered formats kept), or an inactive offer.
 */
public final class Sdp {

    private Sdp() {
    }

    /** An answer to {@code offer} that declines all of its media streams (one declined PCMU stream if it has none). */
    public static String declineAll(byte[] offer, String host) {
        SessionDescription answer = SessionDescription.create("tandem", 1, 1, "-", host);
        try {
            for (MediaDescription m : SessionDescription.parse(new String(offer, StandardCharsets.UTF_8)).media()) {
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
                .add(MediaDescription.create("audio", 9, "RTP/AVP", List.of("0")).setDirection(Direction.INACTIVE))
                .toString();
    }
}
