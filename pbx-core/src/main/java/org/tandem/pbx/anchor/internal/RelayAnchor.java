package org.tandem.pbx.anchor.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandem.media.InvalidSdpException;
import org.tandem.media.MediaCapacityException;
import org.tandem.media.ice.IceCredentials;
import org.tandem.media.relay.LegStats;
import org.tandem.media.relay.MediaRelay;
import org.tandem.media.relay.RelayCall;
import org.tandem.media.relay.RelayEvents;
import org.tandem.media.relay.RelayLeg;
import org.tandem.media.relay.Side;
import org.tandem.media.sdp.SessionDescription;
import org.tandem.media.srtp.SdesException;
import org.tandem.media.srtp.SrtpMode;
import org.tandem.pbx.anchor.MediaAnchor;
import org.tandem.pbx.anchor.StreamDead;
import org.tandem.pbx.call.CallMedia;

/**
 * Anchors calls in the media relay: one {@link RelayCall} per anchored Call-ID, its caller leg facing the party that
 * sent the INVITE. SDP from one side tells that side's leg where its party is (and re-latches it, so a re-INVITE from a
 * phone that moved works) and is pointed at the other side's leg before it is forwarded. Runs on the Call-ID stripes;
 * each call is touched by its own stripe only.
 */
public final class RelayAnchor implements MediaAnchor {

    private static final Logger log = LoggerFactory.getLogger(RelayAnchor.class);

    private static final class Anchored {
        final RelayCall relay;
        final String callerTag;
        // our ICE-lite credentials towards each side whose party does ICE (RFC 8445 §2.5), else null
        final java.util.EnumMap<Side, IceCredentials> ice = new java.util.EnumMap<>(Side.class);
        final java.util.EnumMap<Side, IceCredentials> theirIce = new java.util.EnumMap<>(Side.class);

        final SrtpSides srtp;

        Anchored(RelayCall relay, String callerTag, SrtpMode mode) {
            this.relay = relay;
            this.callerTag = callerTag;
            this.srtp = new SrtpSides(mode);
        }

        RelayCall relay() {
            return relay;
        }

        String callerTag() {
            return callerTag;
        }
    }

    private final MediaRelay relay;
    private final AnchorPolicy policy;
    private final Function<String, String> addressSeenBy;
    private final Function<String, Executor> stripes;
    private final Consumer<Object> events;
    private final Map<String, Anchored> calls = new ConcurrentHashMap<>();
    private final SrtpMode srtpMode;

    /**
     * @param addressSeenBy the relay's address as a party at the given host reaches it (the external address for a
     *                      party outside the LAN, else the local one)
     * @param stripes       the Call-ID stripe of a call, where relay events run
     * @param events        where {@link StreamDead} (the proxy hangs the call up) and {@link CallMedia} (call records)
     *                      are published
     */
    public RelayAnchor(MediaRelay relay, AnchorPolicy policy, Function<String, String> addressSeenBy,
                       Function<String, Executor> stripes, Consumer<Object> events) {
        this(relay, policy, addressSeenBy, stripes, events, SrtpMode.OPTIONAL);
    }

    /** @param srtpMode {@code tandem.media.srtp}: SRTP with SDES keys for phones on SIP-TLS (issue 22) */
    public RelayAnchor(MediaRelay relay, AnchorPolicy policy, Function<String, String> addressSeenBy,
                       Function<String, Executor> stripes, Consumer<Object> events, SrtpMode srtpMode) {
        this.srtpMode = srtpMode;
        this.relay = relay;
        this.policy = policy;
        this.addressSeenBy = addressSeenBy;
        this.stripes = stripes;
        this.events = events;
    }

    @Override
    public String offerToNewCall(String callId, String callerTag, Party caller, List<Party> callees,
                                 List<String> providers, String sdp) {
        Anchored existing = calls.get(callId);
        if (existing == null) {
            SessionDescription offer = sdp == null ? null : SessionDescription.parse(sdp);
            String sdpAddress = offer == null || offer.firstAudio() == null ? null : offer.connectionOf(offer.firstAudio());
            // an SRTP offer is always anchored: the relay terminates the keys on each face (issue 22)
            boolean srtp = SrtpSides.checkNewOffer(srtpMode, offer, caller.secure());
            if (!srtp && !policy.anchors(caller, sdpAddress, callees, providers)) return null;
            RelayCall opened;
            try {
                opened = relay.open(callId, events(callId), stripes.apply(callId));
            } catch (MediaCapacityException e) {
                if (srtp) throw e; // keys to terminate and nowhere to do it: 503, not a call that leaks or fails silent
                log.warn("Call {}: not anchored, the relay has no free ports ({}); media goes direct", callId, e.getMessage());
                return null;
            }
            existing = new Anchored(opened, callerTag, srtpMode);
            existing.srtp.secure(Side.CALLER, caller.secure());
            calls.put(callId, existing);
            log.debug("Call {} anchored: caller leg {}, callee leg {}", callId,
                    opened.leg(Side.CALLER).localRtpPort(), opened.leg(Side.CALLEE).localRtpPort());
        }
        if (sdp == null) return null; // the offer comes in the 2xx: rewritten as it passes
        // every branch of a fork gets the same offer: the callee leg faces whoever answers
        String seenBy = callees.isEmpty() ? null : callees.get(0).signallingHost();
        // plain RTP towards every branch here (a trunk gets this one); offerSeenBy gives TLS phones SRTP
        return rewrite(existing, Side.CALLER, caller, seenBy, false, sdp);
    }

