package org.tandem.pbx.anchor.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tandem.media.InvalidSdpException;
import org.tandem.media.relay.RelayMode;
import org.tandem.media.relay.Side;
import org.tandem.pbx.anchor.MediaAnchor.Party;
import org.tandem.pbx.anchor.StreamDead;
import org.tandem.pbx.call.CallMedia;

/**
 * Anchoring decisions and SDP rewriting, as the NAT lab's parties see them: the appliance at 203.0.113.10 (LAN
 * 10.0.0.0/24), phone A at 192.168.1.100 behind NAT 1 (public 203.0.113.21), phone C on the LAN at 10.0.0.2.
 */
class RelayAnchorTest {

    static final String APPLIANCE = "203.0.113.10";
    static final String EXTERNAL = "198.51.100.77";
    static final Party NATED_A = new Party("203.0.113.21", "192.168.1.100");
    static final Party LAN_C = new Party("10.0.0.2", "10.0.0.2");
    static final Party LAN_D = new Party("10.0.0.3", "10.0.0.3");

    static final String A_OFFER =
            "v=0\r\no=- 20008 20008 IN IP4 192.168.1.100\r\ns=SDP data\r\nc=IN IP4 192.168.1.100\r\n"
                    + "t=0 0\r\nm=audio 11796 RTP/AVP 0 8 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n"
                    + "a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-15\r\na=ptime:20\r\na=rtcp:11797\r\na=sendrecv\r\n"
                    + "m=video 11798 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\n";
    static final String C_ANSWER = "v=0\r\no=c 1 1 IN IP4 10.0.0.2\r\ns=-\r\nc=IN IP4 10.0.0.2\r\nt=0 0\r\n"
            + "m=audio 4000 RTP/AVP 8 101\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:101 telephone-event/8000\r\n"
            + "m=video 0 RTP/AVP 96\r\n";
    static final String LAN_OFFER = C_ANSWER.replace("10.0.0.2", "10.0.0.3");

    final RecordingRelay relay = new RecordingRelay();
    final List<Object> events = new ArrayList<>();

    RelayAnchor anchor(RelayMode mode) {
        LocalNetworks lan = LocalNetworks.of(List.of("10.0.0.0/24", "203.0.113.0/24"));
        return new RelayAnchor(
                relay,
                new AnchorPolicy(mode, lan),
                host -> host != null && !lan.isLocal(host) ? EXTERNAL : APPLIANCE,
                id -> Runnable::run,
                events::add);
    }

    @Test
    void aCallerBehindNatIsAnchoredAndItsOfferPointsAtTheCalleeLeg() throws Exception {
        RelayAnchor anchor = anchor(RelayMode.AUTO);
        String offer = anchor.offerToNewCall("c1", "tagA", NATED_A, List.of(LAN_C), List.of(), A_OFFER);

        assertThat(relay.opened)
                .as("audio and video, each on relay ports of its own")
                .hasSize(2);
        RecordingRelay.Call call = relay.primary();
        RecordingRelay.Call video = relay.opened.get(1);
        assertThat(offer)
                .doesNotContain("192.168.")
                .contains("c=IN IP4 " + APPLIANCE + "\r\n")
                .contains("o=- 20008 20008 IN IP4 " + APPLIANCE + "\r\n")
                .contains("m=audio " + call.leg(Side.CALLEE).port + " RTP/AVP 0 8 101\r\n")
                .contains("a=rtcp:" + (call.leg(Side.CALLEE).port + 1) + "\r\n")
                .contains("m=video " + video.leg(Side.CALLEE).port + " RTP/AVP 96\r\n")
                .contains("a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-15\r\n");
        RecordingRelay.Expected a = call.leg(Side.CALLER).last();
        assertThat(a.rtp()).isEqualTo(new InetSocketAddress("192.168.1.100", 11796));
        assertThat(a.rtcp()).isEqualTo(new InetSocketAddress("192.168.1.100", 11797));
        assertThat(a.source()).isEqualTo(InetAddress.getByName("203.0.113.21"));
        assertThat(a.clockRate()).isEqualTo(8000);

        // C answers: its leg learns where C is, and A is pointed at the caller leg; C declines the video, whose relay
        // ports are freed, and A is told it is declined
        String answer = anchor.passing("c1", Side.CALLEE, LAN_C, NATED_A, C_ANSWER);
        assertThat(answer)
                .contains("m=audio " + call.leg(Side.CALLER).port + " RTP/AVP 8 101\r\n")
                .contains("m=video 0 RTP/AVP 96\r\n")
                .contains("c=IN IP4 " + APPLIANCE)
                .doesNotContain("10.0.0.2");
        assertThat(video.closed).isTrue();
        assertThat(call.closed).isFalse();
        assertThat(call.leg(Side.CALLEE).last().rtp()).isEqualTo(new InetSocketAddress("10.0.0.2", 4000));
        assertThat(call.leg(Side.CALLEE).last().rtcp()).isEqualTo(new InetSocketAddress("10.0.0.2", 4001));

        assertThat(anchor.live("c1"))
                .hasValueSatisfying(m -> assertThat(m.relayed()).isTrue());
        assertThat(anchor.live("other")).isEmpty();
        anchor.ended("c1", "BYE");
        assertThat(anchor.live("c1")).isEmpty();
        assertThat(call.closed).isTrue();
        assertThat(events).singleElement().isInstanceOfSatisfying(CallMedia.class, m -> {
            assertThat(m.callId()).isEqualTo("c1");
            assertThat(m.relayed()).isTrue();
        });
        assertThat(anchor.isAnchored("c1")).isFalse();
        assertThat(anchor.passing("c1", Side.CALLER, NATED_A, LAN_C, A_OFFER)).isNull();
        assertThat(relay.opened).hasSize(2);
    }

