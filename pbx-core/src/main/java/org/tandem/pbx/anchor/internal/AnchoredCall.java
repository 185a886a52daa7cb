package org.tandem.pbx.anchor.internal;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandem.media.MediaCapacityException;
import org.tandem.media.ice.IceCredentials;
import org.tandem.media.relay.MediaRelay;
import org.tandem.media.relay.RelayCall;
import org.tandem.media.relay.RelayLeg;
import org.tandem.media.relay.Side;

/**
 * One anchored call: a relayed stream (a {@link RelayCall}: a port pair facing each party) per RTP m-line of its
 * offer/answer, kept by the m-line's position, which is what pairs an answer's streams with the offer's and a re-offer's
 * with the previous ones (RFC 3264 §6, §8). The <em>primary</em> stream, opened with the call, carries its first audio
 * m-line: its silence hangs the call up (dead stream) and its figures go into the call record. Other streams (video, a
 * second audio) are opened when an m-line first needs them and closed when it is disabled (port 0, RFC 3264 §8.2);
 * their silence is no reason to hang up (a camera may be off). Touched by the call's Call-ID stripe only.
 */
final class AnchoredCall {

    private static final Logger log = LoggerFactory.getLogger(AnchoredCall.class);

    /** One relayed m-line, and the ICE-lite credentials of each side of it whose party does ICE (RFC 8445 §2.5). */
    static final class Stream {
        final RelayCall relay;
        final boolean primary;
        private final Map<Side, IceCredentials> ours = new EnumMap<>(Side.class);
        private final Map<Side, IceCredentials> theirs = new EnumMap<>(Side.class);

        Stream(RelayCall relay, boolean primary) {
            this.relay = relay;
            this.primary = primary;
        }

        /** Our credentials towards {@code side}'s party, or null when it does not do ICE on this stream. */
        IceCredentials iceTowards(Side side) {
            return ours.get(side);
        }

        /**
         * Our ICE-lite credentials for an offer to {@code side}'s party before it has said anything (a browser callee,
         * issue 16): its checks are taken whatever its ufrag, the password authenticates them (RFC 8445 §7.3).
         */
        IceCredentials iceOffer(Side side) {
            IceCredentials local = ours.get(side);
            if (local == null) {
                local = IceCredentials.generate();
                ours.put(side, local);
                relay.leg(side).iceLite(local, null);
            }
            return local;
        }

        /** A party that does ICE gets ICE-lite on its own face; new credentials of its own are an ICE restart. */
        void ice(Side side, IceCredentials party) {
            RelayLeg own = relay.leg(side);
            if (party == null) {
                ours.remove(side);
                theirs.remove(side);
                own.iceLite(null, null);
                return;
            }
            IceCredentials local = ours.get(side);
            IceCredentials known = theirs.get(side);
            // new credentials of the party's own are an ICE restart (RFC 8445 §9); its first ones answer our offer
            if (local == null || (known != null && !party.equals(known))) local = IceCredentials.generate();
            ours.put(side, local);
            theirs.put(side, party);
            own.iceLite(local, party);
        }
    }

    final String callId;
    final String callerTag;
    private final RelayCall primary;
    private final MediaRelay relay;
    private final Executor stripe;
    private final Map<Integer, Stream> streams = new TreeMap<>();

    /** Its recording (issue 18). */
    final CallTap tap;

    /** The SDES keys of each face of the primary stream (issue 22). */
    final SrtpSides srtp;

    final DtlsSides dtls; // WebRTC parties (issue 16)
    final OpusBridge opus; // Opus for them when the other party has none (issue 16)

    AnchoredCall(
            String callId,
            String callerTag,
            RelayCall primary,
            MediaRelay relay,
            Executor stripe,
            SrtpSides srtp,
            boolean browserOpus,
            CallTap tap) {
        this.tap = tap;
        this.srtp = srtp;
        this.opus = new OpusBridge(browserOpus, callId);
        this.dtls = new DtlsSides(relay::dtlsFingerprint);
        this.callId = callId;
        this.callerTag = callerTag;
        this.primary = primary;
        this.relay = relay;
        this.stripe = stripe;
    }

    RelayCall primary() {
        return primary;
    }

    /**
     * The stream of m-line {@code index}, opened when it has none yet: the primary one when the primary is not placed
     * yet and {@code index} is the m-line it belongs to; else new relay ports. Null when the relay has no free ports:
     * the m-line is then declined (port 0) instead of failing the call.
     */
    Stream stream(int index, int primaryIndex) {
        Stream s = streams.get(index);
        if (s != null) return s;
        boolean placed = streams.values().stream().anyMatch(x -> x.primary);
        if (!placed && index == primaryIndex) {
            s = new Stream(primary, true);
        } else {
            try {
                s = new Stream(relay.open(callId, null, stripe), false); // no dead-stream events: see the class
            } catch (MediaCapacityException e) {
                log.warn(
                        "Call {}: m-line {} declined, the relay has no free ports ({})", callId, index, e.getMessage());
                return null;
            }
        }
        streams.put(index, s);
        return s;
    }

    /** The stream of m-line {@code index}, or null when it is not relayed now. */
    Stream existing(int index) {
        return streams.get(index);
    }

    /**
     * m-line {@code index} is disabled (port 0) or carries no RTP: its relay ports are freed, but the primary's are
     * kept for the call's life (told that neither party receives, so nothing is relayed and no silence is dead).
     */
    void disable(int index) {
        Stream s = streams.get(index);
        if (s == null) return;
        if (s.primary) {
            for (Side side : Side.values()) {
                s.relay.leg(side).expect(null, null, false, null, 8000);
                s.ice(side, null);
            }
            return;
        }
        streams.remove(index);
        s.relay.close();
    }

    /** Frees every port of the call. */
    void close() {
        List<RelayCall> all = new ArrayList<>();
        all.add(primary);
        for (Stream s : streams.values()) if (!s.primary) all.add(s.relay);
        all.forEach(RelayCall::close);
        streams.clear();
    }
}
