package org.tandem.pbx.anchor.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tandem.pbx.anchor.internal.RelayAnchorTest.APPLIANCE;
import static org.tandem.pbx.anchor.internal.RelayAnchorTest.LAN_C;
import static org.tandem.pbx.anchor.internal.RelayAnchorTest.NATED_A;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tandem.media.relay.RelayMode;
import org.tandem.media.relay.Side;
import org.tandem.media.sdp.MediaDescription;
import org.tandem.media.sdp.SessionDescription;

/**
 * Issue 20: every RTP m-line of an anchored call is relayed on ports of its own — a video desk phone keeps its video
 * through the relay, as with rtpengine or Asterisk's direct_media=no — and the SDP shapes around it: several m-lines,
 * port 0 kept, per-stream c= and a=rtcp, directions, non-RTP m-lines declined, streams added and removed by re-offers,
 * ICE-lite per m-line. Parties as in {@link RelayAnchorTest}: A behind NAT 1, C on the LAN.
 */
class MultiStreamAnchorTest {

    /** A Yealink-like video phone behind NAT: audio with a=rtcp, H.264 video with its own a=rtcp. */
    static final String A_VIDEO = "v=0\r\no=- 7 7 IN IP4 192.168.1.100\r\ns=-\r\nc=IN IP4 192.168.1.100\r\nt=0 0\r\n"
            + "m=audio 11796 RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\n"
            + "a=rtcp:11797\r\na=sendrecv\r\n"
            + "m=video 11798 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\na=fmtp:96 profile-level-id=42801F\r\n"
            + "a=rtcp:11799 IN IP4 192.168.1.100\r\na=sendrecv\r\n";

    static final String C_VIDEO = "v=0\r\no=c 1 1 IN IP4 10.0.0.2\r\ns=-\r\nc=IN IP4 10.0.0.2\r\nt=0 0\r\n"
            + "m=audio 4000 RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\n"
            + "m=video 4002 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\na=fmtp:96 profile-level-id=42801F\r\n";

    final RecordingRelay relay = new RecordingRelay();
    final List<Object> events = new ArrayList<>();

    RelayAnchor anchor() {
        LocalNetworks lan = LocalNetworks.of(List.of("10.0.0.0/24", "203.0.113.0/24"));
        return new RelayAnchor(
                relay, new AnchorPolicy(RelayMode.AUTO, lan), host -> APPLIANCE, id -> Runnable::run, events::add);
    }

    @Test
    void audioAndVideoAreEachRelayedOnPortsOfTheirOwnBothWays() {
        RelayAnchor anchor = anchor();
        String offer = anchor.offerToNewCall("v1", "tagA", NATED_A, List.of(LAN_C), List.of(), A_VIDEO);
        RecordingRelay.Call audio = relay.primary();
        RecordingRelay.Call video = relay.opened.get(1);
        SessionDescription toC = SessionDescription.parse(offer);
        assertThat(ports(toC)).containsExactly(audio.leg(Side.CALLEE).port, video.leg(Side.CALLEE).port);
        assertThat(offer)
                .doesNotContain("192.168.")
                .contains("a=rtcp:" + (audio.leg(Side.CALLEE).port + 1) + "\r\n")
                .contains("a=rtcp:" + (video.leg(Side.CALLEE).port + 1) + " IN IP4 " + APPLIANCE + "\r\n")
                .contains("a=fmtp:96 profile-level-id=42801F\r\n");
        assertThat(video.leg(Side.CALLER).last().rtp()).isEqualTo(new InetSocketAddress("192.168.1.100", 11798));
        assertThat(video.leg(Side.CALLER).last().rtcp()).isEqualTo(new InetSocketAddress("192.168.1.100", 11799));
        assertThat(video.leg(Side.CALLER).last().clockRate()).isEqualTo(90_000);
        assertThat(video.leg(Side.CALLER).last().source())
                .isEqualTo(audio.leg(Side.CALLER).last().source());

        String answer = anchor.passing("v1", Side.CALLEE, LAN_C, NATED_A, C_VIDEO);
        assertThat(ports(SessionDescription.parse(answer)))
                .containsExactly(audio.leg(Side.CALLER).port, video.leg(Side.CALLER).port);
        assertThat(answer).doesNotContain("10.0.0.2");
        assertThat(video.leg(Side.CALLEE).last().rtp()).isEqualTo(new InetSocketAddress("10.0.0.2", 4002));
        assertThat(video.leg(Side.CALLEE).last().rtcp()).isEqualTo(new InetSocketAddress("10.0.0.2", 4003));
        assertThat(relay.opened).hasSize(2);

        anchor.ended("v1", "BYE");
        assertThat(audio.closed).isTrue();
        assertThat(video.closed).as("the video's ports are freed with the call").isTrue();
    }

