package org.tandem.media.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.tandem.media.InvalidSdpException;
import org.tandem.media.NoCommonCodecException;
import org.tandem.media.srtp.SdesException;
import org.tandem.media.srtp.SdesPolicy;
import org.tandem.media.srtp.SrtpMode;

/** RFC 3264 answers to offers captured from real phones and tools. */
class OfferAnswerTest {

    static final String YEALINK_T46S = """
            v=0
            o=- 20008 20008 IN IP4 192.168.1.50
            s=SDP data
            c=IN IP4 192.168.1.50
            t=0 0
            m=audio 11796 RTP/AVP 0 8 18 9 101
            a=rtpmap:0 PCMU/8000
            a=rtpmap:8 PCMA/8000
            a=rtpmap:18 G729/8000
            a=fmtp:18 annexb=no
            a=rtpmap:9 G722/8000
            a=fmtp:101 0-15
            a=rtpmap:101 telephone-event/8000
            a=ptime:20
            a=sendrecv
            """;

    static final String POLYCOM_VVX = """
            v=0
            o=- 1605793345 1605793345 IN IP4 10.0.0.21
            s=Polycom IP Phone
            c=IN IP4 10.0.0.21
            t=0 0
            a=sendrecv
            m=audio 2222 RTP/AVP 9 102 0 8 18 127
            a=rtpmap:9 G722/8000
            a=rtpmap:102 G7221/16000
            a=fmtp:102 bitrate=32000
            a=rtpmap:0 PCMU/8000
            a=rtpmap:8 PCMA/8000
            a=rtpmap:18 G729/8000
            a=fmtp:18 annexb=no
            a=rtpmap:127 telephone-event/8000
            """;

    static final String BARESIP = """
            v=0
            o=- 2890844526 2890844527 IN IP4 192.168.1.20
            s=-
            c=IN IP4 192.168.1.20
            t=0 0
            m=audio 10720 RTP/AVP 96 9 0 8 101
            b=AS:128
            a=rtpmap:96 opus/48000/2
            a=fmtp:96 stereo=1;sprop-stereo=1
            a=rtpmap:9 G722/8000
            a=rtpmap:0 PCMU/8000
            a=rtpmap:8 PCMA/8000
            a=rtpmap:101 telephone-event/8000
            a=fmtp:101 0-15
            a=rtcp-rsize
            a=sendrecv
            a=label:1
            a=ssrc:1029402121 cname:a5a0c2f4
            m=video 10722 RTP/AVP 100
            a=rtpmap:100 H264/90000
            """;

    // sipp -sn uac_pcap
    static final String SIPP_PCAP =
            "v=0\r\no=user1 53655765 2353687637 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\n"
                    + "t=0 0\r\nm=audio 6000 RTP/AVP 8 101\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:101 telephone-event/8000\r\n"
                    + "a=fmtp:101 0-15\r\n";

    private static OfferAnswer.Negotiated answer(String offer) throws Exception {
        return OfferAnswer.answer(offer, InetAddress.getByName("192.0.2.10"), 10002, 77, 1);
    }

    @Test
    void yealinkGetsPcmuWithItsDtmfPayloadType() throws Exception {
        OfferAnswer.Negotiated n = answer(YEALINK_T46S);
        assertThat(n.codec()).isEqualTo(AudioCodec.PCMU);
        assertThat(n.payloadType()).isZero();
        assertThat(n.dtmfPayloadType()).isEqualTo(101);
        assertThat(n.ptimeMs()).isEqualTo(20);
        assertThat(n.remoteRtp().getAddress().getHostAddress()).isEqualTo("192.168.1.50");
        assertThat(n.remoteRtp().getPort()).isEqualTo(11796);
        assertThat(n.remoteRtcp().getPort()).isEqualTo(11797);
        assertThat(n.weSend()).isTrue();
        assertThat(n.weReceive()).isTrue();
        assertThat(n.answerSdp())
                .isEqualTo("v=0\r\no=tandem 77 1 IN IP4 192.0.2.10\r\ns=Tandem\r\n"
                        + "c=IN IP4 192.0.2.10\r\nt=0 0\r\nm=audio 10002 RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\n"
                        + "a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\na=ptime:20\r\na=sendrecv\r\n");
    }

