package org.tandem.pbx.anchor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.tandem.media.sdp.SessionDescription;

/** The primary stream, whose address tells NAT, is the same whether the offer is parsed or scanned (issue 14). */
class AnchoredSdpTest {

    static final String HEAD = "v=0\r\no=- 1 1 IN IP4 10.0.0.2\r\ns=-\r\n";

    @Test
    void theAddressThatTellsNatIsThePrimaryStreams() {
        assertPrimaryAddress(RelayAnchorTest.A_OFFER, "192.168.1.100");
        // the audio stream's own c= wins over the session's; only the first of each counts
        assertPrimaryAddress(
                HEAD + "c=IN IP4 10.0.0.2\r\nc=IN IP4 10.0.0.7\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n"
                        + "c=IN IP4 192.168.1.5\r\nc=IN IP4 192.168.1.6\r\n",
                "192.168.1.5");
        // audio after video: audio is primary
        assertPrimaryAddress(
                HEAD + "c=IN IP4 10.0.0.2\r\nt=0 0\r\nm=video 5000 RTP/AVP 96\r\nc=IN IP4 10.0.0.8\r\n"
                        + "m=audio 4000 RTP/AVP 0\r\n",
                "10.0.0.2");
        // audio declined: the first relayed stream of any kind
        assertPrimaryAddress(
                HEAD + "c=IN IP4 10.0.0.2\r\nt=0 0\r\nm=audio 0 RTP/AVP 0\r\nm=video 5000 RTP/AVP 96\r\n"
                        + "c=IN IP4 10.0.0.8\r\n",
                "10.0.0.8");
        // a stream that is not RTP is not relayed; no stream relayed, no address
        assertPrimaryAddress(
                HEAD + "c=IN IP4 10.0.0.2\r\nt=0 0\r\nm=audio 4000 TCP/MSRP *\r\nm=video 5000 RTP/AVP 96\r\n"
                        + "c=IN IP4 10.0.0.8\r\n",
                "10.0.0.8");
        assertPrimaryAddress(
                HEAD + "c=IN IP4 10.0.0.2\r\nt=0 0\r\nm=application 5000 UDP/BFCP *\r\nm=audio 0 RTP/AVP 0\r\n", null);
        assertPrimaryAddress(HEAD + "t=0 0\r\nm=audio 4000 RTP/AVP 0\r\n", null);
    }

    private static void assertPrimaryAddress(String sdp, String address) {
        assertThat(AnchoredSdp.primaryAddress(SessionDescription.parse(sdp)))
                .as("parsed: %s", sdp)
                .isEqualTo(address);
        assertThat(AnchoredSdp.primaryAddress(SessionDescription.scanMedia(sdp)))
                .as("scanned: %s", sdp)
                .isEqualTo(address);
        assertThat(AnchoredSdp.primaryIndex(SessionDescription.scanMedia(sdp)))
                .isEqualTo(AnchoredSdp.primaryIndex(SessionDescription.parse(sdp)));
    }
}
