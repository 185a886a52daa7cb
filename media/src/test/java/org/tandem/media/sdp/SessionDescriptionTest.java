package org.tandem.media.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tandem.media.InvalidSdpException;

/** The one SDP model: real offers survive a round trip, and each rewrite touches only its own line. */
class SessionDescriptionTest {

    /** A Yealink T46S offer behind a NAT (private address), session-level c=, RFC 3605 a=rtcp. */
    static final String YEALINK =
            "v=0\r\no=- 20008 20008 IN IP4 192.168.1.50\r\ns=SDP data\r\nc=IN IP4 192.168.1.50\r\n"
                    + "t=0 0\r\nm=audio 11796 RTP/AVP 0 8 18 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n"
                    + "a=rtpmap:18 G729/8000\r\na=fmtp:18 annexb=no\r\na=fmtp:101 0-15\r\na=rtpmap:101 telephone-event/8000\r\n"
                    + "a=ptime:20\r\na=rtcp:11797\r\na=sendrecv\r\n";

    /** Chromium's audio offer, shortened: ICE, DTLS fingerprint, rtcp-mux, media-level c=, a data channel. */
    static final String WEBRTC = "v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"
            + "a=group:BUNDLE 0 1\r\na=msid-semantic: WMS\r\n"
            + "m=audio 54400 UDP/TLS/RTP/SAVPF 111 0 8 126\r\nc=IN IP4 192.168.7.3\r\n"
            + "a=rtcp:9 IN IP4 0.0.0.0\r\na=candidate:1 1 udp 2122260223 192.168.7.3 54400 typ host generation 0\r\n"
            + "a=ice-ufrag:EsAw\r\na=ice-pwd:P2uYro0UCOQ4zxjKXaWCBui1\r\n"
            + "a=fingerprint:sha-256 D2:FA:0E:C3:22:59:5E:14:95:69:92:3D:13:B4:84:24:2C:C2:A2:C0:3E:FD:34:8E:5E:EA:6F:AF:52:CE:E6:0F\r\n"
            + "a=setup:actpass\r\na=mid:0\r\na=sendrecv\r\na=rtcp-mux\r\na=rtpmap:111 opus/48000/2\r\n"
            + "a=fmtp:111 minptime=10;useinbandfec=1\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n"
            + "a=rtpmap:126 telephone-event/8000\r\n"
            + "m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\nc=IN IP4 0.0.0.0\r\na=mid:1\r\na=sctp-port:5000\r\n";

    @Test
    void realOffersSurviveARoundTripLineForLine() {
        assertThat(SessionDescription.parse(YEALINK).toString()).isEqualTo(YEALINK);
        assertThat(SessionDescription.parse(WEBRTC).toString()).isEqualTo(WEBRTC);
        assertThat(SessionDescription.parse(YEALINK.replace("\r\n", "\n")).toString())
                .isEqualTo(YEALINK);
    }

    @Test
    void readsWhatOfferAnswerAndTheRelayNeed() {
        SessionDescription sdp = SessionDescription.parse(YEALINK);
        MediaDescription audio = sdp.firstAudio();
        assertThat(audio.port()).isEqualTo(11796);
        assertThat(audio.payloadTypes()).containsExactly(0, 8, 18, 101);
        assertThat(audio.rtpmaps()).containsEntry(101, "telephone-event/8000").hasSize(4);
        assertThat(audio.fmtp(18)).isEqualTo("annexb=no");
        assertThat(audio.ptime()).isEqualTo(20);
        assertThat(audio.rtcpPort()).isEqualTo(11797);
        assertThat(audio.connection()).isNull();
        assertThat(sdp.connectionOf(audio)).isEqualTo("192.168.1.50"); // RFC 4566 §5.7: the session's applies
        assertThat(sdp.directionOf(audio)).isEqualTo(Direction.SENDRECV);
        assertThat(audio.hasIce()).isFalse();

        SessionDescription web = SessionDescription.parse(WEBRTC);
        MediaDescription webAudio = web.media().get(0);
        assertThat(web.connectionOf(webAudio)).isEqualTo("192.168.7.3");
        assertThat(webAudio.hasIce()).isTrue();
        assertThat(webAudio.isRtcpMux()).isTrue();
        assertThat(webAudio.rtcpAddress()).isEqualTo("0.0.0.0");
        assertThat(web.media().get(1).isRtp()).isFalse();
        assertThat(web.media().get(1).payloadTypes()).isEmpty();
        assertThat(web.media().get(1).formats()).containsExactly("webrtc-datachannel");
    }

    @Test
    void directionComesFromTheStreamThenTheSessionThenSendrecv() {
        String sessionHold = YEALINK.replace("a=sendrecv\r\n", "").replace("t=0 0\r\n", "t=0 0\r\na=sendonly\r\n");
        SessionDescription sdp = SessionDescription.parse(sessionHold);
        assertThat(sdp.direction()).isEqualTo(Direction.SENDONLY);
        assertThat(sdp.directionOf(sdp.firstAudio())).isEqualTo(Direction.SENDONLY);
        assertThat(sdp.isHold()).isTrue();
        assertThat(SessionDescription.parse(YEALINK.replace("a=sendrecv\r\n", ""))
                        .directionOf(SessionDescription.parse(YEALINK.replace("a=sendrecv\r\n", ""))
                                .firstAudio()))
                .isEqualTo(Direction.SENDRECV);
    }

