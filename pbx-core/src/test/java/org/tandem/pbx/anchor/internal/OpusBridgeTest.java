package org.tandem.pbx.anchor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tandem.media.relay.RelayMode;
import org.tandem.media.relay.Side;
import org.tandem.media.relay.Transcoding;
import org.tandem.media.sdp.MediaDescription;
import org.tandem.media.sdp.SessionDescription;
import org.tandem.media.srtp.SrtpMode;
import org.tandem.pbx.anchor.CallRecorder;
import org.tandem.pbx.anchor.MediaAnchor.Party;

/**
 * Opus for the browser, G.711 for the phone (issue 16, tandem.media.browser-opus): the offer/answer each side sees is
 * a correct one of its own (RFC 3264 §6: an answer names codecs of its offer only), and the relay is told what to
 * transcode — or nothing, where the parties share a codec, where the setting is off, or where Opus does not load.
 */
class OpusBridgeTest {

    static final Party BROWSER = WebRtcAnchorTest.BROWSER;
    static final Party BROWSER_CALLEE = new Party("10.0.0.5", "df7jal5m4o3a.invalid", true, true);
    static final Party PHONE = WebRtcAnchorTest.PHONE;
    static final String FP = WebRtcAnchorTest.BROWSER_FINGERPRINT;

    /** Chrome's audio offer: Opus first, G.711, and telephone-event at both clocks (its payload types). */
    static final String CHROME_OFFER = WebRtcAnchorTest.CHROME_OFFER
            .replace("m=audio 9 UDP/TLS/RTP/SAVPF 111 0 8 126", "m=audio 9 UDP/TLS/RTP/SAVPF 111 0 8 110 126")
            .replace(
                    "a=rtpmap:126 telephone-event/8000\r\n",
                    "a=rtpmap:110 telephone-event/48000\r\na=fmtp:110 0-16\r\na=rtpmap:126 telephone-event/8000\r\n");
    /** A desk phone's offer: PCMA preferred, then PCMU, events at 101. */
    static final String PHONE_OFFER = "v=0\r\no=- 5 5 IN IP4 10.0.0.6\r\ns=-\r\nc=IN IP4 10.0.0.6\r\nt=0 0\r\n"
            + "m=audio 4000 RTP/AVP 8 0 101\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:0 PCMU/8000\r\n"
            + "a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-15\r\na=ptime:20\r\na=sendrecv\r\n";

    final RecordingRelay relay = new RecordingRelay();
    final List<Object> events = new ArrayList<>();

    RelayAnchor anchor(boolean browserOpus) {
        relay.canTranscode = true;
        return new RelayAnchor(
                relay,
                new AnchorPolicy(RelayMode.AUTO, LocalNetworks.of(List.of("10.0.0.0/24"))),
                host -> "10.0.0.1",
                id -> Runnable::run,
                events::add,
                CallRecorder.NONE,
                SrtpMode.OPTIONAL,
                browserOpus);
    }

    static String chromeAnswer(String formats, String maps) {
        return "v=0\r\no=- 77 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"
                + "m=audio 54400 UDP/TLS/RTP/SAVPF " + formats + "\r\nc=IN IP4 10.0.0.5\r\n"
                + "a=candidate:1 1 udp 2122260223 10.0.0.5 54400 typ host generation 0\r\n"
                + "a=ice-ufrag:Br0w\r\na=ice-pwd:BrowserPasswordOf22chars\r\n"
                + "a=fingerprint:" + FP + "\r\na=setup:active\r\na=mid:0\r\na=sendrecv\r\na=rtcp-mux\r\n" + maps;
    }

