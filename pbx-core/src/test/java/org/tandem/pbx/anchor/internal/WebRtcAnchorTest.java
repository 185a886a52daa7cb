package org.tandem.pbx.anchor.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tandem.media.relay.RelayMode;
import org.tandem.media.relay.Side;
import org.tandem.media.sdp.MediaDescription;
import org.tandem.media.sdp.SessionDescription;
import org.tandem.media.srtp.SdesException;
import org.tandem.media.srtp.SrtpMode;
import org.tandem.pbx.anchor.MediaAnchor.Party;

/**
 * A browser (WebRTC: ICE, DTLS-SRTP, rtcp-mux, BUNDLE, issue 16) calls a desk phone on UDP on the same LAN: the call is
 * anchored (only the relay can terminate DTLS), the phone is offered plain RTP/AVP with none of the browser's DTLS or
 * ICE attributes, and the phone's answer reaches the browser as a JSEP answer: UDP/TLS/RTP/SAVPF, the relay's
 * fingerprint, a=setup:passive (the relay is the DTLS server), rtcp-mux, the offer's mid and BUNDLE group, and the
 * relay's ICE-lite candidate. The browser's face is told the browser's fingerprint to check.
 */
class WebRtcAnchorTest {

    static final Party BROWSER = new Party("10.0.0.5", "df7jal5m4o3a.invalid", true); // SIP over WSS
    static final Party PHONE = new Party("10.0.0.6", "10.0.0.6", false);
    static final String BROWSER_FINGERPRINT = "sha-256 " + "C3:".repeat(31) + "C3";

    /** What Chrome offers for one audio track (abridged: the attributes that matter here). */
    static final String CHROME_OFFER = "v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"
            + "a=group:BUNDLE 0\r\na=extmap-allow-mixed\r\na=msid-semantic: WMS stream\r\n"
            + "m=audio 9 UDP/TLS/RTP/SAVPF 111 0 8 126\r\nc=IN IP4 0.0.0.0\r\na=rtcp:9 IN IP4 0.0.0.0\r\n"
            + "a=candidate:1 1 udp 2122260223 10.0.0.5 54400 typ host generation 0\r\n"
            + "a=ice-ufrag:EsAw\r\na=ice-pwd:P2uYro0UCOQ4zxjKXaWCBui1\r\na=ice-options:trickle\r\n"
            + "a=fingerprint:" + BROWSER_FINGERPRINT + "\r\na=setup:actpass\r\na=mid:0\r\n"
            + "a=sendrecv\r\na=msid:stream track\r\na=rtcp-mux\r\n"
            + "a=rtpmap:111 opus/48000/2\r\na=rtcp-fb:111 transport-cc\r\na=fmtp:111 minptime=10;useinbandfec=1\r\n"
            + "a=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:126 telephone-event/8000\r\n"
            + "a=ssrc:1001 cname:abc\r\n";

    static final String PHONE_ANSWER = "v=0\r\no=- 9 9 IN IP4 10.0.0.6\r\ns=-\r\nc=IN IP4 10.0.0.6\r\nt=0 0\r\n"
            + "m=audio 4000 RTP/AVP 0 126\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:126 telephone-event/8000\r\na=sendrecv\r\n";

    final RecordingRelay relay = new RecordingRelay();
    final List<Object> events = new ArrayList<>();

    RelayAnchor anchor(RelayMode mode) {
        LocalNetworks lan = LocalNetworks.of(List.of("10.0.0.0/24"));
        return new RelayAnchor(
                relay,
                new AnchorPolicy(mode, lan),
                host -> "10.0.0.1",
                id -> Runnable::run,
                events::add,
                SrtpMode.OPTIONAL);
    }

    @Test
    void aBrowserCallingADeskPhoneGetsAJsepAnswerAndThePhonePlainRtp() {
        RelayAnchor anchor = anchor(RelayMode.AUTO);
        String offer = anchor.offerToNewCall("w1", "tagB", BROWSER, List.of(PHONE), List.of(), CHROME_OFFER);
        assertThat(offer).as("anchored: only the relay can terminate DTLS").isNotNull();
        String toPhone = anchor.offerSeenBy("w1", offer, PHONE);
        MediaDescription phoneSees = SessionDescription.parse(toPhone).firstAudio();
        assertThat(phoneSees.proto()).isEqualTo("RTP/AVP");
        assertThat(toPhone)
                .doesNotContain("fingerprint")
                .doesNotContain("a=setup")
                .doesNotContain("ice-ufrag")
                .doesNotContain("candidate")
                .doesNotContain("BUNDLE")
                .contains("c=IN IP4 10.0.0.1");
        assertThat(relay.only().leg(Side.CALLER).dtlsPeerFingerprint).isEqualTo(BROWSER_FINGERPRINT);

        String toBrowser = anchor.passing("w1", Side.CALLEE, PHONE, BROWSER, PHONE_ANSWER);
        SessionDescription answer = SessionDescription.parse(toBrowser);
        MediaDescription audio = answer.firstAudio();
        assertThat(audio.proto()).isEqualTo("UDP/TLS/RTP/SAVPF");
        assertThat(audio.attributes("fingerprint")).containsExactly(RecordingRelay.FINGERPRINT);
        assertThat(audio.attributes("setup")).containsExactly("passive");
        assertThat(audio.attributes("rtcp-mux")).hasSize(1);
        assertThat(audio.attributes("mid")).containsExactly("0");
        assertThat(answer.attributes("group")).containsExactly("BUNDLE 0");
        assertThat(audio.attributes("ice-ufrag")).hasSize(1);
        assertThat(audio.attributes("candidate")).singleElement().asString().contains("10.0.0.1");
        assertThat(toBrowser).doesNotContain("a=crypto").doesNotContain("10.0.0.6");
        assertThat(relay.only().leg(Side.CALLER).dtlsStarts).isEqualTo(1);
        assertThat(relay.only().leg(Side.CALLEE).dtlsPeerFingerprint).isNull();
    }