    /** Port 0 stays 0 in both directions, and a stream that is not RTP (BFCP, MSRP) is declined, never relayed. */
    @Test
    void disabledAndNonRtpStreamsStayDisabledAndOpenNothing() {
        String offer = A_VIDEO.replace("m=video 11798", "m=video 0")
                + "m=application 5070 UDP/BFCP *\r\nc=IN IP4 192.168.1.100\r\na=floorctrl:c-s\r\n"
                + "m=audio 11800 RTP/AVP 8\r\na=rtpmap:8 PCMA/8000\r\na=recvonly\r\n";
        String rewritten = anchor().offerToNewCall("v2", "t", NATED_A, List.of(LAN_C), List.of(), offer);
        assertThat(relay.opened).as("the first audio and the second audio").hasSize(2);
        SessionDescription toC = SessionDescription.parse(rewritten);
        assertThat(ports(toC))
                .containsExactly(
                        relay.primary().leg(Side.CALLEE).port,
                        0,
                        0,
                        relay.opened.get(1).leg(Side.CALLEE).port);
        assertThat(rewritten)
                .doesNotContain("192.168.")
                .contains("m=video 0 RTP/AVP 96\r\n")
                .contains("m=application 0 UDP/BFCP *\r\n")
                .doesNotContain("a=rtcp:11799");
        assertThat(toC.directionOf(toC.media().get(3)).attribute())
                .as("each stream keeps its direction")
                .isEqualTo("recvonly");
        assertThat(relay.opened.get(1).leg(Side.CALLER).last().rtp())
                .isEqualTo(new InetSocketAddress("192.168.1.100", 11800));
    }

    /** RFC 3264 §8.2, §8.3: a re-offer may add a stream (new ports), disable one (ports freed), and enable it again. */
    @Test
    void reOffersAddAndRemoveStreams() {
        RelayAnchor anchor = anchor();
        String audioOnly = A_VIDEO.substring(0, A_VIDEO.indexOf("m=video"));
        String cAudioOnly = C_VIDEO.substring(0, C_VIDEO.indexOf("m=video"));
        anchor.offerToNewCall("v3", "tagA", NATED_A, List.of(LAN_C), List.of(), audioOnly);
        anchor.passing("v3", Side.CALLEE, LAN_C, NATED_A, cAudioOnly);
        assertThat(relay.opened).hasSize(1);

        // C adds video in a re-INVITE: a new stream, its legs told where each party takes it
        String addVideo = anchor.passing("v3", Side.CALLEE, LAN_C, NATED_A, C_VIDEO);
        assertThat(relay.opened).hasSize(2);
        RecordingRelay.Call video = relay.opened.get(1);
        assertThat(ports(SessionDescription.parse(addVideo)))
                .containsExactly(relay.primary().leg(Side.CALLER).port, video.leg(Side.CALLER).port);
        anchor.passing("v3", Side.CALLER, NATED_A, LAN_C, A_VIDEO);
        assertThat(video.leg(Side.CALLER).last().rtp()).isEqualTo(new InetSocketAddress("192.168.1.100", 11798));
        assertThat(relay.opened).as("the answer's video joins the same stream").hasSize(2);

        // A drops the video: port 0 passes as port 0, the video's ports are freed, the audio goes on
        String dropVideo =
                anchor.passing("v3", Side.CALLER, NATED_A, LAN_C, A_VIDEO.replace("m=video 11798", "m=video 0"));
        assertThat(dropVideo)
                .contains("m=video 0 RTP/AVP 96\r\n")
                .contains("m=audio " + relay.primary().leg(Side.CALLEE).port);
        assertThat(video.closed).isTrue();
        assertThat(relay.primary().closed).isFalse();

        // and back: new ports for the enabled m-line
        String again = anchor.passing("v3", Side.CALLER, NATED_A, LAN_C, A_VIDEO);
        assertThat(relay.opened).hasSize(3);
        assertThat(ports(SessionDescription.parse(again)).get(1))
                .isEqualTo(relay.opened.get(2).leg(Side.CALLEE).port);
    }

    /** A hold of the video alone (its own c=0.0.0.0, RFC 2543) stays a hold; the audio's c= still names the relay. */
    @Test
    void perStreamConnectionsAndHoldsAreKeptPerStream() {
        RelayAnchor anchor = anchor();
        anchor.offerToNewCall("v4", "tagA", NATED_A, List.of(LAN_C), List.of(), A_VIDEO);
        anchor.passing("v4", Side.CALLEE, LAN_C, NATED_A, C_VIDEO);
        String videoHeld = "v=0\r\no=- 7 8 IN IP4 192.168.1.100\r\ns=-\r\nt=0 0\r\n"
                + "m=audio 11796 RTP/AVP 0\r\nc=IN IP4 192.168.1.100\r\na=sendrecv\r\n"
                + "m=video 11798 RTP/AVP 96\r\nc=IN IP4 0.0.0.0\r\na=rtpmap:96 H264/90000\r\n"
                + "a=rtcp:11799 IN IP4 192.168.1.100\r\na=sendrecv\r\n";
        String toC = anchor.passing("v4", Side.CALLER, NATED_A, LAN_C, videoHeld);
        SessionDescription parsed = SessionDescription.parse(toC);
        assertThat(parsed.connectionOf(parsed.media().get(0))).isEqualTo(APPLIANCE);
        assertThat(parsed.connectionOf(parsed.media().get(1))).isEqualTo("0.0.0.0");
        assertThat(toC).doesNotContain("192.168.");
        RecordingRelay.Call video = relay.opened.get(1);
        assertThat(video.leg(Side.CALLER).last().rtp()).isNull();
        assertThat(video.leg(Side.CALLEE).held)
                .as("C is told not to send video")
                .isTrue();
        assertThat(relay.primary().leg(Side.CALLEE).held).isFalse();
    }

