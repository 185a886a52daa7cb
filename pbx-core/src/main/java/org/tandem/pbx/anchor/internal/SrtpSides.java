package org.tandem.pbx.anchor.internal;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandem.media.relay.RelayCall;
import org.tandem.media.relay.Side;
import org.tandem.media.sdp.MediaDescription;
import org.tandem.media.sdp.SessionDescription;
import org.tandem.media.srtp.CryptoSuite;
import org.tandem.media.srtp.Sdes;
import org.tandem.media.srtp.SdesCrypto;
import org.tandem.media.srtp.SdesException;
import org.tandem.media.srtp.SdesPolicy;
import org.tandem.media.srtp.SrtpMode;

/**
 * SRTP of one anchored call (issue 22), per face: each party's SDES key (RFC 4568) from its own SDP, and the relay's
 * own key for it, which is all the party ever sees; a party's key never reaches the other party. The relay is the
 * answerer towards the party that made an offer and the offerer towards the other (RFC 4568 §7.1), so an SRTP phone
 * and a plain-RTP phone or trunk are bridged, and two SRTP phones are re-keyed per face. Runs on the call's stripe.
 */
final class SrtpSides {

    private static final Logger log = LoggerFactory.getLogger(SrtpSides.class);

    private final SrtpMode mode;
    private final EnumMap<Side, Boolean> secure = new EnumMap<>(Side.class); // signalling over TLS
    private final EnumMap<Side, SdesCrypto> theirs = new EnumMap<>(Side.class); // the party's key: decrypts its media
    private final EnumMap<Side, SdesCrypto> ours = new EnumMap<>(Side.class); // our key towards it
    private final EnumMap<Side, SdesCrypto> offered = new EnumMap<>(Side.class); // our SAVP offer awaiting its answer
    private Side offerer; // whose offer awaits an answer (RFC 3264 §4)
    private String lastOrigin;
    private Side lastFrom;

    SrtpSides(SrtpMode mode) {
        this.mode = mode;
    }

    /**
     * The caller's offer in a new call: refused (488) when it carries keys over a transport that shows them to anyone
     * on the path (RFC 4568 §8.3), when SRTP is off, or when SRTP is required of a TLS phone that offers plain RTP.
     *
     * @return true when it offers SRTP (the call must then be anchored)
     */
    static boolean checkNewOffer(SrtpMode mode, SessionDescription offer, boolean callerSecure) {
        MediaDescription audio = offer == null ? null : offer.firstAudio();
        if (audio == null || audio.port() == 0) return false;
        boolean savp = Sdes.isSdesProfile(audio.proto());
        String refusal = new SdesPolicy(mode, callerSecure).refusal(audio.proto());
        if (refusal != null) throw new SdesException(refusal);
        if (savp) Sdes.answer(audio); // no usable key: 488 now, not a silent call later
        return savp;
    }

    void secure(Side side, boolean isSecure) {
        secure.put(side, isSecure);
    }

    /**
     * SDP from {@code from}'s party on its way to the other: takes its key, sets both faces' SRTP on the relay, and
     * rewrites the SDP's profile and a=crypto for the receiver (our key for it, or plain RTP).
     *
     * @throws SdesException an offer (a re-INVITE's, an UPDATE's) whose SRTP is not acceptable: nothing has changed,
     *                       the request is to be answered 488 (RFC 4568 §7.1.4); an unusable answer is only logged
     *
     * @param receiverSecure the receiver's signalling is TLS (for a first offer to it), null when unknown
     */
    void passing(RelayCall relay, Side from, SessionDescription sdp, Boolean receiverSecure) {
        MediaDescription audio = sdp.firstAudio();
        if (audio == null) return;
        Side to = from.other();
        String origin = sdp.origin();
        if (origin != null && origin.equals(lastOrigin) && from == lastFrom) {
            // the same SDP again (an answer in a 183 and then the 200, RFC 3261 §13.2.1): no new keys, same rewrite
            SdesCrypto key = lastWasAnswer
                    ? (theirs.get(to) != null ? ours.get(to) : null)
                    : Boolean.FALSE.equals(receiverSecure)
                            ? null
                            : offered.get(to); // the next ring step's trunks: plain
            if (key != null) putSecure(audio, List.of(key));
            else putPlain(audio);
            return;
        }
        boolean answer = offerer == to;
        boolean savp = Sdes.isSdesProfile(audio.proto()) && audio.port() != 0;
        if (!answer) checkOffer(from, audio, savp); // a bad offer changes nothing here and is refused (488)
        lastOrigin = origin;
        lastFrom = from;
        lastWasAnswer = answer;
        if (answer) {
            offerer = null;
            try {
                takeAnswer(from, audio, savp);
            } catch (SdesException e) {
                // an answer cannot be refused (RFC 3264 §5): that face gets no SRTP, and its key goes nowhere
                log.warn(
                        "SRTP in the {}'s answer not usable: {}", from.name().toLowerCase(Locale.ROOT), e.getMessage());
                theirs.remove(from);
                ours.remove(from);
            }
            if (theirs.get(to) != null) {
                putSecure(audio, List.of(ours.get(to))); // our key under the tag the offerer chose
            } else {
                putPlain(audio);
            }
        } else {
            offerer = from;
            takeOffer(from, audio, savp);
            if (receiverSecure != null) secure.put(to, receiverSecure);
            boolean srtpTowards = theirs.get(to) != null
                    || Boolean.TRUE.equals(secure.get(to))
                            && (savp || mode == SrtpMode.REQUIRED)
                            && mode != SrtpMode.OFF;
            if (srtpTowards) {
                SdesCrypto key = offered.get(to);
                if (key == null) {
                    SdesCrypto current = ours.get(to);
                    key = current != null
                            ? current
                            : SdesCrypto.generate(
                                    1,
                                    theirs.get(from) != null
                                            ? theirs.get(from).suite()
                                            : CryptoSuite.AES_CM_128_HMAC_SHA1_80);
                }
                offered.put(to, key);
                putSecure(audio, List.of(key));
            } else {
                offered.remove(to);
                putPlain(audio);
            }
        }
        apply(relay, Side.CALLER);
        apply(relay, Side.CALLEE);
    }