    @Test
    void aBrowserCallingAG711PhoneGetsOpusAndTheRelayTranscodes() {
        RelayAnchor anchor = anchor(true);
        String offer = anchor.offerToNewCall("o1", "tagB", BROWSER, List.of(PHONE), List.of(), CHROME_OFFER);
        MediaDescription phoneSees =
                SessionDescription.parse(anchor.offerSeenBy("o1", offer, PHONE)).firstAudio();
        assertThat(phoneSees.payloadTypes())
                .as("the phone chooses from the browser's offer")
                .containsExactly(111, 0, 8, 110, 126);

        String phoneAnswer = "v=0\r\no=- 9 9 IN IP4 10.0.0.6\r\ns=-\r\nc=IN IP4 10.0.0.6\r\nt=0 0\r\n"
                + "m=audio 4000 RTP/AVP 0 126\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:126 telephone-event/8000\r\n";
        MediaDescription browserGets = SessionDescription.parse(
                        anchor.passing("o1", Side.CALLEE, PHONE, BROWSER, phoneAnswer))
                .firstAudio();
        assertThat(browserGets.payloadTypes()).containsExactly(111, 110);
        assertThat(browserGets.rtpmaps())
                .containsEntry(111, "opus/48000/2")
                .containsEntry(110, "telephone-event/48000");
        assertThat(browserGets.fmtp(111)).contains("useinbandfec=1");
        assertThat(browserGets.proto()).isEqualTo("UDP/TLS/RTP/SAVPF");
        assertThat(relay.primary().transcoding).isEqualTo(new Transcoding(Side.CALLER, 111, 110, 0, 126));
        assertThat(relay.primary().leg(Side.CALLER).last().clockRate())
                .as("the browser's stream: 48 kHz")
                .isEqualTo(48000);
        assertThat(relay.primary().leg(Side.CALLEE).last().clockRate()).isEqualTo(8000);
    }

    @Test
    void aPhoneCallingABrowserOffersItOpusAndGetsAG711AnswerFromItsOwnOffer() {
        RelayAnchor anchor = anchor(true);
        String offer = anchor.offerToNewCall("o2", "tagP", PHONE, List.of(BROWSER_CALLEE), List.of(), PHONE_OFFER);
        MediaDescription browserSees = SessionDescription.parse(anchor.offerSeenBy("o2", offer, BROWSER_CALLEE))
                .firstAudio();
        assertThat(browserSees.payloadTypes()).containsExactly(111, 8, 0, 101, 110);
        assertThat(browserSees.rtpmaps())
                .containsEntry(111, "opus/48000/2")
                .containsEntry(110, "telephone-event/48000");

        String toPhone = anchor.passing(
                "o2",
                Side.CALLEE,
                BROWSER_CALLEE,
                PHONE,
                chromeAnswer(
                        "111 110",
                        "a=rtpmap:111 opus/48000/2\r\na=fmtp:111 minptime=10;useinbandfec=1\r\n"
                                + "a=rtpmap:110 telephone-event/48000\r\n"));
        MediaDescription phoneGets = SessionDescription.parse(toPhone).firstAudio();
        assertThat(phoneGets.payloadTypes())
                .as("PCMA: the phone's first choice")
                .containsExactly(8, 101);
        assertThat(phoneGets.rtpmaps())
                .containsEntry(8, "PCMA/8000")
                .containsEntry(101, "telephone-event/8000")
                .doesNotContainKey(111);
        assertThat(toPhone).doesNotContain("opus").doesNotContain("48000");
        assertThat(relay.primary().transcoding).isEqualTo(new Transcoding(Side.CALLEE, 111, 110, 8, 101));

        // the phone puts the call on hold: the browser is offered Opus on the same numbers, the transcoding stays
        String hold = PHONE_OFFER
                .replace("o=- 5 5", "o=- 5 6")
                .replace("a=sendrecv", "a=sendonly")
                .replace("RTP/AVP 8 0 101", "RTP/AVP 8 101")
                .replace("a=rtpmap:0 PCMU/8000\r\n", "");
        MediaDescription reOffer = SessionDescription.parse(
                        anchor.passing("o2", Side.CALLER, PHONE, BROWSER_CALLEE, hold))
                .firstAudio();
        assertThat(reOffer.payloadTypes()).containsExactly(111, 8, 101, 110);
        anchor.passing(
                "o2",
                Side.CALLEE,
                BROWSER_CALLEE,
                PHONE,
                chromeAnswer("111 110", "a=rtpmap:111 opus/48000/2\r\na=rtpmap:110 telephone-event/48000\r\n")
                        .replace("o=- 77 2", "o=- 77 3")
                        .replace("a=sendrecv", "a=recvonly"));
        assertThat(relay.primary().transcodings)
                .as("set once, kept through the hold")
                .hasSize(1);
    }

