package org.tandem.pbx.trunk.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tandem.pbx.trunk.DtmfMode;

/** Golden tests of a trunk's codec list applied to offers (RFC 3264 §5.1 order, §6.1 answer ⊆ offer). */
class OfferRestrictionTest {

    private static final String PHONE = String.join(
            "\r\n",
            "v=0",
            "o=phone 1 1 IN IP4 192.0.2.10",
            "s=-",
            "c=IN IP4 192.0.2.10",
            "t=0 0",
            "m=audio 4000 RTP/AVP 0 8 9 111 13 101",
            "a=rtpmap:0 PCMU/8000",
            "a=rtpmap:8 PCMA/8000",
            "a=rtpmap:9 G722/8000",
            "a=rtpmap:111 opus/48000/2",
            "a=fmtp:111 useinbandfec=1",
            "a=rtpmap:13 CN/8000",
            "a=rtpmap:101 telephone-event/8000",
            "a=fmtp:101 0-16",
            "a=ptime:20",
            "a=sendrecv",
            "");

    @Test
    void keepsTheAllowedCodecsInTheTrunksOrderThenTelephoneEvent() {
        String out = OfferRestriction.restrict(PHONE, List.of("G722", "PCMA"), DtmfMode.RFC4733)
                .orElseThrow();

        assertThat(out)
                .isEqualTo(String.join(
                        "\r\n",
                        "v=0",
                        "o=phone 1 1 IN IP4 192.0.2.10",
                        "s=-",
                        "c=IN IP4 192.0.2.10",
                        "t=0 0",
                        "m=audio 4000 RTP/AVP 9 8 101",
                        "a=rtpmap:8 PCMA/8000",
                        "a=rtpmap:9 G722/8000",
                        "a=rtpmap:101 telephone-event/8000",
                        "a=fmtp:101 0-16",
                        "a=ptime:20",
                        "a=sendrecv",
                        ""));
    }

    @Test
    void namesAreCaseInsensitiveAndStaticPayloadTypesNeedNoRtpmap() {
        String offer = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n"
                + "m=audio 5000 RTP/AVP 0 8 18\r\n";

        String out = OfferRestriction.restrict(offer, List.of("PCMA", "G729"), DtmfMode.RFC4733)
                .orElseThrow();

        assertThat(out).contains("m=audio 5000 RTP/AVP 8 18\r\n");
        assertThat(OfferRestriction.restrict(offer.replace("0 8 18", "0"), List.of("pcmu"), DtmfMode.RFC4733))
                .hasValueSatisfying(s -> assertThat(s).contains("m=audio 5000 RTP/AVP 0\r\n"));
    }

    @Test
    void anOfferWithoutAnAllowedAudioCodecHasNoRestriction() {
        assertThat(OfferRestriction.restrict(PHONE, List.of("G729"), DtmfMode.RFC4733))
                .isEmpty();
        // comfort noise alone is nothing to talk with
        assertThat(OfferRestriction.restrict(PHONE, List.of("G729", "CN"), DtmfMode.RFC4733))
                .isEmpty();
    }

    @Test
    void noListLetsTheOfferPassUnchanged() {
        assertThat(OfferRestriction.restrict(PHONE, List.of(), DtmfMode.RFC4733))
                .hasValue(PHONE);
    }

    @Test
    void aSecondAudioStreamWithoutAllowedCodecsIsOfferedRejectedAndVideoIsLeftAlone() {
        String offer = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n"
                + "m=audio 5000 RTP/AVP 8\r\na=rtpmap:8 PCMA/8000\r\n"
                + "m=audio 5002 RTP/AVP 96\r\na=rtpmap:96 opus/48000/2\r\n"
                + "m=video 5004 RTP/AVP 97\r\na=rtpmap:97 H264/90000\r\n";

        String out = OfferRestriction.restrict(offer, List.of("PCMA"), DtmfMode.RFC4733)
                .orElseThrow();

        assertThat(out)
                .contains("m=audio 5000 RTP/AVP 8\r\na=rtpmap:8 PCMA/8000\r\n")
                .contains("m=audio 0 RTP/AVP 96\r\nm=video")
                .contains("m=video 5004 RTP/AVP 97\r\na=rtpmap:97 H264/90000\r\n");
    }
}
