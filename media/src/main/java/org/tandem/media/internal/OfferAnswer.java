package org.tandem.media.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tandem.media.InvalidSdpException;
import org.tandem.media.NoCommonCodecException;
import org.tandem.media.sdp.Direction;
import org.tandem.media.sdp.MediaDescription;
import org.tandem.media.sdp.SessionDescription;
import org.tandem.media.srtp.Sdes;
import org.tandem.media.srtp.SdesException;
import org.tandem.media.srtp.SdesPolicy;

/**
 * RFC 3264 answerer: picks the first offered codec we support (§6.1: the offer's order is the
 * offerer's preference), keeps the offer's telephone-event payload type (RFC 4733 §7.1), mirrors the
 * direction (§6.1: sendonly ↔ recvonly; hold, §8.4) and rejects every other stream with port 0 (§6). An RTP/SAVP
 * stream with SDES keys is taken where the {@link SdesPolicy} allows (issue 22).
 */
public final class OfferAnswer {

    /** The outcome for the one audio stream, plus the answer to send. */
    public record Negotiated(
            AudioCodec codec,
            int payloadType,
            int dtmfPayloadType,
            int ptimeMs,
            InetSocketAddress remoteRtp,
            InetSocketAddress remoteRtcp,
            boolean weSend,
            boolean weReceive,
            String answerSdp,
            Sdes.Choice srtp) {

        /** True when the stream is SRTP (RFC 3711) with the SDES keys of {@link #srtp}. */
        public boolean secure() {
            return srtp != null;
        }
    }

    private OfferAnswer() {}

    public static Negotiated answer(
            String offerSdp, InetAddress localAddress, int localPort, long sessionId, long version)
            throws NoCommonCodecException {
        return answer(offerSdp, localAddress, localPort, sessionId, version, null, null); // RTP/AVP(F) only
    }

    /**
     * As above, taking also an RTP/SAVP(F) stream with SDES keys (RFC 4568) where {@code policy} allows it: the answer
     * carries one a=crypto line of the chosen offer line's tag and suite with our own key (RFC 4568 §7.1.2).
     *
     * @param policy   null to take plain RTP only (an RTP/SAVP stream is then just not ours, as before issue 22)
     * @param previous the keys of the stream this re-offer updates, or null: our key is kept while the offer's tag
     *                 and suite stay the same (RFC 4568 §7.1.4 lets either side keep its key)
     * @throws SdesException no stream could be taken and an SRTP rule or key is why (the 488's reason)
     */
    public static Negotiated answer(
            String offerSdp,
            InetAddress localAddress,
            int localPort,
            long sessionId,
            long version,
            SdesPolicy policy,
            Sdes.Choice previous)
            throws NoCommonCodecException {
        SessionDescription offer = SessionDescription.parse(offerSdp);
        SessionDescription answer =
                SessionDescription.create("tandem", sessionId, version, "Tandem", localAddress.getHostAddress());
        Negotiated chosen = null;
        StringBuilder offered = new StringBuilder();
        List<String> refusals = new ArrayList<>();
        for (MediaDescription m : offer.media()) {
            Negotiated n = null;
            boolean savp = policy != null && Sdes.isSdesProfile(m.proto());
            if (chosen == null && m.type().equals("audio") && m.port() != 0 && (isPlainRtp(m.proto()) || savp)) {
                offered.append(describe(m));
                String refusal = policy == null ? null : policy.refusal(m.proto());
                Sdes.Choice keys = null;
                if (refusal == null && savp) {
                    try {
                        keys = keep(previous, Sdes.answer(m));
                    } catch (SdesException e) {
                        refusal = e.getMessage();
                    }
                }
                if (refusal == null) {
                    n = negotiate(offer, m, localPort, answer, keys);
                } else {
                    refusals.add(refusal);
                }
            } else if (m.type().equals("audio")) {
                offered.append(m.proto()).append(' ');
            }
            if (n != null) {
                chosen = n;
            } else { // RFC 3264 §6: a rejected stream keeps its line with port 0
                answer.add(m.rejected());
            }
        }
        if (chosen == null && !refusals.isEmpty()) throw new SdesException(String.join("; ", refusals));
        if (chosen == null) {
            throw new NoCommonCodecException(
                    "no audio stream with PCMU, PCMA or Opus over RTP/AVP in the offer (offered: "
                            + (offered.length() == 0
                                    ? "no audio"
                                    : offered.toString().trim()) + ")");
        }
        return new Negotiated(
                chosen.codec(),
                chosen.payloadType(),
                chosen.dtmfPayloadType(),
                chosen.ptimeMs(),
                chosen.remoteRtp(),
                chosen.remoteRtcp(),
                chosen.weSend(),
                chosen.weReceive(),
                answer.toString(),
                chosen.srtp());
    }

    /** A re-offer under the same tag and suite keeps our key, so the party's receiving context stays valid. */
    private static Sdes.Choice keep(Sdes.Choice previous, Sdes.Choice fresh) {
        if (previous == null
                || previous.local().tag() != fresh.local().tag()
                || previous.local().suite() != fresh.local().suite()) {
            return fresh;
        }
        return new Sdes.Choice(fresh.remote(), previous.local());
    }