    @Test
    void twoPhonesOnTheLanTalkDirectlyInAutoButNotInAlways() {
        assertThat(anchor(RelayMode.AUTO).offerToNewCall("c2", "t", LAN_D, List.of(LAN_C), List.of(), LAN_OFFER))
                .isNull();
        assertThat(relay.opened).isEmpty();
        assertThat(anchor(RelayMode.ALWAYS).offerToNewCall("c3", "t", LAN_D, List.of(LAN_C), List.of(), LAN_OFFER))
                .isNotNull();
        assertThat(anchor(RelayMode.NEVER).offerToNewCall("c4", "t", NATED_A, List.of(LAN_C), List.of(), A_OFFER))
                .isNull();
        assertThat(relay.opened).hasSize(1);
    }

    @Test
    void aLanCallerWhoseOfferNamesAnotherAddressIsBehindNatAndAnchored() {
        // SIP and Contact from 10.0.0.3, media from a private address behind it (nat_uac_test 8): decided from the
        // offer's c= line without the SDP model (issue 23), as the full path decides it
        String offer = LAN_OFFER.replace("c=IN IP4 10.0.0.3", "c=IN IP4 192.168.5.5");
        assertThat(anchor(RelayMode.AUTO).offerToNewCall("c16", "t", LAN_D, List.of(LAN_C), List.of(), offer))
                .contains("m=audio " + relay.primary().leg(Side.CALLEE).port);
        String hold = LAN_OFFER.replace("c=IN IP4 10.0.0.3", "c=IN IP4 0.0.0.0");
        assertThat(anchor(RelayMode.AUTO).offerToNewCall("c17", "t", LAN_D, List.of(LAN_C), List.of(), hold))
                .as("c=0.0.0.0 says nothing about NAT")
                .isNull();
        assertThat(relay.opened).hasSize(1);
    }

    @Test
    void aCalleeBehindNatAnchorsTheCallFromTheStart() {
        String offer =
                anchor(RelayMode.AUTO).offerToNewCall("c5", "t", LAN_D, List.of(LAN_C, NATED_A), List.of(), LAN_OFFER);
        assertThat(offer).contains("m=audio " + relay.primary().leg(Side.CALLEE).port);
    }