    @Override
    public String offerSeenBy(String callId, String offer, Party receiver) {
        Anchored call = calls.get(callId);
        if (offer == null || call == null) return offer;
        SessionDescription parsed = SessionDescription.parse(offer);
        if (parsed.firstAudio() == null) return offer;
        if (receiver != null && receiver.secure()) call.srtp.offerToSecureCallee(parsed);
        // the same relay port, on the address this branch's phone reaches (LAN or external): the relay listens on both
        AnchoredSdp.pointAt(parsed, addressSeenBy.apply(receiver == null ? null : receiver.signallingHost()),
                parsed.firstAudio().port());
        return parsed.toString();
    }

    @Override
    public String passing(String callId, Side from, Party sender, Party receiver, String sdp) {
        Anchored call = calls.get(callId);
        if (call == null || sdp == null || sdp.isBlank()) return null;
        return rewrite(call, from, sender, receiver == null ? null : receiver.signallingHost(), null, sdp);
    }

    private String rewrite(Anchored call, Side from, Party sender, String receiverHost, Boolean receiverSecure,
                           String sdp) {
        SessionDescription parsed = SessionDescription.parse(sdp);
        try {
            call.srtp.passing(call.relay(), from, parsed, receiverSecure);
        } catch (SdesException e) {
            // a party's SRTP answer or re-offer we cannot use: its face stays as it was; the other party gets no key
            log.warn("Call {}: SRTP from the {} not usable: {}", call.relay().callId(),
                    from.name().toLowerCase(java.util.Locale.ROOT), e.getMessage());
        }
        AnchoredSdp.PartyMedia media = AnchoredSdp.partyMedia(parsed);
        RelayLeg own = call.relay().leg(from);
        RelayLeg facing = call.relay().leg(from.other());
        own.expect(media.rtp(), media.rtcp(), media.rtcpMux(), inet(sender.signallingHost()), media.clockRate());
        own.setHeld(!media.sends());       // it said it will not send: its silence is expected
        facing.setHeld(!media.receives()); // it takes nothing, so the other party is told not to send
        ice(call, from, own, AnchoredSdp.iceOf(parsed));
        String address = addressSeenBy.apply(receiverHost);
        AnchoredSdp.pointAt(parsed, address, facing.localRtpPort());
        IceCredentials towardsReceiver = call.ice.get(from.other());
        if (towardsReceiver != null) AnchoredSdp.offerIceLite(parsed, towardsReceiver, address, facing.localRtpPort());
        return parsed.toString();
    }

    /** A party that does ICE gets ICE-lite on its own face; new credentials of its own are an ICE restart. */
    private static void ice(Anchored call, Side side, RelayLeg own, IceCredentials theirs) {
        if (theirs == null) {
            call.ice.remove(side);
            call.theirIce.remove(side);
            own.iceLite(null, null);
            return;
        }
        IceCredentials ours = call.ice.get(side);
        if (ours == null || !theirs.equals(call.theirIce.get(side))) ours = IceCredentials.generate();
        call.ice.put(side, ours);
        call.theirIce.put(side, theirs);
        own.iceLite(ours, theirs);
    }

    @Override
    public Side sideOf(String callId, String fromTag) {
        Anchored call = calls.get(callId);
        if (call == null) return null;
        return call.callerTag() != null && call.callerTag().equals(fromTag) ? Side.CALLER : Side.CALLEE;
    }

    @Override
    public void ended(String callId, String why) {
        Anchored call = calls.remove(callId);
        if (call == null) return;
        log.debug("Call {} no longer anchored: {}", callId, why);
        LegStats caller = call.relay().leg(Side.CALLER).stats();
        LegStats callee = call.relay().leg(Side.CALLEE).stats();
        call.relay().close();
        events.accept(new CallMedia(callId, Instant.now(), true, stream(caller), stream(callee)));
    }

    private static CallMedia.Stream stream(LegStats s) {
        return new CallMedia.Stream(s.packetsReceived(), s.packetsLost(), s.jitterMillis());
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
    public java.util.Optional<CallMedia> live(String callId) {
        Anchored call = calls.get(callId);
        if (call == null) return java.util.Optional.empty();
        return java.util.Optional.of(new CallMedia(callId, Instant.now(), true,
                stream(call.relay().leg(Side.CALLER).stats()), stream(call.relay().leg(Side.CALLEE).stats())));
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
                log.info("Call {}: no RTP from the {} for too long: hanging up", callId, side.name().toLowerCase(java.util.Locale.ROOT));
                events.accept(new StreamDead(callId, side));
            }
        };
    }

    private static InetAddress inet(String host) {
        if (host == null) return null;
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (!h.matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) return null; // never DNS on a SIP stripe
        try {
            return InetAddress.getByName(h);
        } catch (UnknownHostException e) {
            throw new InvalidSdpException("bad address " + host);
        }
    }
}
