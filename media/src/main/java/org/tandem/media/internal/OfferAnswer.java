package org.tandem.media.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import org.tandem.media.InvalidSdpException;
import org.tandem.media.NoCommonCodecException;

/**
 * RFC 3264 answerer: picks the first offered codec we support (§6.1: the offer's order is the
 * offerer's preference), keeps the offer's telephone-event payload type (RFC 4733 §7.1), mirrors the
 * direction (§6.1: sendonly ↔ recvonly; hold, §8.4) and rejects every other stream with port 0 (§6).
 */
public final class OfferAnswer {

    /** The outcome for the one audio stream, plus the answer to send. */
    public record Negotiated(AudioCodec codec, int payloadType, int dtmfPayloadType, int ptimeMs,
                             InetSocketAddress remoteRtp, InetSocketAddress remoteRtcp,
                             boolean weSend, boolean weReceive, String answerSdp) {
    }

    private OfferAnswer() {
    }

    public static Negotiated answer(String offerSdp, InetAddress localAddress, int localPort, long sessionId,
                                    long version) throws NoCommonCodecException {
        SessionDescription offer = SessionDescription.parse(offerSdp);
        StringBuilder mediaLines = new StringBuilder();
        Negotiated chosen = null;
        StringBuilder offered = new StringBuilder();
        for (SessionDescription.Media m : offer.media()) {
            Negotiated n = null;
            if (chosen == null && m.type().equals("audio") && m.port() != 0 && isPlainRtp(m.proto())) {
                n = negotiate(m, localAddress, localPort);
                offered.append(describe(m));
            } else if (m.type().equals("audio")) {
                offered.append(m.proto()).append(' ');
            }
            if (n != null) {
                chosen = n;
                mediaLines.append(n.answerSdp());
            } else { // RFC 3264 §6: a rejected stream keeps its line with port 0
                mediaLines.append("m=").append(m.type()).append(" 0 ").append(m.proto()).append(' ')
                        .append(m.formatList()).append("\r\n");
            }
        }
        if (chosen == null) {
            throw new NoCommonCodecException("no audio stream with PCMU, PCMA or Opus over RTP/AVP in the offer (offered: "
                    + (offered.length() == 0 ? "no audio" : offered.toString().trim()) + ")");
        }
        String ip = localAddress.getHostAddress();
        String family = localAddress instanceof java.net.Inet6Address ? "IP6" : "IP4";
        String sdp = "v=0\r\n"
                + "o=tandem " + sessionId + " " + version + " IN " + family + " " + ip + "\r\n"
                + "s=Tandem\r\n"
                + "c=IN " + family + " " + ip + "\r\n"
                + "t=0 0\r\n"
                + mediaLines;
        return new Negotiated(chosen.codec(), chosen.payloadType(), chosen.dtmfPayloadType(), chosen.ptimeMs(),
                chosen.remoteRtp(), chosen.remoteRtcp(), chosen.weSend(), chosen.weReceive(), sdp);
    }

    private static boolean isPlainRtp(String proto) {
        // RTP/AVPF is RTP/AVP plus feedback we may ignore (RFC 4585 §3.1); SAVP needs SRTP keys we do not have
        return proto.equals("RTP/AVP") || proto.equals("RTP/AVPF");
    }

    private static Negotiated negotiate(SessionDescription.Media m, InetAddress localAddress, int localPort) {
        // G.711 first, in the offer's order (§6.1): the engine's audio is 8 kHz, so Opus would cost CPU and
        // gain nothing; Opus (RFC 7587) only when the offer has no G.711 (e.g. some WebRTC clients)
        AudioCodec codec = null;
        int pt = -1;
        for (boolean opus : new boolean[] {false, true}) {
            for (int format : m.formats()) {
                String map = m.rtpmaps().get(format);
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
        for (int format : m.formats()) {
            String map = m.rtpmaps().get(format);
            if (map == null || !map.toLowerCase(Locale.ROOT).startsWith("telephone-event/")) continue;
            boolean matches = map.substring(16).trim().split("/")[0].equals(String.valueOf(codec.rtpClockRate));
            if (dtmf < 0 || (matches && !dtmfRateMatches)) {
                dtmf = format;
                dtmfRateMatches = matches;
            }
        }
        // Opus at 8 kHz takes 10/20/40/60 ms frames (RFC 6716 §2.1.4); 20 ms suits every peer
        int ptime = codec == AudioCodec.OPUS ? 20
                : m.ptime() <= 0 ? 20 : Math.max(10, Math.min(60, (m.ptime() + 5) / 10 * 10));
        String connection = m.connection();
        if (connection == null) throw new InvalidSdpException("no c= line for the audio stream (RFC 4566 §5.7)");
        InetAddress remote = resolve(connection);
        boolean holdAddress = remote.isAnyLocalAddress(); // c=0.0.0.0: RFC 3264 §8.4 (RFC 2543 hold)
        String dir = m.direction();
        boolean remoteSends = dir.equals("sendrecv") || dir.equals("sendonly");
        boolean remoteReceives = (dir.equals("sendrecv") || dir.equals("recvonly")) && !holdAddress;
        InetSocketAddress rtp = holdAddress ? null : new InetSocketAddress(remote, m.port());
        InetSocketAddress rtcp = holdAddress ? null
                : new InetSocketAddress(remote, m.rtcpPort() > 0 ? m.rtcpPort() : m.port() + 1);
        String answerDirection = remoteSends && remoteReceives ? "sendrecv"
                : remoteSends ? "recvonly" : remoteReceives ? "sendonly" : "inactive";
        StringBuilder s = new StringBuilder();
        s.append("m=audio ").append(localPort).append(' ').append(m.proto()).append(' ').append(pt);
        if (dtmf >= 0) s.append(' ').append(dtmf);
        s.append("\r\n");
        s.append("a=rtpmap:").append(pt).append(' ').append(codec.rtpmap).append("\r\n");
        if (codec == AudioCodec.OPUS) { // RFC 7587 §6.1: we play and capture no more than 8 kHz audio
            s.append("a=fmtp:").append(pt).append(" maxplaybackrate=8000;sprop-maxcapturerate=8000\r\n");
        }
        if (dtmf >= 0) {
            s.append("a=rtpmap:").append(dtmf).append(' ').append(m.rtpmaps().get(dtmf).trim()).append("\r\n");
            s.append("a=fmtp:").append(dtmf).append(" 0-16\r\n"); // RFC 4733 §7.1.1: the DTMF events
        }
        s.append("a=ptime:").append(ptime).append("\r\n");
        s.append("a=").append(answerDirection).append("\r\n");
        return new Negotiated(codec, pt, dtmf, ptime, rtp, rtcp, remoteReceives, remoteSends, s.toString());
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

    private static String describe(SessionDescription.Media m) {
        StringBuilder s = new StringBuilder();
        for (int f : m.formats()) {
            String map = m.rtpmaps().get(f);
            s.append(map != null ? map : String.valueOf(f)).append(' ');
        }
        return s.toString();
    }

}
