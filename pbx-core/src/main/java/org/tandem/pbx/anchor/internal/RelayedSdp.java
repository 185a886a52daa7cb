package org.tandem.pbx.anchor.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.tandem.media.InvalidSdpException;
import org.tandem.media.ice.IceCredentials;
import org.tandem.media.relay.RelayLeg;
import org.tandem.media.relay.Side;
import org.tandem.media.sdp.MediaDescription;
import org.tandem.media.sdp.SessionDescription;
import org.tandem.media.srtp.Sdes;
import org.tandem.pbx.anchor.MediaAnchor.Party;
import org.tandem.pbx.sip.IpLiterals;

/**
 * The SDP of an anchored call as it passes the relay: each side's offer or answer tells that side's legs where its
 * party takes each stream, and leaves pointed at the other side's legs, with the keys (SDES, DTLS), ICE-lite
 * candidates and codecs the receiving party gets from the relay. {@link RelayAnchor} decides which calls are
 * anchored and keeps them; this class rewrites what they signal. Runs on the call's Call-ID stripe.
 */
final class RelayedSdp {

    private final Function<String, String> addressSeenBy;

    /** @param addressSeenBy the relay's address as a party at the given host reaches it (LAN or external) */
    RelayedSdp(Function<String, String> addressSeenBy) {
        this.addressSeenBy = addressSeenBy;
    }

    /** The caller's offer as one branch ({@code receiver}, null when unknown) gets it. */
    String offerSeenBy(AnchoredCall call, String offer, Party receiver) {
        SessionDescription parsed = SessionDescription.parse(offer);
        int[] ports = parsed.media().stream().mapToInt(MediaDescription::port).toArray();
        if (Arrays.stream(ports).allMatch(p -> p == 0)) return offer;
        boolean browser = receiver != null && receiver.webSocket() && !call.dtls.isDtls(Side.CALLER);
        if (receiver != null && receiver.secure() && !browser) call.srtp.offerToSecureCallee(parsed);
        // the same relay ports, on the address this branch's phone reaches (LAN or external): the relay listens on both
        String address = addressSeenBy.apply(receiver == null ? null : receiver.signallingHost());
        AnchoredSdp.pointAt(parsed, address, ports);
        if (browser) offerToBrowser(call, parsed, address);
        return parsed.toString();
    }

    /**
     * The caller's offer as a browser callee gets it (issue 16): WebRTC on the primary stream — our ICE-lite candidate
     * and credentials, DTLS-SRTP with our fingerprint (the relay the DTLS server), rtcp-mux — and every other stream
     * declined, as the browser phone does audio only.
     */
    private static void offerToBrowser(AnchoredCall call, SessionDescription sdp, String address) {
        int primary = AnchoredSdp.primaryIndex(sdp);
        List<MediaDescription> media = sdp.media();
        for (int i = 0; i < media.size(); i++) {
            if (i != primary) media.get(i).setPort(0);
        }
        if (primary < 0) return;
        MediaDescription audio = media.get(primary);
        AnchoredCall.Stream stream = call.existing(primary);
        call.opus.offer(call.primary(), Side.CALLER, audio, true);
        call.dtls.offerToBrowser(sdp, audio);
        if (stream != null) {
            AnchoredSdp.offerIceLite(sdp, audio, stream.iceOffer(Side.CALLEE), address, audio.port());
        }
    }

    /**
     * Each RTP m-line of {@code from}'s SDP tells its stream's leg on {@code from}'s side where the party takes that
     * stream (re-latching it) and is pointed at the stream's other leg; m-lines with port 0 or without RTP are
     * disabled (their relay ports freed) and stay port 0. SRTP (issue 22) is terminated on the primary (first audio)
     * stream; another stream offered as RTP/SAVP is declined, its keys removed, since no party's key may reach the
     * other party.
     *
     * @param receiverSecure the receiver's signalling is TLS (for a first offer to it), null when unknown
     */
    String rewrite(
            AnchoredCall call, Side from, Party sender, String receiverHost, Boolean receiverSecure, String sdp) {
        SessionDescription parsed = SessionDescription.parse(sdp);
        int primaryIndex = AnchoredSdp.primaryIndex(parsed);
        List<MediaDescription> media = parsed.media();
        AnchoredSdp.PartyMedia[] party = new AnchoredSdp.PartyMedia[media.size()];
        for (int i = 0; i < media.size(); i++) { // all of it parsed before anything changes: bad SDP changes nothing
            if (i != primaryIndex && Sdes.isSdesProfile(media.get(i).proto())) {
                media.get(i).removeAttributes("crypto"); // declined below, its key never passed on
                continue;
            }
            if (AnchoredSdp.relayed(media.get(i))) party[i] = AnchoredSdp.partyMedia(parsed, media.get(i));
        }
        if (sender != null) call.srtp.secure(from, sender.secure()); // the transport it signals on now
        // a re-offer whose SRTP we cannot take throws before anything changed: the proxy answers it 488
        call.srtp.passing(call.primary(), from, parsed, receiverSecure);
        call.dtls.passing(call.primary(), from, parsed); // after SDES: a WebRTC party's profile and keys are DTLS
        call.opus.passing(call.primary(), call.dtls, from, primaryIndex < 0 ? null : media.get(primaryIndex));
        InetAddress source = inet(sender.signallingHost());
        int[] ports = new int[media.size()];
        for (int i = 0; i < media.size(); i++) {
            AnchoredSdp.PartyMedia m = party[i];
            AnchoredCall.Stream stream = m == null ? null : call.stream(i, primaryIndex);
            if (stream == null) {
                call.disable(i);
                continue;
            }
            RelayLeg own = stream.relay.leg(from);
            RelayLeg facing = stream.relay.leg(from.other());
            own.expect(m.rtp(), m.rtcp(), m.rtcpMux(), source, m.clockRate());
            own.setHeld(!m.sends()); // it said it will not send: its silence is expected
            facing.setHeld(!m.receives()); // it takes nothing, so the other party is told not to send
            stream.ice(from, AnchoredSdp.iceOf(parsed, media.get(i)));
            ports[i] = facing.localRtpPort();
        }
        if (primaryIndex >= 0) call.tap.saw(media.get(primaryIndex));
        if (from == Side.CALLEE) call.tap.answered(call.primary(), parsed);
        String address = addressSeenBy.apply(receiverHost);
        AnchoredSdp.pointAt(parsed, address, ports);
        for (int i = 0; i < media.size(); i++) {
            AnchoredCall.Stream stream = ports[i] == 0 ? null : call.existing(i);
            IceCredentials towardsReceiver = stream == null ? null : stream.iceTowards(from.other());
            if (towardsReceiver != null)
                AnchoredSdp.offerIceLite(parsed, media.get(i), towardsReceiver, address, ports[i]);
        }
        call.dtls.regroup(parsed, from.other());
        return parsed.toString();
    }

    private static InetAddress inet(String host) {
        if (host == null) return null;
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (!IpLiterals.isIpLiteral(h)) return null; // never DNS on a SIP stripe
        try {
            return InetAddress.getByName(h);
        } catch (UnknownHostException e) {
            throw new InvalidSdpException("bad address " + host);
        }
    }
}
