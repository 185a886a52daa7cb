package org.tandem.media.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tandem.media.InvalidSdpException;

/** The scan reads what the SDP model reads, and refuses what it refuses with the same message (issue 14). */
class ScanMediaTest {

    static final String HEAD = "v=0\r\no=- 1 1 IN IP4 10.0.0.2\r\ns=-\r\n";

    static final List<String> OFFERS = List.of(
            HEAD + "c=IN IP4 10.0.0.2\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\n",
            SessionDescriptionTest.YEALINK,
            SessionDescriptionTest.WEBRTC,
            "v=0\r\no=- 20008 20008 IN IP4 192.168.1.100\r\ns=SDP data\r\nc=IN IP4 192.168.1.100\r\n"
                    + "t=0 0\r\nm=audio 11796 RTP/AVP 0 8 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n"
                    + "a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-15\r\na=ptime:20\r\na=rtcp:11797\r\n"
                    + "a=sendrecv\r\nm=video 11798 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\n",
            "v=0\r\no=c 1 1 IN IP4 10.0.0.2\r\ns=-\r\nc=IN IP4 10.0.0.2\r\nt=0 0\r\n"
                    + "m=audio 4000 RTP/AVP 8 101\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:101 telephone-event/8000\r\n"
                    + "m=video 0 RTP/AVP 96\r\n",
            // LF only, blank lines, blanks around lines and fields
            "v=0\no=- 1 1 IN IP4 10.0.0.2\n\n s=- \nc=IN  IP4\t10.0.0.9 \nt=0 0\nm=audio  4000/2  RTP/AVP 0\n\n",
            // a stream's own c= wins over the session's; only the first of each counts
            HEAD + "c=IN IP4 10.0.0.2\r\nc=IN IP4 10.0.0.7\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n"
                    + "c=IN IP4 192.168.1.5\r\nc=IN IP4 192.168.1.6\r\n",
            // multicast TTL, IPv6, a name, hold
            HEAD + "c=IN IP4 224.2.1.1/127\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n",
            HEAD + "c=IN IP6 2001:db8::1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n",
            HEAD + "c=IN IP4 phone.example\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n",
            HEAD + "c=IN IP4 0.0.0.0\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n",
            // video first, audio declined, no RTP at all, no c= at all, no m= at all
            HEAD + "c=IN IP4 10.0.0.2\r\nt=0 0\r\nm=video 5000 RTP/AVP 96\r\nc=IN IP4 10.0.0.8\r\n"
                    + "m=audio 4000 RTP/AVP 0\r\n",
            HEAD + "c=IN IP4 10.0.0.2\r\nt=0 0\r\nm=audio 0 RTP/AVP 0\r\nm=video 5000 RTP/AVP 96\r\n"
                    + "c=IN IP4 10.0.0.8\r\n",
            HEAD + "c=IN IP4 10.0.0.2\r\nt=0 0\r\nm=application 5000 UDP/BFCP *\r\nm=audio 0 RTP/AVP 0\r\n",
            HEAD + "t=0 0\r\nm=audio 4000 RTP/AVP 0\r\n",
            HEAD + "c=IN IP4 10.0.0.2\r\nt=0 0\r\n",
            // a second audio with a port, after a first one declined; an audio that is not RTP
            HEAD + "c=IN IP4 10.0.0.2\r\nt=0 0\r\nm=audio 0 RTP/SAVP 0\r\nm=audio 4002 RTP/AVPF 0\r\n",
            HEAD + "c=IN IP4 10.0.0.2\r\nt=0 0\r\nm=audio 4000 TCP/MSRP *\r\nm=video 5000 RTP/AVP 96\r\n",
            // SRTP
            HEAD + "c=IN IP4 10.0.0.2\r\nt=0 0\r\nm=audio 4000 RTP/SAVP 0\r\na=crypto:1 AES_CM_128_HMAC_SHA1_80 "
                    + "inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz\r\n",
            HEAD + "c=IN IP4 10.0.0.2\r\nt=0 0\r\nm=audio 9 udp/tls/rtp/savpf 111\r\na=fingerprint:sha-256 AB\r\n",
            // blanks the model's fields are split on, and control characters they are not (trimmed at the ends)
            HEAD + "c=IN\u000BIP4\f10.0.0.4\u0001\r\nt=0 0\r\nm=audio\t4000 \u001CRTP/AVP 0\r\n",
            HEAD + "c=IN IP4\u000110.0.0.4\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n",
            // what the model refuses
            "v=0\r\nbogus\r\n",
            HEAD + "c=IN IP4\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n",
            HEAD + "c=XX IP4 10.0.0.2\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n",
            HEAD + "c=IN IP4 10.0.0.2\r\nt=0 0\r\nm=audio 4000\r\n",
            HEAD + "c=IN IP4 10.0.0.2\r\nt=0 0\r\nm=audio x RTP/AVP 0\r\n",
            HEAD + "c=IN IP4 10.0.0.2\r\nt=0 0\r\nm=audio 70000 RTP/AVP 0\r\n",
            HEAD + "c=IN IP4 10.0.0.2\r\nt=0 0\r\nm=audio -1 RTP/AVP 0\r\n",
            HEAD + "c=IN IP4 10.0.0.2\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\nc=IN\r\n",
            HEAD + "x\r\n",
            "",
            " \r\n");

