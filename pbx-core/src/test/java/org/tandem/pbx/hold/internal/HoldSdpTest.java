package org.tandem.pbx.hold.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HoldSdpTest {

    /** A Yealink-like hold offer: session-level c=, RFC 3605 a=rtcp, and a video stream. */
    private static final String HOLD = "v=0\r\no=- 20011 20012 IN IP4 10.0.0.5\r\ns=SDP data\r\nc=IN IP4 10.0.0.5\r\n"
            + "t=0 0\r\nm=audio 11800 RTP/AVP 0 8 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n"
            + "a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-15\r\na=ptime:20\r\na=rtcp:11801\r\na=sendonly\r\n"
            + "m=video 11802 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\na=sendonly\r\n";

    @Test
    void recognisesTheThreeWaysToHold() {
        assertThat(HoldSdp.isHold(HOLD)).isTrue();
        assertThat(HoldSdp.isHold(HOLD.replace("a=sendonly", "a=inactive"))).isTrue();
        assertThat(HoldSdp.isHold(
                        HOLD.replace("a=sendonly", "a=sendrecv").replace("c=IN IP4 10.0.0.5", "c=IN IP4 0.0.0.0")))
                .isTrue();
        assertThat(HoldSdp.isHold(HOLD.replace("a=sendonly", "a=sendrecv"))).isFalse();
        assertThat(HoldSdp.isHold(HOLD.replace("a=sendonly", "a=recvonly"))).isFalse();
    }

    @Test
    void pointsOnlyTheAudioAtTheMusicSessionKeepingTheHoldersFormats() {
        String out = HoldSdp.pointAudioAt(HOLD, "192.0.2.7", 16000);
        assertThat(out).contains("m=audio 16000 RTP/AVP 0 8 101\r\nc=IN IP4 192.0.2.7\r\n");
        assertThat(out).contains("a=rtpmap:8 PCMA/8000").contains("a=rtpmap:101 telephone-event/8000");
        assertThat(out).doesNotContain("a=rtcp:11801");
        String audio = out.substring(out.indexOf("m=audio"), out.indexOf("m=video"));
        assertThat(audio).contains("a=sendonly").doesNotContain("a=inactive");
        assertThat(out.substring(out.indexOf("m=video")))
                .isEqualTo("m=video 11802 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\na=sendonly\r\n");
        assertThat(out).startsWith("v=0\r\no=- 20011 20012 IN IP4 10.0.0.5\r\ns=SDP data\r\nc=IN IP4 10.0.0.5\r\n");
    }

    @Test
    void anInactiveHoldBecomesSendonlyMusic() {
        String out = HoldSdp.pointAudioAt(HOLD.replace("a=sendonly", "a=inactive"), "127.0.0.1", 10002);
        String audio = out.substring(out.indexOf("m=audio"), out.indexOf("m=video"));
        assertThat(audio).contains("a=sendonly").doesNotContain("a=inactive");
    }
}
