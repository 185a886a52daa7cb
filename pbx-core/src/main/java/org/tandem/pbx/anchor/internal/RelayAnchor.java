package org.tandem.pbx.anchor.internal;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandem.media.MediaCapacityException;
import org.tandem.media.relay.LegStats;
import org.tandem.media.relay.MediaRelay;
import org.tandem.media.relay.RelayCall;
import org.tandem.media.relay.RelayEvents;
import org.tandem.media.relay.Side;
import org.tandem.media.sdp.ScannedMedia;
import org.tandem.media.sdp.SessionDescription;
import org.tandem.media.srtp.Sdes;
import org.tandem.media.srtp.SdesException;
import org.tandem.media.srtp.SdesPolicy;
import org.tandem.media.srtp.SrtpMode;
import org.tandem.pbx.anchor.CallRecorder;
import org.tandem.pbx.anchor.DtlsFailed;
import org.tandem.pbx.anchor.MediaAnchor;
import org.tandem.pbx.anchor.RecordingToggle;
import org.tandem.pbx.anchor.StreamDead;
import org.tandem.pbx.call.CallMedia;

/**
 * Anchors calls in the media relay: per anchored Call-ID an {@link AnchoredCall}, one {@link RelayCall} per RTP
 * m-line (audio, video, ...), each with its caller leg facing the party that sent the INVITE. SDP from one side tells
 * that side's legs where its party takes each stream (and re-latches them, so a re-INVITE from a phone that moved
 * works) and is pointed at the other side's legs before it is forwarded ({@link RelayedSdp}). Runs on the Call-ID
 * stripes; each call is touched by its own stripe only.
 */
public final class RelayAnchor implements MediaAnchor {

    private static final Logger log = LoggerFactory.getLogger(RelayAnchor.class);

    private final MediaRelay relay;
    private final AnchorPolicy policy;
    private final RelayedSdp relayedSdp;
    private final Function<String, Executor> stripes;
    private final Consumer<Object> events;
    private final Map<String, AnchoredCall> calls = new ConcurrentHashMap<>();
    private final CallRecorder recorder;
    private final SrtpMode srtpMode;
    private final boolean browserOpus;

    /**
     * @param addressSeenBy the relay's address as a party at the given host reaches it (the external address for a
     *                      party outside the LAN, else the local one)
     * @param stripes       the Call-ID stripe of a call, where relay events run
     * @param events        where {@link StreamDead} (the proxy hangs the call up) and {@link CallMedia} (call records)
     *                      are published
     */
    public RelayAnchor(
            MediaRelay relay,
            AnchorPolicy policy,
            Function<String, String> addressSeenBy,
            Function<String, Executor> stripes,
            Consumer<Object> events) {
        this(relay, policy, addressSeenBy, stripes, events, CallRecorder.NONE, SrtpMode.OPTIONAL);
    }

    /** @param recorder the recording rules and storage (issue 18) */
    public RelayAnchor(
            MediaRelay relay,
            AnchorPolicy policy,
            Function<String, String> addressSeenBy,
            Function<String, Executor> stripes,
            Consumer<Object> events,
            CallRecorder recorder) {
        this(relay, policy, addressSeenBy, stripes, events, recorder, SrtpMode.OPTIONAL);
    }

    /** @param srtpMode {@code tandem.media.srtp}: SRTP with SDES keys for phones on SIP-TLS (issue 22) */
    public RelayAnchor(
            MediaRelay relay,
            AnchorPolicy policy,
            Function<String, String> addressSeenBy,
            Function<String, Executor> stripes,
            Consumer<Object> events,
            SrtpMode srtpMode) {
        this(relay, policy, addressSeenBy, stripes, events, CallRecorder.NONE, srtpMode);
    }

    public RelayAnchor(
            MediaRelay relay,
            AnchorPolicy policy,
            Function<String, String> addressSeenBy,
            Function<String, Executor> stripes,
            Consumer<Object> events,
            CallRecorder recorder,
            SrtpMode srtpMode) {
        this(relay, policy, addressSeenBy, stripes, events, recorder, srtpMode, true);
    }

    /** @param browserOpus {@code tandem.media.browser-opus}: Opus for browsers, transcoded by the relay ({@link OpusBridge}) */
    public RelayAnchor(
            MediaRelay relay,
            AnchorPolicy policy,
            Function<String, String> addressSeenBy,
            Function<String, Executor> stripes,
            Consumer<Object> events,
            CallRecorder recorder,
            SrtpMode srtpMode,
            boolean browserOpus) {
        this.browserOpus = browserOpus;
        this.recorder = recorder;
        this.srtpMode = srtpMode;
        this.relay = relay;
        this.policy = policy;
        this.relayedSdp = new RelayedSdp(addressSeenBy);
        this.stripes = stripes;
        this.events = events;
    }