    @Test
    void aProviderOutsideTheLocalNetworksIsAnchoredOneInsideIsNot() {
        RelayAnchor anchor = anchor(RelayMode.AUTO);
        assertThat(anchor.offerToNewCall("c6", "t", LAN_D, List.of(), List.of("10.0.0.50"), LAN_OFFER))
                .isNull();
        assertThat(anchor.offerToNewCall("c7", "t", LAN_D, List.of(), List.of("sip.provider.example"), LAN_OFFER))
                .isNotNull();
        assertThat(anchor.offerToNewCall("c8", "t", LAN_D, List.of(), List.of("192.0.2.99"), LAN_OFFER))
                .isNotNull();
    }

    @Test
    void aPartyOutsideTheLanIsGivenTheExternalAddress() {
        RelayAnchor anchor = anchor(RelayMode.AUTO);
        Party home = new Party("192.0.2.44", "192.168.0.20");
        String offer = anchor.offerToNewCall("c9", "t", LAN_D, List.of(home), List.of(), LAN_OFFER);
        assertThat(offer).contains("c=IN IP4 " + EXTERNAL);
        String answer = anchor.passing("c9", Side.CALLEE, home, LAN_D, C_ANSWER.replace("10.0.0.2", "192.168.0.20"));
        assertThat(answer).contains("c=IN IP4 " + APPLIANCE).doesNotContain("192.168.0.20");
    }

    /** A fork that rings a phone outside and one in the office: each branch's offer names the address it reaches. */
    @Test
    void eachBranchOfAForkIsOfferedTheRelayAddressItReaches() {
        RelayAnchor anchor = anchor(RelayMode.AUTO);
        Party home = new Party("192.0.2.44", "192.168.0.20");
        String offer = anchor.offerToNewCall("c16", "t", NATED_A, List.of(LAN_C, home), List.of(), A_OFFER);
        String toLan = anchor.offerSeenBy("c16", offer, LAN_C);
        String toHome = anchor.offerSeenBy("c16", offer, home);
        assertThat(toLan)
                .contains("c=IN IP4 " + APPLIANCE)
                .doesNotContain(EXTERNAL)
                .doesNotContain("192.168.1.100");
        assertThat(toHome)
                .contains("c=IN IP4 " + EXTERNAL)
                .doesNotContain(APPLIANCE)
                .doesNotContain("192.168.1.100");
        assertThat(audioPort(toLan)).as("one relay port, two addresses").isEqualTo(audioPort(toHome));
        assertThat(anchor.offerSeenBy("not-anchored", A_OFFER, home)).isEqualTo(A_OFFER);
    }

    private static String audioPort(String sdp) {
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("m=audio (\\d+)").matcher(sdp);
        return m.find() ? m.group(1) : null;
    }

    @Test
    void reInvitesTellTheSidesApartReLatchAndHold() {
        RelayAnchor anchor = anchor(RelayMode.AUTO);
        anchor.offerToNewCall("c10", "tagA", NATED_A, List.of(LAN_C), List.of(), A_OFFER);
        anchor.passing("c10", Side.CALLEE, LAN_C, NATED_A, C_ANSWER);
        assertThat(anchor.sideOf("c10", "tagA")).isEqualTo(Side.CALLER);
        assertThat(anchor.sideOf("c10", "tagC")).isEqualTo(Side.CALLEE);
        assertThat(anchor.sideOf("other", "tagA")).isNull();

        // C puts A on hold: C will only send; A is told to send nothing, so A's silence is no dead stream
        RecordingRelay.Call call = relay.primary();
        String hold = anchor.passing(
                "c10", Side.CALLEE, LAN_C, NATED_A, C_ANSWER.replace("m=video 0 RTP/AVP 96\r\n", "a=sendonly\r\n"));
        assertThat(hold).contains("a=sendonly").contains("m=audio " + call.leg(Side.CALLER).port);
        assertThat(call.leg(Side.CALLER).held).isTrue();
        assertThat(call.leg(Side.CALLEE).held).isFalse();
        assertThat(call.leg(Side.CALLEE).expected).hasSize(2); // a new offer re-latches
        // resume
        anchor.passing("c10", Side.CALLEE, LAN_C, NATED_A, C_ANSWER);
        assertThat(call.leg(Side.CALLER).held).isFalse();
        // RFC 2543 hold by A: c=0.0.0.0 stays 0.0.0.0 (nothing is sent to A), and C is held
        String oldHold = anchor.passing(
                "c10", Side.CALLER, NATED_A, LAN_C, A_OFFER.replace("c=IN IP4 192.168.1.100", "c=IN IP4 0.0.0.0"));
        assertThat(oldHold).contains("c=IN IP4 0.0.0.0").doesNotContain("192.168.");
        assertThat(call.leg(Side.CALLER).last().rtp()).isNull();
        assertThat(call.leg(Side.CALLEE).held).isTrue();
    }