    /** Lines an offer is made of in {@link #randomOffersReadAlike}: good ones, bad ones, blank ones. */
    static final List<String> LINES = List.of(
            "v=0",
            "o=- 1 1 IN IP4 10.0.0.2",
            "c=IN IP4 10.0.0.1",
            "c=IN IP4 224.2.1.1/127",
            " c=IN\tIP6  2001:db8::1 ",
            "c=XX IP4 10.0.0.3",
            "c=IN IP4",
            "m=audio 4000 RTP/AVP 0 8",
            "m=audio 0 RTP/AVP 0",
            "m=video 5000/2 RTP/AVP 96",
            "m=application 9 UDP/BFCP *",
            "m=audio 4000 RTP/SAVP 0",
            "m=audio 99999 RTP/AVP 0",
            "m=audio 4000",
            "a=sendonly",
            "a=rtpmap:0 PCMU/8000",
            "",
            " ",
            "bogus");

    @Test
    void readsWhatTheModelReadsOrRefusesAlike() {
        for (String sdp : OFFERS) assertReadAlike(sdp);
    }

    @Test
    void randomOffersReadAlike() {
        Random random = new Random(14);
        for (int round = 0; round < 5_000; round++) {
            StringBuilder sdp = new StringBuilder();
            for (int n = random.nextInt(8); n > 0; n--) {
                sdp.append(LINES.get(random.nextInt(LINES.size()))).append(random.nextBoolean() ? "\r\n" : "\n");
            }
            assertReadAlike(sdp.toString());
        }
    }

    @Test
    void eachStreamCarriesTheAddressInForceForIt() {
        assertThat(SessionDescription.scanMedia(OFFERS.get(6)))
                .containsExactly(new ScannedMedia("audio", 4000, "RTP/AVP", "192.168.1.5"));
        assertThat(SessionDescription.scanMedia(OFFERS.get(11)))
                .containsExactly(
                        new ScannedMedia("video", 5000, "RTP/AVP", "10.0.0.8"),
                        new ScannedMedia("audio", 4000, "RTP/AVP", "10.0.0.2"));
        assertThat(SessionDescription.scanMedia(OFFERS.get(14)))
                .containsExactly(new ScannedMedia("audio", 4000, "RTP/AVP", null));
        assertThat(SessionDescription.firstAudio(SessionDescription.scanMedia(OFFERS.get(16))))
                .isEqualTo(new ScannedMedia("audio", 4002, "RTP/AVPF", "10.0.0.2"));
    }

    private static void assertReadAlike(String sdp) {
        SessionDescription model;
        try {
            model = SessionDescription.parse(sdp);
        } catch (InvalidSdpException e) {
            assertThatThrownBy(() -> SessionDescription.scanMedia(sdp))
                    .as("refused by the model: %s", sdp)
                    .isInstanceOf(InvalidSdpException.class)
                    .hasMessage(e.getMessage());
            return;
        }
        List<ScannedMedia> scanned = SessionDescription.scanMedia(sdp);
        assertThat(scanned)
                .as(sdp)
                .isEqualTo(model.media().stream()
                        .map(m -> new ScannedMedia(m.type(), m.port(), m.proto(), model.connectionOf(m)))
                        .toList());
        MediaDescription audio = model.firstAudio();
        assertThat(SessionDescription.firstAudio(scanned))
                .as(sdp)
                .isEqualTo(audio == null ? null : scanned.get(model.media().indexOf(audio)));
    }
}
