package org.tandem.pbx.trunk.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tandem.media.sdp.MediaDescription;
import org.tandem.media.sdp.SessionDescription;
import org.tandem.pbx.trunk.DtmfMode;
import org.tandem.pbx.trunk.Trunk;
import org.tandem.pbx.trunk.TrunkCodecs;

/**
 * A trunk's allowed codecs applied to an SDP offer crossing the gateway (towards the provider on outbound calls,
 * towards the phones on inbound ones). RFC 3264 §6.1: the answerer may only pick formats the offer lists, so restricting
 * the offer restricts the answer too, and the order of the formats is the order of preference (§5.1): the trunk's.
 * Each audio stream keeps the allowed codecs it offers, in the trunk's order, then its RFC 4733 telephone-event formats
 * with the payload types the offerer gave them; other formats go. A stream with none of the allowed codecs is
 * offered rejected (port 0, §8.2); when no audio stream is left the offer cannot be sent: 488 (§6, RFC 3261 §21.4.26).
 * The gateway does not transcode (the relay's only transcoding, Opus ↔ G.711, is for browsers on the phone side).
 */
final class OfferRestriction {

    private OfferRestriction() {}

    /** The offer a leg gets: {@code sdp}, or null to copy the body as it came. */
    record Restricted(String sdp) {}

    /**
     * Trunk {@code t}'s codec list applied to {@code offer} (null: no SDP); empty when the offer has none of its codecs.
     * No SDP or no list: the body passes as it came.
     *
     * @throws org.tandem.media.InvalidSdpException when the offer is not SDP
     */
    static Optional<Restricted> forTrunk(String offer, Trunk t) {
        if (offer == null || t.codecs().isEmpty()) return Optional.of(new Restricted(null));
        return restrict(offer, t.codecs(), t.dtmfMode()).map(Restricted::new);
    }

    /**
     * @param codecs the trunk's allowed codecs (canonical names, see {@link TrunkCodecs}); empty: the offer passes as is
     * @return the offer as the far side gets it, or empty when it shares no allowed audio codec
     * @throws org.tandem.media.InvalidSdpException when {@code sdp} is not SDP
     */
    static Optional<String> restrict(String sdp, List<String> codecs, DtmfMode dtmf) {
        if (codecs.isEmpty()) return Optional.of(sdp);
        SessionDescription offer = SessionDescription.parse(sdp);
        boolean anyAudio = false;
        List<MediaDescription> media = offer.media();
        for (int i = 0; i < media.size(); i++) {
            MediaDescription m = media.get(i);
            if (!m.type().equals("audio") || m.port() == 0 || !m.isRtp()) continue;
            List<String> keep = allowedFormats(m, codecs, dtmf);
            if (keep.isEmpty()) {
                media.set(i, m.rejected());
            } else {
                m.keepFormats(keep);
                anyAudio = true;
            }
        }
        return anyAudio ? Optional.of(offer.toString()) : Optional.empty();
    }

    /** The formats of {@code m} to keep, in order; empty when none of them is an allowed audio codec. */
    private static List<String> allowedFormats(MediaDescription m, List<String> codecs, DtmfMode dtmf) {
        Map<Integer, String> rtpmaps = m.rtpmaps();
        List<Integer> pts = m.payloadTypes();
        List<String> keep = new ArrayList<>();
        for (String codec : codecs) {
            for (int pt : pts) {
                if (TrunkCodecs.same(TrunkCodecs.encodingOf(pt, rtpmaps.get(pt)), codec))
                    keep.add(Integer.toString(pt));
            }
        }
        boolean audio = keep.stream()
                .anyMatch(f -> TrunkCodecs.isAudio(TrunkCodecs.canonical(
                        TrunkCodecs.encodingOf(Integer.parseInt(f), rtpmaps.get(Integer.parseInt(f))))));
        if (!audio) return List.of();
        if (dtmf == DtmfMode.RFC4733) {
            for (int pt : pts) {
                if (TrunkCodecs.same(TrunkCodecs.encodingOf(pt, rtpmaps.get(pt)), TrunkCodecs.TELEPHONE_EVENT)) {
                    keep.add(Integer.toString(pt));
                }
            }
        }
        return keep;
    }
}