    @Test
    void aLateOfferIsRewrittenWhereItComesInThe2xxAndItsAnswerInTheAck() {
        RelayAnchor anchor = anchor(RelayMode.AUTO);
        assertThat(anchor.offerToNewCall("c11", "tagA", NATED_A, List.of(LAN_C), List.of(), null))
                .isNull();
        assertThat(anchor.isAnchored("c11")).isTrue();
        RecordingRelay.Call call = relay.only();
        assertThat(anchor.passing("c11", Side.CALLEE, LAN_C, NATED_A, C_ANSWER))
                .contains("m=audio " + call.leg(Side.CALLER).port);
        assertThat(anchor.passing("c11", Side.CALLER, NATED_A, LAN_C, A_OFFER))
                .contains("m=audio " + call.leg(Side.CALLEE).port)
                .doesNotContain("192.168.");
    }

    @Test
    void aPartyDoingIceLosesItsCandidatesTowardsTheOtherAndGetsIceLiteFromTheRelay() {
        String webrtc = "v=0\r\no=- 46117 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0\r\n"
                + "m=audio 54400 RTP/AVPF 0 8\r\nc=IN IP4 192.168.7.3\r\na=rtcp:9 IN IP4 0.0.0.0\r\n"
                + "a=candidate:1 1 udp 2122260223 192.168.7.3 54400 typ host\r\na=ice-ufrag:EsAw\r\n"
                + "a=ice-pwd:P2uYro0UCOQ4zxjKXaWCBui1\r\na=mid:0\r\na=rtcp-mux\r\na=sendrecv\r\n";
        RelayAnchor anchor = anchor(RelayMode.AUTO);
        String offer = anchor.offerToNewCall("c12", "t", NATED_A, List.of(LAN_C), List.of(), webrtc);
        RecordingRelay.Call call = relay.only();
        int calleePort = call.leg(Side.CALLEE).port;
        assertThat(offer)
                .as("C does no ICE: it sees none")
                .doesNotContain("candidate")
                .doesNotContain("ice-")
                .doesNotContain("192.168.")
                .doesNotContain("BUNDLE")
                .contains("a=rtcp-mux")
                .contains("a=rtcp:" + (calleePort + 1) + " IN IP4 " + APPLIANCE)
                .contains("o=- 46117 2 IN IP4 " + APPLIANCE);
        RecordingRelay.Expected a = call.leg(Side.CALLER).last();
        assertThat(a.mux()).isTrue();
        assertThat(a.rtcp()).isEqualTo(new InetSocketAddress("192.168.7.3", 9)); // a=rtcp's 0.0.0.0 means "the c= one"
        // the caller's face answers its checks with our credentials, and knows the caller's
        assertThat(call.leg(Side.CALLER).iceRemote.ufrag()).isEqualTo("EsAw");
        org.tandem.media.ice.IceCredentials ours = call.leg(Side.CALLER).iceLocal;
        assertThat(ours).isNotNull();
        assertThat(call.leg(Side.CALLEE).iceLocal).isNull();

        // C's answer reaches A as an ICE-lite answer naming the caller's face as our one candidate (rtcp-mux: one)
        String answer = anchor.passing(
                "c12", Side.CALLEE, LAN_C, NATED_A, C_ANSWER.replace("m=video 0 RTP/AVP 96\r\n", "a=rtcp-mux\r\n"));
        int callerPort = call.leg(Side.CALLER).port;
        assertThat(answer)
                .contains("a=ice-lite\r\n")
                .contains("a=ice-ufrag:" + ours.ufrag())
                .contains("a=ice-pwd:" + ours.pwd())
                .contains(APPLIANCE + " " + callerPort + " typ host")
                .contains("a=end-of-candidates")
                .doesNotContain(" 2 udp ");
        // the same credentials in a re-offer keep ours; new ones (an ICE restart) get new ones of ours
        anchor.passing("c12", Side.CALLER, NATED_A, LAN_C, webrtc);
        assertThat(call.leg(Side.CALLER).iceLocal).isEqualTo(ours);
        anchor.passing("c12", Side.CALLER, NATED_A, LAN_C, webrtc.replace("EsAw", "Rst2"));
        assertThat(call.leg(Side.CALLER).iceLocal).isNotEqualTo(ours);
        anchor.passing("c12", Side.CALLER, NATED_A, LAN_C, A_OFFER);
        assertThat(call.leg(Side.CALLER).iceLocal)
                .as("no ICE in the new offer: off")
                .isNull();
    }

