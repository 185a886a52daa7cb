package org.tandem.pbx.anchor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tandem.media.InvalidSdpException;
import org.tandem.media.sdp.MediaDescription;
import org.tandem.media.sdp.SessionDescription;
import org.tandem.media.srtp.Sdes;

/** The scan reads what the SDP model reads, and gives up where the model refuses or the offer is SRTP (issue 23). */
class PlainOfferTest {

    static final String HEAD = "v=0\r\no=- 1 1 IN IP4 10.0.0.2\r\ns=-\r\n";

    static final List<String> OFFERS = List.of(
            HEAD + "c=IN IP4 10.0.0.2\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\n",
            RelayAnchorTest.A_OFFER,
            RelayAnchorTest.C_ANSWER,
            // LF only, blank lines, blanks around lines and fields
            "v=0\no=- 1 1 IN IP4 10.0.0.2\n\n s=- \nc=IN  IP4\t10.0.0.9 \nt=0 0\nm=audio  4000/2  RTP/AVP 0\n\n",
            // the audio stream's own c= wins over the session's; only the first of each counts
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
            // SRTP: the full parse decides
            HEAD + "c=IN IP4 10.0.0.2\r\nt=0 0\r\nm=audio 4000 RTP/SAVP 0\r\na=crypto:1 AES_CM_128_HMAC_SHA1_80 "
                    + "inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz\r\n",
            HEAD + "c=IN IP4 10.0.0.2\r\nt=0 0\r\nm=audio 9 udp/tls/rtp/savpf 111\r\na=fingerprint:sha-256 AB\r\n",
            // blanks the model's \\s+ splits on, and control characters it does not (trim() drops them at the ends)
            HEAD + "c=IN\u000BIP4\f10.0.0.4\u0001\r\nt=0 0\r\nm=audio\t4000 \u001CRTP/AVP 0\r\n",
            HEAD + "c=IN IP4\u000110.0.0.4\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n",
            // what the model refuses
            "v=0\r\nbogus\r\n",
            HEAD + "c=IN IP4\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n",
            HEAD + "c=XX IP4 10.0.0.2\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n",
            HEAD + "c=IN IP4 10.0.0.2\r\nt=0 0\r\nm=audio 4000\r\n",
            HEAD + "c=IN IP4 10.0.0.2\r\nt=0 0\r\nm=audio x RTP/AVP 0\r\n",
            HEAD + "c=IN IP4 10.0.0.2\r\nt=0 0\r\nm=audio 70000 RTP/AVP 0\r\n",
            HEAD + "c=IN IP4 10.0.0.2\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\nc=IN\r\n",
            HEAD + "x\r\n",
            "",
            " \r\n");

    @Test
    void readsWhatTheSdpModelReadsOrGivesUp() {
        for (String sdp : OFFERS) {
            SessionDescription model;
            try {
                model = SessionDescription.parse(sdp);
            } catch (InvalidSdpException e) {
                assertThat(PlainOffer.scan(sdp))
                        .as("refused by the model: %s", sdp)
                        .isNull();
                continue;
            }
            MediaDescription audio = model.firstAudio();
            boolean srtp =
                    audio != null && (Sdes.isSdesProfile(audio.proto()) || DtlsSides.isDtlsProfile(audio.proto()));
            if (srtp) {
                assertThat(PlainOffer.scan(sdp)).as("SRTP: %s", sdp).isNull();
                continue;
            }
            assertThat(PlainOffer.scan(sdp))
                    .as(sdp)
                    .isEqualTo(new PlainOffer(audio == null ? null : audio.proto(), AnchoredSdp.primaryAddress(model)));
        }
    }

    @Test
    void fieldsAreSplitAsTheModelSplitsThem() {
        char[] alphabet = {' ', '\t', '\n', '\u000B', '\f', '\r', '\u0001', '\u001C', 'a', 'b', '/'};
        java.util.Random random = new java.util.Random(23);
        for (int round = 0; round < 20_000; round++) {
            char[] chars = new char[random.nextInt(12)];
            for (int i = 0; i < chars.length; i++) chars[i] = alphabet[random.nextInt(alphabet.length)];
            String value = new String(chars);
            String[] split = value.trim().split("\\s+");
            String line = "c=" + value;
            assertThat(PlainOffer.fields(line, 2, line.length()))
                    .as("'%s'", value)
                    .isEqualTo(split.length < 3 ? null : java.util.Arrays.copyOf(split, 3));
        }
    }

    @Test
    void theAddressThatTellsNatIsThePrimaryStreams() {
        assertThat(PlainOffer.scan(OFFERS.get(4))).isEqualTo(new PlainOffer("RTP/AVP", "192.168.1.5"));
        assertThat(PlainOffer.scan(OFFERS.get(9)).primaryAddress()).isEqualTo("10.0.0.2");
        assertThat(PlainOffer.scan(OFFERS.get(10))).isEqualTo(new PlainOffer(null, "10.0.0.8"));
        assertThat(PlainOffer.scan(OFFERS.get(14))).isEqualTo(new PlainOffer("RTP/AVPF", "10.0.0.2"));
    }
}
