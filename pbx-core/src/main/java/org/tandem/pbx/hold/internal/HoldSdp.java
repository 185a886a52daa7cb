package org.tandem.pbx.hold.internal;

import org.tandem.media.sdp.Direction;
import org.tandem.media.sdp.MediaDescription;
import org.tandem.media.sdp.SessionDescription;

/** What music on hold reads and rewrites in SDP, with the one SDP model. */
final class HoldSdp {

    private HoldSdp() {}

    /** RFC 3264 §8.4: an offer that puts the call on hold (sendonly, inactive, or RFC 2543's c=0.0.0.0). */
    static boolean isHold(String sdp) {
        return SessionDescription.parse(sdp).isHold();
    }

    /**
     * {@code holdOffer} with its audio streams moved to {@code host}:{@code port} and made {@code sendonly} (we send
     * music, the held phone sends nothing): the formats stay the holder's, so the held phone picks one it took before.
     * Other streams (video) keep the session's c= and their own direction.
     */
    static String pointAudioAt(String holdOffer, String host, int port) {
        SessionDescription sdp = SessionDescription.parse(holdOffer);
        Direction sessionWide = sdp.direction(); // the audio stream gets its own; the others keep this one
        sdp.removeDirection();
        for (MediaDescription m : sdp.media()) {
            if (m.type().equals("audio")) {
                m.setPort(port).setConnection(host).setDirection(Direction.SENDONLY);
                m.removeAttributes(
                        "rtcp"); // RFC 3605: the holder's RTCP port, not ours (ours is the next one, the default)
            } else if (sessionWide != null && m.direction() == null) {
                m.setDirection(sessionWide);
            }
        }
        return sdp.toString();
    }
}