    @Test
    void aRejectedAudioStreamStaysRejected() {
        RelayAnchor anchor = anchor(RelayMode.ALWAYS);
        anchor.offerToNewCall("c13", "t", NATED_A, List.of(LAN_C), List.of(), A_OFFER);
        String answer = anchor.passing(
                "c13",
                Side.CALLEE,
                LAN_C,
                NATED_A,
                "v=0\r\no=c 1 1 IN IP4 10.0.0.2\r\ns=-\r\nc=IN IP4 10.0.0.2\r\nt=0 0\r\nm=audio 0 RTP/AVP 0\r\nm=video 0 RTP/AVP 96\r\n");
        assertThat(answer)
                .contains("m=audio 0 RTP/AVP 0\r\n")
                .contains("m=video 0 RTP/AVP 96\r\n")
                .doesNotContain("10.0.0.2");
        assertThat(relay.primary().leg(Side.CALLEE).last().rtp()).isNull();
        assertThat(relay.primary().leg(Side.CALLER).last().rtp())
                .as("nothing relayed to A either")
                .isNull();
        assertThat(relay.opened.get(1).closed).as("the declined video's ports").isTrue();
    }

    @Test
    void badSdpIsRefusedWithTheReasonAndOpensNothing() {
        assertThatThrownBy(() -> anchor(RelayMode.AUTO)
                        .offerToNewCall("c14", "t", NATED_A, List.of(LAN_C), List.of(), "v=0\r\nbogus\r\n"))
                .isInstanceOf(InvalidSdpException.class)
                .hasMessageContaining("bogus");
        assertThat(relay.opened).isEmpty();
        assertThatThrownBy(() -> anchor(RelayMode.ALWAYS)
                        .offerToNewCall(
                                "c15",
                                "t",
                                NATED_A,
                                List.of(LAN_C),
                                List.of(),
                                A_OFFER.replace("192.168.1.100", "phone.example")))
                .isInstanceOf(InvalidSdpException.class);
    }

    @Test
    void aDeadStreamIsReportedWithItsCall() {
        anchor(RelayMode.ALWAYS).offerToNewCall("c16", "t", NATED_A, List.of(LAN_C), List.of(), A_OFFER);
        relay.primary().events.streamDead(Side.CALLEE);
        assertThat(relay.opened.get(1).events)
                .as("a silent video stream hangs nothing up")
                .isNull();
        assertThat(events).containsExactly(new StreamDead("c16", Side.CALLEE));
    }

    @Test
    void localNetworksParseAndRefuseNonsense() {
        LocalNetworks n = LocalNetworks.of(List.of("192.168.1.0/24", "10.0.0.7", "fd00::/8"));
        assertThat(n.isLocal("192.168.1.200")).isTrue();
        assertThat(n.isLocal("192.168.2.1")).isFalse();
        assertThat(n.isLocal("10.0.0.7")).isTrue();
        assertThat(n.isLocal("10.0.0.8")).isFalse();
        assertThat(n.isLocal("[fd12::1]")).isTrue();
        assertThat(n.isLocal("127.0.0.1")).isTrue();
        assertThat(n.isLocal("provider.example")).isFalse();
        assertThatThrownBy(() -> LocalNetworks.of(List.of("192.168.1.0/33"))).hasMessageContaining("192.168.1.0/33");
        assertThatThrownBy(() -> LocalNetworks.of(List.of("office"))).hasMessageContaining("'office'");
    }
}