    @Test
    void polycomPrefersG722SoWeTakeItsFirstG711AndSessionLevelDirection() throws Exception {
        OfferAnswer.Negotiated n = answer(POLYCOM_VVX);
        assertThat(n.codec()).isEqualTo(AudioCodec.PCMU);
        assertThat(n.dtmfPayloadType()).isEqualTo(127);
        assertThat(n.answerSdp()).contains("m=audio 10002 RTP/AVP 0 127\r\n").contains("a=sendrecv");
    }

    @Test
    void baresipOpusFirstAndVideoStreamRejectedWithPortZero() throws Exception {
        OfferAnswer.Negotiated n = answer(BARESIP);
        assertThat(n.codec()).isEqualTo(AudioCodec.PCMU);
        assertThat(n.answerSdp())
                .contains("m=audio 10002 RTP/AVP 0 101\r\n")
                .endsWith("m=video 0 RTP/AVP 100\r\n"); // RFC 3264 §6: same number of m= lines
    }

    @Test
    void sippPcapOffersPcmaOnly() throws Exception {
        OfferAnswer.Negotiated n = answer(SIPP_PCAP);
        assertThat(n.codec()).isEqualTo(AudioCodec.PCMA);
        assertThat(n.payloadType()).isEqualTo(8);
        assertThat(n.answerSdp()).contains("a=rtpmap:8 PCMA/8000");
    }

    @Test
    void holdBySendonlyIsAnsweredRecvonlyAndWeStopSending() throws Exception {
        OfferAnswer.Negotiated n = answer(YEALINK_T46S.replace("a=sendrecv", "a=sendonly"));
        assertThat(n.answerSdp()).contains("a=recvonly\r\n");
        assertThat(n.weSend()).isFalse();
        assertThat(n.weReceive()).isTrue();
        n = answer(YEALINK_T46S.replace("a=sendrecv", "a=inactive"));
        assertThat(n.answerSdp()).contains("a=inactive\r\n");
        assertThat(n.weReceive()).isFalse();
        n = answer(YEALINK_T46S.replace("a=sendrecv", "a=recvonly"));
        assertThat(n.answerSdp()).contains("a=sendonly\r\n");
        assertThat(n.weReceive()).isFalse();
    }

    @Test
    void holdByZeroAddressMeansDoNotSend() throws Exception { // RFC 3264 §8.4, RFC 2543 style
        OfferAnswer.Negotiated n = answer(YEALINK_T46S.replace("c=IN IP4 192.168.1.50", "c=IN IP4 0.0.0.0"));
        assertThat(n.weSend()).isFalse();
        assertThat(n.remoteRtp()).isNull();
        assertThat(n.answerSdp()).contains("a=recvonly");
    }

    @Test
    void ptimeAndDynamicPcmuPayloadTypeAndRtcpAttribute() throws Exception {
        String offer = "v=0\r\no=- 1 1 IN IP4 10.1.1.1\r\ns=-\r\nt=0 0\r\nm=audio 4000 RTP/AVP 112\r\n"
                + "c=IN IP4 10.1.1.1\r\na=rtpmap:112 pcmu/8000\r\na=ptime:30\r\na=rtcp:4011\r\n";
        OfferAnswer.Negotiated n = answer(offer);
        assertThat(n.codec()).isEqualTo(AudioCodec.PCMU);
        assertThat(n.payloadType()).isEqualTo(112);
        assertThat(n.ptimeMs()).isEqualTo(30);
        assertThat(n.dtmfPayloadType()).isEqualTo(-1);
        assertThat(n.remoteRtcp().getPort()).isEqualTo(4011); // RFC 3605
        assertThat(n.answerSdp()).contains("m=audio 10002 RTP/AVP 112\r\na=rtpmap:112 PCMU/8000\r\na=ptime:30\r\n");
    }

