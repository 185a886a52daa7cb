package org.tandem.media.ice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tandem.media.sdp.MediaDescription;
import org.tandem.media.sdp.SessionDescription;

class IceLiteSdpTest {

    /** A browser-style offer: session-level ICE options, media-level credentials and candidates. */
    private static final String OFFER = String.join(
                    "\r\n",
                    "v=0",
                    "o=- 4611731400430051336 2 IN IP4 127.0.0.1",
                    "s=-",
                    "t=0 0",
                    "a=ice-options:trickle",
                    "m=audio 54400 RTP/AVP 0 101",
                    "c=IN IP4 192.168.1.20",
                    "a=ice-ufrag:F7gI",
                    "a=ice-pwd:x9cml/YzichV2+XlhiMu8g",
                    "a=candidate:1 1 UDP 2130706431 192.168.1.20 54400 typ host",
                    "a=candidate:2 1 UDP 1694498815 203.0.113.9 61000 typ srflx raddr 192.168.1.20 rport 54400",
                    "a=candidate:1 2 UDP 2130706430 192.168.1.20 54401 typ host",
                    "a=rtpmap:101 telephone-event/8000",
                    "a=sendrecv",
                    "")
            + "\r\n";

    @Test
    void theOffersCredentialsAreReadFromTheStreamOrTheSession() {
        SessionDescription offer = SessionDescription.parse(OFFER);
        assertThat(IceCredentials.of(offer, offer.firstAudio()))
                .isEqualTo(new IceCredentials("F7gI", "x9cml/YzichV2+XlhiMu8g"));

        SessionDescription sessionLevel = SessionDescription.parse(
                OFFER.replace("a=ice-options:trickle", "a=ice-ufrag:SESS\r\na=ice-pwd:sessionPasswordLongEnough1")
                        .replace("a=ice-ufrag:F7gI\r\n", "")
                        .replace("a=ice-pwd:x9cml/YzichV2+XlhiMu8g\r\n", ""));
        assertThat(IceCredentials.of(sessionLevel, sessionLevel.firstAudio()).ufrag())
                .isEqualTo("SESS");

        SessionDescription none = SessionDescription.parse(OFFER.replaceAll("a=ice-[a-z]+:[^\r]*\r\n", ""));
        assertThat(IceCredentials.of(none, none.firstAudio())).isNull();
    }

    @Test
    void anIceLiteAnswerParsesBackWithOurCredentialsAndOneCandidatePerComponent() {
        SessionDescription answer = SessionDescription.parse(OFFER); // the relay answers by rewriting the offer
        MediaDescription audio = answer.firstAudio().setPort(20000).setConnection("198.51.100.1");
        IceCredentials ours = IceCredentials.generate();

        IceLiteSdp.answer(answer, audio, ours, IceCandidate.Type.HOST, "198.51.100.1", 20000, 20001);
        SessionDescription parsed = SessionDescription.parse(answer.toString());

        assertThat(IceLiteSdp.isLite(parsed)).isTrue();
        assertThat(parsed.attributes("ice-options"))
                .as("the offer's session-level ICE lines are gone")
                .isEmpty();
        MediaDescription m = parsed.firstAudio();
        assertThat(IceCredentials.of(parsed, m)).isEqualTo(ours);
        assertThat(m.attributes("ice-ufrag")).hasSize(1);
        assertThat(IceLiteSdp.candidates(m))
                .containsExactly(
                        new IceCandidate("1", 1, 2130706431L, "198.51.100.1", 20000, IceCandidate.Type.HOST, null, 0),
                        new IceCandidate("1", 2, 2130706430L, "198.51.100.1", 20001, IceCandidate.Type.HOST, null, 0));
        assertThat(m.attributes("end-of-candidates")).hasSize(1);
        assertThat(m.attributes("rtpmap")).as("other lines kept").containsExactly("101 telephone-event/8000");
        assertThat(answer.toString())
                .contains("\r\na=ice-lite\r\nm=audio 20000 ")
                .contains("a=candidate:1 1 UDP 2130706431 198.51.100.1 20000 typ host\r\n");
    }

    @Test
    void rtcpMuxGivesOneComponentAndARelayCandidateNamesItsBase() {
        SessionDescription answer = SessionDescription.create("-", 1, 1, "-", "198.51.100.1");
        MediaDescription m = MediaDescription.create("audio", 30000, "RTP/AVP", List.of("0"));
        answer.add(m);

        IceLiteSdp.answer(answer, m, IceCredentials.generate(), IceCandidate.Type.RELAY, "198.51.100.1", 30000, 0);

        assertThat(m.attributes("candidate"))
                .containsExactly("2 1 UDP 16777215 198.51.100.1 30000 typ relay raddr " + "198.51.100.1 rport 30000");
        IceLiteSdp.answer(answer, m, IceCredentials.generate(), IceCandidate.Type.RELAY, "198.51.100.1", 30000, 0);
        assertThat(answer.attributes("ice-lite")).as("once, however often").hasSize(1);
        assertThat(m.attributes("candidate")).hasSize(1);
    }

    @Test
    void credentialsFollowRfc8839() {
        IceCredentials generated = IceCredentials.generate();
        assertThat(generated.ufrag()).matches("[A-Za-z0-9+/]{8}");
        assertThat(generated.pwd()).matches("[A-Za-z0-9+/]{24}");
        assertThat(generated.toString()).doesNotContain(generated.pwd());
        assertThatThrownBy(() -> new IceCredentials("abc", "x9cml/YzichV2+XlhiMu8g"))
                .hasMessageContaining("ice-ufrag");
        assertThatThrownBy(() -> new IceCredentials("abcd", "short")).hasMessageContaining("ice-pwd");
        assertThatThrownBy(() -> new IceCredentials("ab:d", "x9cml/YzichV2+XlhiMu8g"))
                .hasMessageContaining("ice-ufrag");
    }
}
