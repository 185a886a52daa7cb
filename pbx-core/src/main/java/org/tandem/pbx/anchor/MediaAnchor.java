package org.tandem.pbx.anchor;

import java.util.List;
import java.util.Optional;
import org.tandem.media.relay.Side;
import org.tandem.pbx.call.CallMedia;

/**
 * Media anchoring for calls through the proxy (issue 20: phones behind NAT, providers on the internet). The proxy
 * shows it every SDP offer and answer it forwards; when the call is anchored the SDP is rewritten so that each party
 * sends its RTP to the appliance's relay and sees only the appliance's address, never the other party's (private) one.
 * Every method runs on the call's Call-ID stripe.
 */
public interface MediaAnchor {

    /** Nothing is anchored: SDP passes unchanged (tandem.media.relay=never, or no relay in this process). */
    MediaAnchor OFF = new MediaAnchor() {
        @Override
        public String offerToNewCall(
                String callId,
                String callerTag,
                Party caller,
                List<Party> callees,
                List<String> providers,
                String sdp) {
            return null;
        }

        @Override
        public String passing(String callId, Side from, Party sender, Party receiver, String sdp) {
            return null;
        }

        @Override
        public Side sideOf(String callId, String fromTag) {
            return null;
        }

        @Override
        public void ended(String callId, String why) {}

        @Override
        public boolean isAnchored(String callId) {
            return false;
        }
    };

    /**
     * True when {@code host} (an address the proxy sends to) is outside the local networks
     * ({@code tandem.media.local-networks}): a party there must not see the addresses of the office's phones.
     */
    default boolean isOutside(String host) {
        return false;
    }

    /**
     * Where a party is, as the proxy sees it: the host its SIP comes from (or goes to: its flow) and the host of its
     * Contact (what it thinks its address is). They differ for a phone behind NAT. {@code secure}: its SIP comes
     * over TLS (or WSS), so SDES keys may be given to it (RFC 4568 §8.3). {@code webSocket}: over WS or WSS, so it is
     * a browser and gets WebRTC media (ICE, DTLS-SRTP).
     */
    record Party(String signallingHost, String contactHost, boolean secure, boolean webSocket) {

        public Party(String signallingHost, String contactHost) {
            this(signallingHost, contactHost, false, false);
        }

        public Party(String signallingHost, String contactHost, boolean secure) {
            this(signallingHost, contactHost, secure, false);
        }

        /** A party whose SIP comes over WebSocket (RFC 7118): a browser, whose media is WebRTC (issue 16). */
        public static boolean isWebSocket(String transport) {
            return transport != null && (transport.equalsIgnoreCase("ws") || transport.equalsIgnoreCase("wss"));
        }

        /** True for the transports whose SDP an eavesdropper cannot read: TLS, WSS. */
        public static boolean isSecureTransport(String transport) {
            return transport != null && (transport.equalsIgnoreCase("tls") || transport.equalsIgnoreCase("wss"));
        }
    }

    /**
     * The caller's offer in a new call, before it is forked to {@code callees} (each branch's party). Decides whether
     * the call is anchored; when it is, opens the relay and returns the offer the callees get.
     *
     * @param callerTag     the From tag of the INVITE (tells later in-dialog requests' sides apart)
     * @param providers     for each branch to a trunk, the provider's host (null when unknown): a provider outside the
     *                      local networks has the call anchored
     * @param sdp           the offer, or null for an INVITE without one (the offer then comes in the 2xx)
     * @return the SDP to send instead, or null to forward it unchanged
     * @throws org.tandem.media.srtp.SdesException the offer's SRTP is not acceptable (tandem.media.srtp, keys over a
     *                      transport other than TLS, no usable a=crypto): the proxy answers 488
     */
    String offerToNewCall(
            String callId, String callerTag, Party caller, List<Party> callees, List<String> providers, String sdp);

    /**
     * {@link #offerToNewCall} for a call the recording rules are asked about (issue 18): a call to be recorded is
     * anchored whatever the NAT policy says (unless the relay is off), and recorded once the callee answers with
     * G.711 (ALWAYS), or from each key code its ON_DEMAND user dials to the next (issue 18).
     */
    default String offerToNewCall(
            String callId,
            String callerTag,
            Party caller,
            List<Party> callees,
            List<String> providers,
            String sdp,
            CallRecorder.Involved involved) {
        return offerToNewCall(callId, callerTag, caller, callees, providers, sdp);
    }

    /** True while the relay records this call. */
    default boolean isRecording(String callId) {
        return false;
    }

    /**
     * The operator starts ({@code start}) or stops recording an answered call (issue 18), by the path a party's key
     * code takes. On the call's stripe. {@link RecordingToggle#NOT_ANCHORED} when the relay does not carry the call.
     */
    default RecordingToggle record(String callId, boolean start) {
        return RecordingToggle.NOT_ANCHORED;
    }

    /**
     * The offer {@link #offerToNewCall} returned, as the callee at {@code receiver} must see it: pointed at the relay's
     * address that party reaches (a fork may ring phones in the office and outside it at once). Unchanged by default.
     */
    default String offerSeenBy(String callId, String offer, Party receiver) {
        return offer;
    }

    /**
     * Any other SDP passing through an anchored call: answers in 18x/2xx, offers and answers in re-INVITE, UPDATE,
     * PRACK, ACK. The relay learns {@code from}'s new address and the SDP is pointed at the relay's other leg.
     *
     * @return the SDP to send instead, or null (the call is not anchored: forward unchanged)
     * @throws org.tandem.media.srtp.SdesException an offer whose SRTP is not acceptable (RFC 4568 §7.1.4): nothing
     *                                             changed; answer the request 488 with the message as its reason
     */
    String passing(String callId, Side from, Party sender, Party receiver, String sdp);

    /** Which side sent a request of an anchored call with this From tag; null when the call is not anchored. */
    Side sideOf(String callId, String fromTag);

    /** The call is over (BYE, final failure, CANCEL): the relay's ports are freed. */
    void ended(String callId, String why);

    boolean isAnchored(String callId);

    /** What the relay has received from each party of an anchored call so far (live calls); empty when direct. */
    default Optional<CallMedia> live(String callId) {
        return Optional.empty();
    }
}