    @Override
    public String offerToNewCall(
            String callId, String callerTag, Party caller, List<Party> callees, List<String> providers, String sdp) {
        return offerToNewCall(callId, callerTag, caller, callees, providers, sdp, null);
    }

    @Override
    public String offerToNewCall(
            String callId,
            String callerTag,
            Party caller,
            List<Party> callees,
            List<String> providers,
            String sdp,
            CallRecorder.Involved involved) {
        AnchoredCall existing = calls.get(callId);
        CallRecorder.Plan plan = involved == null ? null : recorder.plan(callId, involved);
        if (existing == null
                && plan == null
                && sdp != null
                && staysDirect(SessionDescription.scanMedia(sdp), caller, callees, providers)) {
            return null;
        }
        if (existing == null) {
            SessionDescription offer = sdp == null ? null : SessionDescription.parse(sdp);
            String sdpAddress = offer == null ? null : AnchoredSdp.primaryAddress(offer);
            boolean record = plan != null && policy.mayAnchor();
            if (plan != null && !record) {
                log.warn("Call {}: to be recorded, but tandem.media.relay=never: its media cannot be tapped", callId);
            }
            // an SRTP offer is always anchored: the relay terminates the keys on each face (issue 22)
            boolean srtp = SrtpSides.checkNewOffer(srtpMode, offer, caller.secure());
            if (srtp && !policy.mayAnchor()) return endToEndSrtp(callId, callees, providers);
            // a WebRTC caller's DTLS-SRTP is terminated by the relay (issue 16); with the relay off it goes end to end
            if (DtlsSides.isDtls(offer)) srtp = policy.mayAnchor();
            // so does a call that rings a browser (issue 16): only the relay can give it WebRTC media
            if (callees.stream().anyMatch(Party::webSocket)) srtp |= policy.mayAnchor();
            if (!srtp && !record && !policy.anchors(caller, sdpAddress, callees, providers)) return null;
            RelayCall opened;
            try {
                opened = relay.open(callId, events(callId), stripes.apply(callId));
            } catch (MediaCapacityException e) {
                if (srtp) throw e; // keys to terminate and nowhere to do it: 503, not a call that leaks or fails silent
                log.warn(
                        "Call {}: not anchored, the relay has no free ports ({}); media goes direct",
                        callId,
                        e.getMessage());
                return null;
            }
            existing = new AnchoredCall(
                    callId,
                    callerTag,
                    opened,
                    relay,
                    stripes.apply(callId),
                    new SrtpSides(srtpMode),
                    browserOpus,
                    new CallTap(callId, recorder));
            existing.srtp.secure(Side.CALLER, caller.secure());
            calls.put(callId, existing);
            log.debug(
                    "Call {} anchored: caller leg {}, callee leg {}",
                    callId,
                    opened.leg(Side.CALLER).localRtpPort(),
                    opened.leg(Side.CALLEE).localRtpPort());
        }
        existing.tap.planned(plan, involved); // a later ring step may ring someone who is recorded
        if (sdp == null) return null; // the offer comes in the 2xx: rewritten as it passes
        // every branch of a fork gets the same offer: the callee legs face whoever answers
        String seenBy = callees.isEmpty() ? null : callees.get(0).signallingHost();
        // plain RTP towards every branch here (a trunk gets this one); offerSeenBy gives TLS phones SRTP
        return relayedSdp.rewrite(existing, Side.CALLER, caller, seenBy, false, sdp);
    }

    /**
     * The decision below for a call nobody records whose offer is plain RTP, made from the offer's m= and c= lines
     * without building the SDP model (issue 23: most calls stay direct, and the parse cost more than the decision):
     * true only where the full path would return null before anchoring. An offer the model refuses throws here as it
     * would there; one that is SRTP (its keys need the model), one whose profile is refused, or a browser among the
     * callees go the full path, which decides (and refuses) as before.
     */
    private boolean staysDirect(List<ScannedMedia> offer, Party caller, List<Party> callees, List<String> providers) {
        ScannedMedia audio = SessionDescription.firstAudio(offer);
        if (audio != null) {
            String proto = audio.proto();
            if (Sdes.isSdesProfile(proto) || DtlsSides.isDtlsProfile(proto)) return false; // SRTP: always anchored
            if (new SdesPolicy(srtpMode, caller.secure()).refusal(proto) != null) {
                return false; // SrtpSides.checkNewOffer answers it 488
            }
        }
        if (policy.mayAnchor()) {
            for (Party callee : callees) {
                if (callee.webSocket()) return false; // a browser gets WebRTC media from the relay only
            }
        }
        return !policy.anchors(caller, AnchoredSdp.primaryAddress(offer), callees, providers);
    }