    @Test
    void aBrowserThatPicksG711FromTheOfferGetsItEndToEndWithoutWhatWasAdded() {
        RelayAnchor anchor = anchor(true);
        String offer = anchor.offerToNewCall("o3", "tagP", PHONE, List.of(BROWSER_CALLEE), List.of(), PHONE_OFFER);
        anchor.offerSeenBy("o3", offer, BROWSER_CALLEE);
        String toPhone = anchor.passing(
                "o3",
                Side.CALLEE,
                BROWSER_CALLEE,
                PHONE,
                chromeAnswer(
                        "8 111 101 110",
                        "a=rtpmap:8 PCMA/8000\r\na=rtpmap:111 opus/48000/2\r\na=rtpmap:101 telephone-event/8000\r\n"
                                + "a=rtpmap:110 telephone-event/48000\r\n"));
        assertThat(SessionDescription.parse(toPhone).firstAudio().payloadTypes())
                .containsExactly(8, 101);
        assertThat(toPhone).doesNotContain("opus");
        assertThat(relay.primary().transcodings).isEmpty();
    }

    @Test
    void partiesThatShareOpusOrASettingThatIsOffOrNoOpusHereTranscodeNothing() {
        // the voicemail service speaks Opus itself
        RelayAnchor anchor = anchor(true);
        String offer = anchor.offerToNewCall("o4", "tagB", BROWSER, List.of(PHONE), List.of(), CHROME_OFFER);
        anchor.offerSeenBy("o4", offer, PHONE);
        String opusAnswer = "v=0\r\no=- 9 9 IN IP4 10.0.0.6\r\ns=-\r\nc=IN IP4 10.0.0.6\r\nt=0 0\r\n"
                + "m=audio 4000 RTP/AVP 111 126\r\na=rtpmap:111 opus/48000/2\r\na=rtpmap:126 telephone-event/8000\r\n";
        assertThat(SessionDescription.parse(anchor.passing("o4", Side.CALLEE, PHONE, BROWSER, opusAnswer))
                        .firstAudio()
                        .payloadTypes())
                .containsExactly(111, 126);
        assertThat(relay.primary().transcodings).isEmpty();

        for (boolean settingOn : new boolean[] {false, true}) {
            RecordingRelay.Call before = relay.opened.isEmpty() ? null : relay.opened.get(relay.opened.size() - 1);
            RelayAnchor other = anchor(settingOn);
            // off: the relay could transcode but is not to; on: but Opus does not load on this machine
            relay.canTranscode = !settingOn;
            String id = "o5" + settingOn;
            String o = other.offerToNewCall(id, "tagP", PHONE, List.of(BROWSER_CALLEE), List.of(), PHONE_OFFER);
            assertThat(SessionDescription.parse(other.offerSeenBy(id, o, BROWSER_CALLEE))
                            .firstAudio()
                            .payloadTypes())
                    .containsExactly(8, 0, 101);
            String back = other.passing(
                    id,
                    Side.CALLEE,
                    BROWSER_CALLEE,
                    PHONE,
                    chromeAnswer("0 101", "a=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\n"));
            assertThat(SessionDescription.parse(back).firstAudio().payloadTypes())
                    .containsExactly(0, 101);
            RecordingRelay.Call call = relay.opened.get(relay.opened.size() - 1);
            assertThat(call).isNotSameAs(before);
            assertThat(call.transcodings).isEmpty();
        }
    }

    @Test
    void whenTheDeskPhoneOfAForkAnswersNothingIsTranscodedAndItsAnswerPassesAsItIs() {
        RelayAnchor anchor = anchor(true);
        Party deskOfTheSameUser = new Party("10.0.0.7", "10.0.0.7", false);
        String offer = anchor.offerToNewCall(
                "o6", "tagP", PHONE, List.of(BROWSER_CALLEE, deskOfTheSameUser), List.of(), PHONE_OFFER);
        assertThat(SessionDescription.parse(anchor.offerSeenBy("o6", offer, BROWSER_CALLEE))
                        .firstAudio()
                        .payloadTypes())
                .contains(111);
        assertThat(SessionDescription.parse(anchor.offerSeenBy("o6", offer, deskOfTheSameUser))
                        .firstAudio()
                        .payloadTypes())
                .containsExactly(8, 0, 101);
        String deskAnswer = "v=0\r\no=- 3 3 IN IP4 10.0.0.7\r\ns=-\r\nc=IN IP4 10.0.0.7\r\nt=0 0\r\n"
                + "m=audio 4002 RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\n";
        String toCaller = anchor.passing("o6", Side.CALLEE, deskOfTheSameUser, PHONE, deskAnswer);
        assertThat(SessionDescription.parse(toCaller).firstAudio().payloadTypes())
                .containsExactly(0, 101);
        assertThat(relay.primary().transcodings).isEmpty();
    }
}