    private static boolean isPlainRtp(String proto) {
        // RTP/AVPF is RTP/AVP plus feedback we may ignore (RFC 4585 §3.1); SAVP needs SRTP keys we do not have
        return proto.equals("RTP/AVP") || proto.equals("RTP/AVPF");
    }

    /** Negotiates {@code m} and adds its answer to {@code answer}; null (nothing added) without a common codec. */
    private static Negotiated negotiate(
            SessionDescription offer, MediaDescription m, int localPort, SessionDescription answer, Sdes.Choice keys) {
        // G.711 first, in the offer's order (§6.1): the engine's audio is 8 kHz, so Opus would cost CPU and
        // gain nothing; Opus (RFC 7587) only when the offer has no G.711 (e.g. some WebRTC clients)
        Map<Integer, String> rtpmaps = m.rtpmaps();
        AudioCodec codec = null;
        int pt = -1;
        for (boolean opus : new boolean[] {false, true}) {
            for (int format : m.payloadTypes()) {
                String map = rtpmaps.get(format);
                AudioCodec c = map != null ? AudioCodec.byRtpmap(map) : AudioCodec.byStaticPayloadType(format);
                if (c != null && (c == AudioCodec.OPUS) == opus) {
                    codec = c;
                    pt = format;
                    break;
                }
            }
            if (codec != null) break;
        }
        if (codec == null) return null;
        // RFC 4733 §2.1: telephone-event at the audio codec's clock rate; any rate if the offer has no such one
        int dtmf = -1;
        boolean dtmfRateMatches = false;
        for (int format : m.payloadTypes()) {
            String map = rtpmaps.get(format);
            if (map == null || !map.toLowerCase(Locale.ROOT).startsWith("telephone-event/")) continue;
            boolean matches = map.substring(16).trim().split("/")[0].equals(String.valueOf(codec.rtpClockRate));
            if (dtmf < 0 || (matches && !dtmfRateMatches)) {
                dtmf = format;
                dtmfRateMatches = matches;
            }
        }
        // Opus at 8 kHz takes 10/20/40/60 ms frames (RFC 6716 §2.1.4); 20 ms suits every peer
        int offeredPtime = m.ptime();
        int ptime = codec == AudioCodec.OPUS
                ? 20
                : offeredPtime <= 0 ? 20 : Math.max(10, Math.min(60, (offeredPtime + 5) / 10 * 10));
        String connection = offer.connectionOf(m);
        if (connection == null) throw new InvalidSdpException("no c= line for the audio stream (RFC 4566 §5.7)");
        InetAddress remote = resolve(connection);
        boolean holdAddress = remote.isAnyLocalAddress(); // c=0.0.0.0: RFC 3264 §8.4 (RFC 2543 hold)
        Direction dir = offer.directionOf(m);
        boolean remoteSends = dir.sends();
        boolean remoteReceives = dir.receives() && !holdAddress;
        InetSocketAddress rtp = holdAddress ? null : new InetSocketAddress(remote, m.port());
        int rtcpPort = m.rtcpPort();
        InetSocketAddress rtcp =
                holdAddress ? null : new InetSocketAddress(remote, rtcpPort > 0 ? rtcpPort : m.port() + 1);
        List<String> formats =
                dtmf >= 0 ? List.of(String.valueOf(pt), String.valueOf(dtmf)) : List.of(String.valueOf(pt));
        MediaDescription a = MediaDescription.create("audio", localPort, m.proto(), formats);
        a.addAttribute("rtpmap", pt + " " + codec.rtpmap);
        if (codec == AudioCodec.OPUS) { // RFC 7587 §6.1: we play and capture no more than 8 kHz audio
            a.addAttribute("fmtp", pt + " maxplaybackrate=8000;sprop-maxcapturerate=8000");
        }
        if (dtmf >= 0) {
            a.addAttribute("rtpmap", dtmf + " " + rtpmaps.get(dtmf).trim());
            a.addAttribute("fmtp", dtmf + " 0-16"); // RFC 4733 §7.1.1: the DTMF events
        }
        a.addAttribute("ptime", String.valueOf(ptime));
        if (keys != null) a.addAttribute("crypto", keys.local().format()); // RFC 4568 §7.1.2: one line, the offer's tag
        a.setDirection(Direction.of(remoteReceives, remoteSends));
        answer.add(a);
        return new Negotiated(codec, pt, dtmf, ptime, rtp, rtcp, remoteReceives, remoteSends, null, keys);
    }

    private static InetAddress resolve(String address) {
        try {
            // numeric addresses only: resolving a host name here would block the caller's thread on DNS
            if (!address.matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
                throw new InvalidSdpException("c= address '" + address + "' is not a numeric IP address");
            }
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new InvalidSdpException("bad c= address '" + address + "'");
        }
    }

    private static String describe(MediaDescription m) {
        StringBuilder s = new StringBuilder();
        Map<Integer, String> rtpmaps = m.rtpmaps();
        for (int f : m.payloadTypes()) {
            String map = rtpmaps.get(f);
            s.append(map != null ? map : String.valueOf(f)).append(' ');
        }
        return s.toString();
    }
}