    /** A video-only call anchors its video as the primary stream (its figures in the call record). */
    @Test
    void aCallWithoutAudioAnchorsItsVideo() {
        String videoOnly = A_VIDEO.replace("m=audio 11796", "m=audio 0");
        String toC = anchor().offerToNewCall("v5", "t", NATED_A, List.of(LAN_C), List.of(), videoOnly);
        assertThat(relay.opened).hasSize(1);
        assertThat(ports(SessionDescription.parse(toC)))
                .containsExactly(0, relay.primary().leg(Side.CALLEE).port);
        assertThat(relay.primary().leg(Side.CALLER).last().clockRate()).isEqualTo(90_000);
    }

    /** ICE-lite on every m-line whose party does ICE: each names its own relay face, RTCP multiplexed or not. */
    @Test
    void iceLiteIsAnsweredPerStream() {
        String webrtc = "v=0\r\no=- 46117 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0 1\r\n"
                + "a=ice-ufrag:EsAw\r\na=ice-pwd:P2uYro0UCOQ4zxjKXaWCBui1\r\n"
                + "m=audio 54400 RTP/AVPF 0\r\nc=IN IP4 192.168.7.3\r\na=rtcp-mux\r\na=mid:0\r\n"
                + "a=candidate:1 1 udp 2122260223 192.168.7.3 54400 typ host\r\n"
                + "m=video 54402 RTP/AVPF 96\r\nc=IN IP4 192.168.7.3\r\na=rtpmap:96 VP8/90000\r\na=mid:1\r\n"
                + "a=candidate:1 1 udp 2122260223 192.168.7.3 54402 typ host\r\n"
                + "a=candidate:1 2 udp 2122260222 192.168.7.3 54403 typ host\r\n";
        RelayAnchor anchor = anchor();
        String toC = anchor.offerToNewCall("v6", "t", NATED_A, List.of(LAN_C), List.of(), webrtc);
        assertThat(toC).doesNotContain("candidate").doesNotContain("ice-").doesNotContain("BUNDLE");
        RecordingRelay.Call audio = relay.primary();
        RecordingRelay.Call video = relay.opened.get(1);
        assertThat(audio.leg(Side.CALLER).iceRemote.ufrag()).isEqualTo("EsAw");
        assertThat(video.leg(Side.CALLER).iceRemote.ufrag())
                .as("session-level credentials apply to each stream")
                .isEqualTo("EsAw");

        String answer = anchor.passing(
                "v6",
                Side.CALLEE,
                LAN_C,
                NATED_A,
                C_VIDEO.replace("m=audio 4000 RTP/AVP 0 101\r\n", "m=audio 4000 RTP/AVP 0 101\r\na=rtcp-mux\r\n"));
        SessionDescription toA = SessionDescription.parse(answer);
        MediaDescription audioToA = toA.media().get(0);
        MediaDescription videoToA = toA.media().get(1);
        assertThat(toA.attributes("ice-lite")).hasSize(1);
        assertThat(audioToA.attributes("ice-ufrag"))
                .containsExactly(audio.leg(Side.CALLER).iceLocal.ufrag());
        assertThat(videoToA.attributes("ice-ufrag"))
                .containsExactly(video.leg(Side.CALLER).iceLocal.ufrag());
        assertThat(audioToA.attributes("candidate"))
                .singleElement()
                .asString()
                .contains(APPLIANCE + " " + audio.leg(Side.CALLER).port + " typ host");
        assertThat(videoToA.attributes("candidate"))
                .as("RTP and RTCP components")
                .hasSize(2)
                .anySatisfy(c -> assertThat(c).contains(APPLIANCE + " " + video.leg(Side.CALLER).port + " typ host"))
                .anySatisfy(c ->
                        assertThat(c).contains(APPLIANCE + " " + (video.leg(Side.CALLER).port + 1) + " typ host"));
        assertThat(answer).doesNotContain("10.0.0.2");
    }

    private static List<Integer> ports(SessionDescription sdp) {
        return sdp.media().stream().map(MediaDescription::port).toList();
    }
}