    /** What Chrome answers to our offer (abridged). */
    static final String CHROME_ANSWER = "v=0\r\no=- 77 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"
            + "m=audio 54400 UDP/TLS/RTP/SAVPF 0 126\r\nc=IN IP4 10.0.0.5\r\n"
            + "a=candidate:1 1 udp 2122260223 10.0.0.5 54400 typ host generation 0\r\n"
            + "a=ice-ufrag:Br0w\r\na=ice-pwd:BrowserPasswordOf22chars\r\n"
            + "a=fingerprint:" + BROWSER_FINGERPRINT + "\r\na=setup:active\r\na=mid:0\r\na=sendrecv\r\na=rtcp-mux\r\n"
            + "a=rtpmap:0 PCMU/8000\r\na=rtpmap:126 telephone-event/8000\r\n";

    /**
     * A desk phone calls a user whose browser is registered over WebSocket: anchored although all are on one LAN;
     * the browser's branch is offered WebRTC (the relay's ICE-lite candidate and credentials, DTLS with a=setup:actpass,
     * rtcp-mux, a mid), and its answer (setup:active) makes the callee face the DTLS server checking its fingerprint
     * while the phone gets plain RTP. The ICE credentials offered are kept when the browser answers.
     */
    @Test
    void aDeskPhoneCallingABrowserOffersItWebRtcAndBridgesItsAnswer() {
        Party browserCallee = new Party("10.0.0.5", "df7jal5m4o3a.invalid", false, true); // SIP over ws
        RelayAnchor anchor = anchor(RelayMode.AUTO);
        String phoneOffer = PHONE_ANSWER.replace("o=- 9 9", "o=- 5 5");
        String offer = anchor.offerToNewCall("w4", "tagP", PHONE, List.of(browserCallee), List.of(), phoneOffer);
        assertThat(offer)
                .as("anchored: a browser gets WebRTC only from the relay")
                .isNotNull();
        SessionDescription toBrowser = SessionDescription.parse(anchor.offerSeenBy("w4", offer, browserCallee));
        MediaDescription audio = toBrowser.firstAudio();
        assertThat(audio.proto()).isEqualTo("UDP/TLS/RTP/SAVPF");
        assertThat(audio.attributes("fingerprint")).containsExactly(RecordingRelay.FINGERPRINT);
        assertThat(audio.attributes("setup")).containsExactly("actpass");
        assertThat(audio.attributes("rtcp-mux")).hasSize(1);
        assertThat(audio.attributes("mid")).hasSize(1);
        assertThat(toBrowser.attributes("ice-lite")).hasSize(1);
        String ufrag = audio.attributes("ice-ufrag").get(0);
        assertThat(audio.attributes("candidate")).singleElement().asString().contains("10.0.0.1");

        String toPhone = anchor.passing("w4", Side.CALLEE, browserCallee, PHONE, CHROME_ANSWER);
        assertThat(SessionDescription.parse(toPhone).firstAudio().proto()).isEqualTo("RTP/AVP");
        assertThat(toPhone)
                .doesNotContain("fingerprint")
                .doesNotContain("setup")
                .doesNotContain("ice-ufrag");
        RecordingRelay.Leg face = relay.only().leg(Side.CALLEE);
        assertThat(face.dtlsPeerFingerprint).isEqualTo(BROWSER_FINGERPRINT);
        assertThat(face.iceLocal.ufrag()).as("the credentials offered stay").isEqualTo(ufrag);
    }

    @Test
    void aBrowserThatWantsToBeTheDtlsServerOrHasNoSha256FingerprintIsRefused() {
        RelayAnchor anchor = anchor(RelayMode.AUTO);
        assertThatThrownBy(() -> anchor.offerToNewCall(
                        "w2",
                        "t",
                        BROWSER,
                        List.of(PHONE),
                        List.of(),
                        CHROME_OFFER.replace("a=setup:actpass", "a=setup:passive")))
                .isInstanceOf(SdesException.class)
                .hasMessageContaining("a=setup:passive");
        assertThatThrownBy(() -> anchor.offerToNewCall(
                        "w3",
                        "t",
                        BROWSER,
                        List.of(PHONE),
                        List.of(),
                        CHROME_OFFER.replace("a=fingerprint:sha-256", "a=fingerprint:sha-1")))
                .isInstanceOf(SdesException.class)
                .hasMessageContaining("sha-256");
    }
}
