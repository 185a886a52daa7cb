package org.tandem.pbx.anchor.internal;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.tandem.media.relay.RelayCall;
import org.tandem.media.relay.Side;
import org.tandem.media.sdp.MediaDescription;
import org.tandem.media.sdp.SdpLine;
import org.tandem.media.sdp.SessionDescription;
import org.tandem.media.srtp.SdesException;

/**
 * DTLS-SRTP of one anchored call (issue 16), per face: a WebRTC party (its SDP's audio is {@code UDP/TLS/RTP/SAVPF}
 * with {@code a=fingerprint}, RFC 5763/5764) gets a face that is the DTLS server ({@code a=setup:passive}) checking its
 * fingerprint; the other party sees plain RTP (or SDES SRTP, {@link SrtpSides}) and never DTLS. SDP on its way to a
 * WebRTC party is made what a browser takes as an answer (JSEP, RFC 8829 §5.3): the DTLS profile, our fingerprint and
 * role, rtcp-mux (RFC 8834 §5.1.1) and the {@code a=mid} (and BUNDLE group, RFC 9143) of its offer. Runs after
 * {@link SrtpSides}, on the call's stripe.
 */
final class DtlsSides {

    static final String PROFILE = "UDP/TLS/RTP/SAVPF";

    private final Supplier<String> ourFingerprint; // the relay's: its certificate is made on first use
    private final EnumMap<Side, String> fingerprint = new EnumMap<>(Side.class); // a WebRTC party's a=fingerprint
    private final EnumMap<Side, String> mid = new EnumMap<>(Side.class); // the a=mid of its audio
    private final EnumMap<Side, Boolean> bundle = new EnumMap<>(Side.class); // it offered a BUNDLE group
    private Side offerer;
    private String lastOrigin;
    private Side lastFrom;
    private boolean lastWasAnswer;

    DtlsSides(Supplier<String> ourFingerprint) {
        this.ourFingerprint = ourFingerprint;
    }

    /** True when {@code sdp}'s primary audio asks for DTLS-SRTP. */
    static boolean isDtls(SessionDescription sdp) {
        MediaDescription audio = sdp == null ? null : sdp.firstAudio();
        // UDP/TLS/RTP/SAVP(F); SrtpSides may already have made it ...AVP(F) for a plain receiver
        return audio != null && audio.port() != 0 && isDtlsProfile(audio.proto());
    }

    /** UDP/TLS/RTP/SAVP(F): DTLS-SRTP (RFC 5764 §8). */
    static boolean isDtlsProfile(String proto) {
        return proto.regionMatches(true, 0, "UDP/TLS/RTP/", 0, 12); // any case, no upper-cased copy per offer
    }

    /**
     * SDP from {@code from}'s party on its way to the other (after {@link SrtpSides} put the receiver's SDES keys or
     * plain profile in): takes a WebRTC party's fingerprint and starts its face's DTLS, and rewrites the SDP for the
     * receiver.
     *
     * @throws SdesException a WebRTC offer we cannot take (no sha-256 fingerprint, or it wants us as the DTLS client)
     */
    void passing(RelayCall relay, Side from, SessionDescription sdp) {
        MediaDescription audio = sdp.firstAudio();
        if (audio == null) return;
        Side to = from.other();
        String origin = sdp.origin();
        boolean again =
                origin != null && origin.equals(lastOrigin) && from == lastFrom; // 183 then 200 (RFC 3261 §13.2.1)
        boolean answer = again ? lastWasAnswer : offerer == to;
        if (!again) offerer = answer ? null : from;
        lastOrigin = origin;
        lastFrom = from;
        lastWasAnswer = answer;
        if (isDtls(sdp)) {
            String fp = first(audio.attributes("fingerprint"), sdp.attributes("fingerprint"));
            String setup = first(audio.attributes("setup"), sdp.attributes("setup"));
            if (fp == null || !fp.trim().toLowerCase(Locale.ROOT).startsWith("sha-256 ")) {
                throw new SdesException("DTLS-SRTP needs a sha-256 a=fingerprint (RFC 8122, RFC 8827 §6.5)");
            }
            String role = setup == null ? "actpass" : setup.trim().toLowerCase(Locale.ROOT);
            // RFC 5763 §5: the relay is always the DTLS server; an offerer that insists on being it (passive) is
            // refused
            if (role.equals("passive") || (answer && !role.equals("active"))) {
                throw new SdesException("a=setup:" + role + ": the appliance is the DTLS server (a=setup:passive, "
                        + "RFC 5763 §5); offer a=setup:actpass or active");
            }
            fingerprint.put(from, fp.trim());
            List<String> mids = audio.attributes("mid");
            mid.put(from, mids.isEmpty() ? null : mids.get(0));
            bundle.put(from, sdp.attributes("group").stream().anyMatch(g -> g.startsWith("BUNDLE")));
            relay.leg(from).dtlsSrtp(fp.trim());
            toPlain(sdp, audio);
        } else if (fingerprint.remove(from) != null) {
            relay.leg(from).dtlsSrtp(null); // the party left DTLS (a re-offer without it)
        }
        if (fingerprint.get(to) != null) toWebRtc(sdp, audio, to, answer);
    }