    private boolean lastWasAnswer;

    /**
     * A (re-)offer from {@code from}'s party under the same rules as a new call's (SdesPolicy), and with a key we can
     * use (RFC 4568 §7.1.2): else an SdesException for the 488, thrown before anything changes.
     */
    private void checkOffer(Side from, MediaDescription audio, boolean savp) {
        if (audio.port() == 0) return;
        String refusal = new SdesPolicy(mode, Boolean.TRUE.equals(secure.get(from))).refusal(audio.proto());
        if (refusal != null) throw new SdesException(refusal);
        if (savp) Sdes.answer(audio);
    }

    /**
     * The caller's offer as a branch to a phone on SIP-TLS gets it: SRTP with our key for the callee face when the
     * caller offered SRTP or SRTP is required (every such branch gets the same key; the one that answers keeps it).
     */
    void offerToSecureCallee(SessionDescription sdp) {
        MediaDescription audio = sdp.firstAudio();
        if (audio == null || audio.port() == 0 || mode == SrtpMode.OFF) return;
        if (theirs.get(Side.CALLER) == null && mode != SrtpMode.REQUIRED) return;
        SdesCrypto key = offered.get(Side.CALLEE);
        if (key == null) {
            key = SdesCrypto.generate(
                    1,
                    theirs.get(Side.CALLER) != null
                            ? theirs.get(Side.CALLER).suite()
                            : CryptoSuite.AES_CM_128_HMAC_SHA1_80);
            offered.put(Side.CALLEE, key);
        }
        putSecure(audio, List.of(key));
    }

    private void takeOffer(Side from, MediaDescription audio, boolean savp) {
        if (!savp) {
            theirs.remove(from);
            ours.remove(from);
            return;
        }
        Sdes.Choice choice = Sdes.answer(audio);
        theirs.put(from, choice.remote());
        SdesCrypto current = ours.get(from);
        // a re-offer under the same tag and suite keeps our key (and the relay its stream state)
        ours.put(
                from,
                current != null
                                && current.tag() == choice.local().tag()
                                && current.suite() == choice.local().suite()
                        ? current
                        : choice.local());
    }

    private void takeAnswer(Side from, MediaDescription audio, boolean savp) {
        SdesCrypto ourOffer = offered.remove(from);
        if (!savp || ourOffer == null) {
            theirs.remove(from);
            ours.remove(from);
            return;
        }
        theirs.put(from, Sdes.accepted(List.of(ourOffer), audio));
        ours.put(from, ourOffer);
    }

    private void apply(RelayCall relay, Side side) {
        relay.leg(side).srtp(theirs.get(side), ours.get(side));
    }

    /** True when {@code side}'s face speaks SRTP. */
    boolean isSrtp(Side side) {
        return theirs.get(side) != null;
    }

    private static void putSecure(MediaDescription audio, List<SdesCrypto> keys) {
        audio.setProto(Sdes.secureProfile(audio.proto()));
        Sdes.putKeys(audio, keys);
    }

    private static void putPlain(MediaDescription audio) {
        audio.setProto(Sdes.plainProfile(audio.proto()));
        audio.removeAttributes("crypto");
    }
}