    /**
     * tandem.media.relay=never: nothing terminates SRTP here, so the offer's keys go to the callee as they are. That is
     * allowed only where every hop carrying them is TLS (RFC 4568 §8.3): to phones on SIP-TLS, not to a trunk (whose
     * transport is not judged here) nor to a phone on UDP/TCP, which would see the caller's key in the clear.
     *
     * @return null: the SDP passes unchanged, end to end
     * @throws SdesException some branch is not on SIP-TLS (the caller gets 488 saying so)
     */
    private static String endToEndSrtp(String callId, List<Party> callees, List<String> providers) {
        if (!providers.isEmpty() || callees.isEmpty() || !callees.stream().allMatch(Party::secure)) {
            throw new SdesException("SRTP end to end reaches only phones on SIP-TLS and the media "
                    + "relay is off (tandem.media.relay=never) to bridge it to others: offer RTP/AVP");
        }
        log.debug("Call {}: SRTP between phones on SIP-TLS, end to end (relay never)", callId);
        return null;
    }

    @Override
    public String offerSeenBy(String callId, String offer, Party receiver) {
        AnchoredCall call = calls.get(callId);
        if (offer == null || call == null) return offer;
        return relayedSdp.offerSeenBy(call, offer, receiver);
    }

    @Override
    public String passing(String callId, Side from, Party sender, Party receiver, String sdp) {
        AnchoredCall call = calls.get(callId);
        if (call == null || sdp == null || sdp.isBlank()) return null;
        return relayedSdp.rewrite(call, from, sender, receiver == null ? null : receiver.signallingHost(), null, sdp);
    }

    @Override
    public boolean isRecording(String callId) {
        AnchoredCall call = calls.get(callId);
        return call != null && call.tap.isRecording();
    }

    @Override
    public RecordingToggle record(String callId, boolean start) {
        AnchoredCall call = calls.get(callId);
        return call == null ? RecordingToggle.NOT_ANCHORED : call.tap.operator(call.primary(), start);
    }

    @Override
    public Side sideOf(String callId, String fromTag) {
        AnchoredCall call = calls.get(callId);
        if (call == null) return null;
        return call.callerTag != null && call.callerTag.equals(fromTag) ? Side.CALLER : Side.CALLEE;
    }

    @Override
    public void ended(String callId, String why) {
        AnchoredCall call = calls.remove(callId);
        if (call == null) return;
        log.debug("Call {} no longer anchored: {}", callId, why);
        // the call record's figures are the primary (audio) stream's
        LegStats caller = call.primary().leg(Side.CALLER).stats();
        LegStats callee = call.primary().leg(Side.CALLEE).stats();
        call.tap.ended();
        call.close();
        events.accept(new CallMedia(callId, Instant.now(), true, stream(caller), stream(callee)));
    }

    private static CallMedia.Stream stream(LegStats s) {
        return new CallMedia.Stream(s.packetsReceived(), s.packetsLost(), s.jitterMillis(), s.bytesReceived());
    }

    @Override
    public boolean isAnchored(String callId) {
        return calls.containsKey(callId);
    }

    @Override
    public boolean isOutside(String host) {
        return policy.isOutside(host);
    }

    @Override
    public Optional<CallMedia> live(String callId) {
        AnchoredCall call = calls.get(callId);
        if (call == null) return Optional.empty();
        return Optional.of(new CallMedia(
                callId,
                Instant.now(),
                true,
                stream(call.primary().leg(Side.CALLER).stats()),
                stream(call.primary().leg(Side.CALLEE).stats())));
    }

    /** Calls anchored now. */
    public int anchoredCalls() {
        return calls.size();
    }

    private RelayEvents events(String callId) {
        return new RelayEvents() {
            @Override
            public void streamDead(Side side) {
                if (!calls.containsKey(callId)) return;
                log.info(
                        "Call {}: no RTP from the {} for too long: hanging up",
                        callId,
                        side.name().toLowerCase(Locale.ROOT));
                events.accept(new StreamDead(callId, side));
            }

            @Override
            public void dtlsFailed(Side side, String reason) {
                if (!calls.containsKey(callId)) return;
                events.accept(new DtlsFailed(callId, side, reason));
            }
        };
    }
}