    // a browser-like offer without G.711 (RFC 7587 Opus, telephone-event at both clock rates)
    static final String OPUS_ONLY = "v=0\r\no=- 4611 2 IN IP4 192.168.1.30\r\ns=-\r\nt=0 0\r\n"
            + "m=audio 50000 RTP/AVP 111 110 126\r\nc=IN IP4 192.168.1.30\r\na=rtpmap:111 opus/48000/2\r\n"
            + "a=fmtp:111 minptime=10;useinbandfec=1\r\na=rtpmap:110 telephone-event/48000\r\n"
            + "a=rtpmap:126 telephone-event/8000\r\na=sendrecv\r\n";

    @Test
    void opusOnlyWhenNoG711AndWithTheTelephoneEventOfItsClock() throws Exception {
        OfferAnswer.Negotiated n = answer(OPUS_ONLY);
        assertThat(n.codec()).isEqualTo(AudioCodec.OPUS);
        assertThat(n.payloadType()).isEqualTo(111);
        assertThat(n.dtmfPayloadType()).isEqualTo(110);
        assertThat(n.ptimeMs()).isEqualTo(20);
        assertThat(n.answerSdp())
                .contains(
                        "m=audio 10002 RTP/AVP 111 110\r\na=rtpmap:111 opus/48000/2\r\n"
                                + "a=fmtp:111 maxplaybackrate=8000;sprop-maxcapturerate=8000\r\na=rtpmap:110 telephone-event/48000\r\n");
        // with G.711 also on offer, G.711 wins even when Opus comes first (baresip): the engine is 8 kHz
        assertThat(answer(OPUS_ONLY.replace("RTP/AVP 111 110 126", "RTP/AVP 111 110 126 8"))
                        .codec())
                .isEqualTo(AudioCodec.PCMA);
        assertThat(answer(OPUS_ONLY.replace("RTP/AVP 111 110 126", "RTP/AVP 111 110 126 8"))
                        .dtmfPayloadType())
                .isEqualTo(126);
    }

    @Test
    void noG711MeansNoCommonCodec() {
        String g729only = YEALINK_T46S
                .replace("RTP/AVP 0 8 18 9 101", "RTP/AVP 18 101")
                .replace("a=rtpmap:0 PCMU/8000\n", "")
                .replace("a=rtpmap:8 PCMA/8000\n", "");
        assertThatThrownBy(() -> answer(g729only))
                .isInstanceOf(NoCommonCodecException.class)
                .hasMessageContaining("G729/8000");
    }

    @Test
    void srtpOnlyAndVideoOnlyOffersAreNotAcceptable() {
        assertThatThrownBy(() -> answer(YEALINK_T46S.replace("RTP/AVP", "RTP/SAVP")))
                .isInstanceOf(NoCommonCodecException.class)
                .hasMessageContaining("RTP/SAVP");
        assertThatThrownBy(() -> answer("v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=-\r\nc=IN IP4 1.2.3.4\r\nt=0 0\r\n"
                        + "m=video 5000 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\n"))
                .isInstanceOf(NoCommonCodecException.class)
                .hasMessageContaining("no audio");
    }

    private static final String KEY = "1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz";
    private static final String SAVP_THEN_AVP =
            "v=0\r\no=- 1 1 IN IP4 192.0.2.7\r\ns=-\r\nc=IN IP4 192.0.2.7\r\nt=0 0\r\n"
                    + "m=audio 5000 RTP/SAVP 0\r\na=crypto:" + KEY + "\r\n"
                    + "m=audio 5002 RTP/AVP 0\r\n";

    private static OfferAnswer.Negotiated answer(String offer, SrtpMode mode, boolean tls) throws Exception {
        return OfferAnswer.answer(
                offer, InetAddress.getByName("192.0.2.10"), 10002, 77, 1, new SdesPolicy(mode, tls), null);
    }