    /**
     * An offer to a browser callee (issue 16) that has not said anything yet: the WebRTC profile, our fingerprint,
     * {@code a=setup:actpass} (it answers active: the relay stays the DTLS server), rtcp-mux and a mid, as JSEP wants.
     */
    void offerToBrowser(SessionDescription sdp, MediaDescription audio) {
        toWebRtc(sdp, audio, null, false);
        if (audio.attributes("mid").isEmpty()) audio.addAttribute("mid", "0");
    }

    /** True when the SDP last passed was an answer (RFC 3264 §6), false for an offer. */
    boolean lastWasAnswer() {
        return lastWasAnswer;
    }

    /** True when {@code side}'s party is a WebRTC endpoint (its face speaks DTLS-SRTP). */
    boolean isDtls(Side side) {
        return fingerprint.get(side) != null;
    }

    /** The WebRTC party's SDP as a SIP phone takes it: its SRTP is ours to terminate, so no DTLS attributes pass. */
    private static void toPlain(SessionDescription sdp, MediaDescription audio) {
        boolean sdes = !audio.attributes("crypto").isEmpty(); // SrtpSides keyed it for a phone on SIP-TLS
        audio.setProto(sdes ? "RTP/SAVP" : "RTP/AVP");
        for (String a : List.of("fingerprint", "setup", "tls-id")) {
            audio.removeAttributes(a);
            sdp.removeAttributes(a);
        }
    }

    private void toWebRtc(SessionDescription sdp, MediaDescription audio, Side to, boolean answer) {
        audio.setProto(PROFILE);
        audio.removeAttributes("crypto"); // DTLS keys, never SDES ones, towards a WebRTC party
        for (String a : List.of("fingerprint", "setup", "rtcp-mux", "mid")) {
            audio.removeAttributes(a);
            sdp.removeAttributes(a);
        }
        audio.addAttribute("fingerprint", ourFingerprint.get());
        audio.addAttribute("setup", answer ? "passive" : "actpass");
        audio.addAttribute("rtcp-mux", "");
        String m = to == null ? null : mid.get(to);
        if (m != null) audio.addAttribute("mid", m);
    }

    /**
     * After the SDP was pointed at the relay (which drops BUNDLE groups): an answer to a WebRTC party that offered
     * BUNDLE gets its one-stream group back (RFC 9143 §7.3: the answerer keeps the offerer's group, here of one mid).
     */
    void regroup(SessionDescription sdp, Side to) {
        String m = mid.get(to);
        if (m != null && lastWasAnswer && lastFrom == to.other() && Boolean.TRUE.equals(bundle.get(to))) {
            sdp.sessionLines().add(new SdpLine('a', "group:BUNDLE " + m));
        }
    }

    private static String first(List<String> media, List<String> session) {
        return !media.isEmpty() ? media.get(0) : !session.isEmpty() ? session.get(0) : null;
    }
}
