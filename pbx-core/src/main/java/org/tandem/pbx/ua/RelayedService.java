package org.tandem.pbx.ua;

import java.util.List;
import java.util.Locale;
import org.tandem.media.InvalidSdpException;
import org.tandem.media.relay.Side;
import org.tandem.media.sdp.MediaDescription;
import org.tandem.media.sdp.SessionDescription;
import org.tandem.media.srtp.SdesException;
import org.tandem.pbx.anchor.MediaAnchor;
import org.tandem.pbx.anchor.MediaAnchor.Party;

/**
 * A media-service call (voicemail, IVR, conference, park) from a WebRTC party (issue 16): the engine speaks plain RTP
 * only, so the call goes through the relay, which answers the browser as ICE-lite, terminates its DTLS-SRTP and hands
 * the engine plain RTP — the browser is the caller face, the engine the callee face, as for a call to a desk phone.
 * Used on the call's stripe only.
 */
final class RelayedService {

    private final MediaAnchor anchor;
    private final String callId;
    private final String callerTag;
    private final Party caller;
    private final Party service;

    private RelayedService(MediaAnchor anchor, String callId, String callerTag, Party caller, Party service) {
        this.anchor = anchor;
        this.callId = callId;
        this.callerTag = callerTag;
        this.caller = caller;
        this.service = service;
    }

    /** A relayed leg when {@code offer} is WebRTC's (UDP/TLS/RTP/SAVPF on its first audio stream); else null. */
    static RelayedService forOffer(
            MediaAnchor anchor, String offer, String callId, String callerTag, Party caller, String engineHost) {
        if (anchor == null || !isWebRtc(offer)) return null;
        return new RelayedService(anchor, callId, callerTag, caller, new Party(engineHost, engineHost));
    }

    static boolean isWebRtc(String sdp) {
        try {
            MediaDescription audio = SessionDescription.parse(sdp).firstAudio();
            return audio != null
                    && audio.port() != 0
                    && audio.proto().toUpperCase(Locale.ROOT).startsWith("UDP/TLS/RTP/");
        } catch (InvalidSdpException e) {
            return false; // the engine says what is wrong with it
        }
    }

    /**
     * The caller's offer as the engine gets it: plain RTP, pointed at the relay's face for the engine.
     *
     * @throws SdesException the offer is not acceptable, or the relay is off (tandem.media.relay=never): answer 488
     */
    String offerToEngine(String offer) {
        String plain = anchor.offerToNewCall(callId, callerTag, caller, List.of(service), List.of(), offer);
        if (plain == null) {
            throw new SdesException(
                    "a browser's media (WebRTC: DTLS-SRTP) reaches the voicemail, IVR and conference only "
                            + "through the media relay, and it is off (tandem.media.relay=never)");
        }
        return anchor.offerSeenBy(callId, plain, service);
    }

    /** The engine's answer as the browser gets it: WebRTC (the relay's ICE-lite, fingerprint, a=setup:passive). */
    String answerToCaller(String engineAnswer) {
        return anchor.passing(callId, Side.CALLEE, service, caller, engineAnswer);
    }

    /** A re-offer of the caller's (hold, resume) as the engine gets it; the engine's answer goes back by {@link #answerToCaller}. */
    String reOfferToEngine(String offer) {
        String plain = anchor.passing(callId, Side.CALLER, caller, service, offer);
        return plain == null ? offer : plain;
    }

    /** The call is over: the relay's ports are freed. */
    void ended(String why) {
        anchor.ended(callId, why);
    }
}