    /** Issue 22: the offer's first acceptable stream wins (RFC 3264 §6.1); SDES keys only over TLS (RFC 4568 §8.3). */
    @Test
    void srtpIsTakenOverTlsAndTheOffersPlainStreamOtherwise() throws Exception {
        OfferAnswer.Negotiated overTls = answer(SAVP_THEN_AVP, SrtpMode.OPTIONAL, true);
        assertThat(overTls.secure()).isTrue();
        assertThat(overTls.remoteRtp().getPort()).isEqualTo(5000);
        assertThat(overTls.answerSdp())
                .contains("m=audio 10002 RTP/SAVP 0")
                .contains("m=audio 0 RTP/AVP 0")
                .containsOnlyOnce("a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:")
                .doesNotContain(KEY);

        OfferAnswer.Negotiated overUdp = answer(SAVP_THEN_AVP, SrtpMode.OPTIONAL, false);
        assertThat(overUdp.secure()).isFalse();
        assertThat(overUdp.remoteRtp().getPort()).isEqualTo(5002);
        assertThat(overUdp.answerSdp())
                .contains("m=audio 0 RTP/SAVP 0")
                .contains("m=audio 10002 RTP/AVP 0")
                .doesNotContain("a=crypto");

        assertThat(answer(SAVP_THEN_AVP, SrtpMode.OFF, true).secure())
                .as("srtp=off: the plain stream")
                .isFalse();
    }

    @Test
    void srtpRefusalsSayWhy() {
        String savpOnly = SAVP_THEN_AVP.substring(0, SAVP_THEN_AVP.indexOf("m=audio 5002"));
        assertThatThrownBy(() -> answer(savpOnly, SrtpMode.OPTIONAL, false))
                .isInstanceOf(SdesException.class)
                .hasMessageContaining("only taken over SIP-TLS");
        assertThatThrownBy(() -> answer(savpOnly, SrtpMode.OFF, true))
                .isInstanceOf(SdesException.class)
                .hasMessageContaining("tandem.media.srtp=off");
        assertThatThrownBy(() ->
                        answer(savpOnly.replace(KEY, "1 AES_256_CM_HMAC_SHA1_80 inline:abc"), SrtpMode.OPTIONAL, true))
                .isInstanceOf(SdesException.class)
                .hasMessageContaining("AES_256_CM_HMAC_SHA1_80");
        String avpOnly = "v=0\r\no=- 1 1 IN IP4 192.0.2.7\r\ns=-\r\nc=IN IP4 192.0.2.7\r\nt=0 0\r\n"
                + "m=audio 5002 RTP/AVP 0\r\n";
        assertThatThrownBy(() -> answer(avpOnly, SrtpMode.REQUIRED, true))
                .isInstanceOf(SdesException.class)
                .hasMessageContaining("required");
    }

    @Test
    void garbageIsABadRequestNamingTheLine() {
        assertThatThrownBy(() -> answer("v=0\r\nm=audio x RTP/AVP 0\r\n"))
                .isInstanceOf(InvalidSdpException.class)
                .hasMessageContaining("m=audio x RTP/AVP 0");
        assertThatThrownBy(() -> answer("hello")).isInstanceOf(InvalidSdpException.class);
        assertThatThrownBy(() -> answer("")).isInstanceOf(InvalidSdpException.class);
        assertThatThrownBy(() -> answer(YEALINK_T46S.replace("c=IN IP4 192.168.1.50", "c=IN IP4 phone.example.com")))
                .isInstanceOf(InvalidSdpException.class)
                .hasMessageContaining("phone.example.com");
    }

    @Test
    void ipv6Connection() throws Exception {
        String offer = YEALINK_T46S.replace("c=IN IP4 192.168.1.50", "c=IN IP6 2001:db8::5");
        OfferAnswer.Negotiated n = OfferAnswer.answer(offer, InetAddress.getByName("2001:db8::1"), 10002, 1, 1);
        assertThat(n.remoteRtp().getAddress().getHostAddress()).isEqualTo("2001:db8:0:0:0:0:0:5");
        assertThat(n.answerSdp()).contains("c=IN IP6 2001:db8:0:0:0:0:0:1");
    }
}