    @Test
    void recognisesTheThreeWaysToHoldAndNotRecvonly() {
        assertThat(SessionDescription.parse(YEALINK.replace("a=sendrecv", "a=sendonly"))
                        .isHold())
                .isTrue();
        assertThat(SessionDescription.parse(YEALINK.replace("a=sendrecv", "a=inactive"))
                        .isHold())
                .isTrue();
        assertThat(SessionDescription.parse(YEALINK.replace("c=IN IP4 192.168.1.50", "c=IN IP4 0.0.0.0"))
                        .isHold())
                .isTrue();
        assertThat(SessionDescription.parse(YEALINK.replace("a=sendrecv", "a=recvonly"))
                        .isHold())
                .isFalse();
        assertThat(SessionDescription.parse(YEALINK).isHold()).isFalse();
    }

    @Test
    void movingEveryConnectionTouchesOnlyAddresses() {
        SessionDescription sdp = SessionDescription.parse(WEBRTC).setAllConnections("203.0.113.9");
        String out = sdp.toString();
        assertThat(out)
                .startsWith(
                        "v=0\r\no=- 4611731400430051336 2 IN IP4 203.0.113.9\r\ns=-\r\nc=IN IP4 203.0.113.9\r\nt=0 0\r\n");
        assertThat(out)
                .doesNotContain("192.168.7.3\r\n")
                .contains("m=audio 54400 UDP/TLS/RTP/SAVPF 111 0 8 126\r\nc=IN IP4 203.0.113.9\r\n");
        assertThat(out)
                .contains("a=fingerprint:sha-256 D2:FA")
                .contains("a=rtcp-mux\r\n")
                .contains("a=sctp-port:5000\r\n");
        // the candidate is an attribute: removing it is the caller's choice, not a side effect of moving c=
        assertThat(out).contains("a=candidate:1 1 udp 2122260223 192.168.7.3 54400 typ host");
    }

    @Test
    void portRtcpDirectionAndVersionAreRewrittenInPlace() {
        SessionDescription sdp = SessionDescription.parse(YEALINK);
        MediaDescription audio = sdp.firstAudio();
        audio.setPort(30000).setRtcp(30001, null).setDirection(Direction.SENDONLY);
        sdp.incrementVersion();
        assertThat(sdp.toString())
                .isEqualTo(YEALINK.replace("20008 20008", "20008 20009")
                        .replace("11796", "30000")
                        .replace("a=rtcp:11797", "a=rtcp:30001")
                        .replace("a=sendrecv", "a=sendonly"));
        audio.setRtcp(30001, "203.0.113.9");
        assertThat(audio.rtcpAddress()).isEqualTo("203.0.113.9");
        assertThat(audio.rtcpPort()).isEqualTo(30001);
    }

    @Test
    void aStreamWithoutItsOwnConnectionGetsOneRightAfterTheMediaLine() {
        SessionDescription sdp = SessionDescription.parse(YEALINK);
        sdp.firstAudio().setConnection("198.51.100.4");
        assertThat(sdp.toString()).contains("m=audio 11796 RTP/AVP 0 8 18 101\r\nc=IN IP4 198.51.100.4\r\na=rtpmap:0");
        assertThat(sdp.connection()).isEqualTo("192.168.1.50");
        assertThat(sdp.connectionOf(sdp.firstAudio())).isEqualTo("198.51.100.4");
    }

    @Test
    void aRejectedStreamKeepsTypeProtoAndFormatsOnly() {
        MediaDescription rejected =
                SessionDescription.parse(WEBRTC).media().get(0).rejected();
        assertThat(rejected.toString()).isEqualTo("m=audio 0 UDP/TLS/RTP/SAVPF 111 0 8 126\r\n");
    }

    @Test
    void buildsADescriptionFromNothing() {
        SessionDescription sdp = SessionDescription.create("tandem", 7, 1, "Tandem", "2001:db8::1")
                .add(MediaDescription.create("audio", 10000, "RTP/AVP", List.of("0"))
                        .addAttribute("ptime", "20"));
        assertThat(sdp.toString())
                .isEqualTo("v=0\r\no=tandem 7 1 IN IP6 2001:db8::1\r\ns=Tandem\r\nc=IN IP6 2001:db8::1\r\n"
                        + "t=0 0\r\nm=audio 10000 RTP/AVP 0\r\na=ptime:20\r\n");
    }

    @Test
    void refusesWhatIsNotSdpWithAMessageNamingTheLine() {
        assertThatThrownBy(() -> SessionDescription.parse("")).isInstanceOf(InvalidSdpException.class);
        assertThatThrownBy(() -> SessionDescription.parse("v=0\r\nhello\r\n")).hasMessageContaining("'hello'");
        assertThatThrownBy(() -> SessionDescription.parse("v=0\r\nc=ATM NSAP 1\r\n"))
                .hasMessageContaining("bad c= line");
        assertThatThrownBy(() -> SessionDescription.parse("v=0\r\nm=audio 70000 RTP/AVP 0\r\n"))
                .hasMessageContaining("bad port");
        assertThatThrownBy(() -> SessionDescription.parse("v=0\r\nm=audio x RTP/AVP 0\r\n"))
                .hasMessageContaining("bad port");
        assertThatThrownBy(() -> SessionDescription.parse("v=0\r\nm=audio\r\n")).hasMessageContaining("bad m= line");
        assertThatThrownBy(() -> SessionDescription.parse(YEALINK.replace("a=ptime:20", "a=ptime:x"))
                        .firstAudio()
                        .ptime())
                .hasMessageContaining("a=ptime:x");
    }
}
