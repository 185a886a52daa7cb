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
import org.tandem.media.srtp.CryptoSuite;
import org.tandem.media.srtp.SdesCrypto;
import org.tandem.media.srtp.SdesException;
import org.tandem.media.srtp.SrtpMode;
import org.tandem.pbx.anchor.MediaAnchor.Party;

/**
 * SRTP through the anchor (issue 22): a desk phone on SIP-TLS offering RTP/SAVP with a=crypto calls phones on the
 * same LAN (no NAT, so only SRTP makes the call anchored). Each party sees only the relay's key for it.
 */
class SrtpAnchorTest {

    static final String APPLIANCE = "10.0.0.1";
    static final Party TLS_A = new Party("10.0.0.5", "10.0.0.5", true);
    static final Party UDP_B = new Party("10.0.0.6", "10.0.0.6", false);
    static final Party TLS_C = new Party("10.0.0.7", "10.0.0.7", true);
    static final SdesCrypto A_KEY = SdesCrypto.generate(5, CryptoSuite.AES_CM_128_HMAC_SHA1_32);

    static String sdp(String ip, String proto, String... crypto) {
        StringBuilder s = new StringBuilder(
                "v=0\r\no=- 1 1 IN IP4 " + ip + "\r\ns=-\r\nc=IN IP4 " + ip + "\r\nt=0 0\r\n" + "m=audio 4000 " + proto
                        + " 0 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\n");
        for (String c : crypto) s.append("a=crypto:").append(c).append("\r\n");
        return s.toString();
    }

    static final String A_OFFER =
            sdp("10.0.0.5", "RTP/SAVP", "1 AES_CM_256_HMAC_SHA1_80 inline:bm90IGEga2V5", A_KEY.format());

    final RecordingRelay relay = new RecordingRelay();
    final List<Object> events = new ArrayList<>();

    RelayAnchor anchor(SrtpMode mode) {
        LocalNetworks lan = LocalNetworks.of(List.of("10.0.0.0/24"));
        return new RelayAnchor(
                relay,
                new AnchorPolicy(RelayMode.AUTO, lan),
                host -> APPLIANCE,
                id -> Runnable::run,
                events::add,
                mode);
    }

    static MediaDescription audio(String sdp) {
        return SessionDescription.parse(sdp).firstAudio();
    }

    @Test
    void anSrtpCallerIsAnchoredAndBridgedToAPlainPhoneWithAKeyOfTheRelaysOwn() {
        RelayAnchor anchor = anchor(SrtpMode.OPTIONAL);
        String offer = anchor.offerToNewCall("s1", "tagA", TLS_A, List.of(UDP_B), List.of(), A_OFFER);
        assertThat(offer)
                .as("anchored although all on one LAN: SRTP must be terminated")
                .isNotNull();
        String toB = anchor.offerSeenBy("s1", offer, UDP_B);
        assertThat(audio(toB).proto()).isEqualTo("RTP/AVP");
        assertThat(toB).doesNotContain("a=crypto");

        String answer = anchor.passing("s1", Side.CALLEE, UDP_B, TLS_A, sdp("10.0.0.6", "RTP/AVP"));
        MediaDescription toA = audio(answer);
        assertThat(toA.proto()).isEqualTo("RTP/SAVP");
        assertThat(toA.attributes("crypto")).hasSize(1);
        SdesCrypto relayKey = SdesCrypto.parse(toA.attributes("crypto").get(0));
        assertThat(relayKey.tag())
                .as("RFC 4568 §7.1.2: the tag of the offer's first usable line")
                .isEqualTo(5);
        assertThat(relayKey.suite()).isEqualTo(CryptoSuite.AES_CM_128_HMAC_SHA1_32);
        assertThat(relayKey.masterKey()).isNotEqualTo(A_KEY.masterKey());

        RecordingRelay.Leg a = relay.only().leg(Side.CALLER);
        assertThat(a.srtpReceived).isEqualTo(A_KEY);
        assertThat(a.srtpSent).isEqualTo(relayKey);
        RecordingRelay.Leg b = relay.only().leg(Side.CALLEE);
        assertThat(b.srtpReceived).isNull();
        assertThat(b.srtpSent).isNull();
    }

    /**
     * tandem.media.relay=never: nothing terminates SRTP, so an SRTP offer goes end to end, unchanged and unanchored,
     * to phones on SIP-TLS only (RFC 4568 §8.3: every hop that carries the key is TLS); a branch to a UDP phone or to
     * a trunk is refused (488), never sent the caller's key in the clear.
     */
    @Test
    void withTheRelayOffSrtpPassesEndToEndBetweenTlsPhonesOnly() {
        LocalNetworks lan = LocalNetworks.of(List.of("10.0.0.0/24"));
        RelayAnchor never = new RelayAnchor(
                relay,
                new AnchorPolicy(RelayMode.NEVER, lan),
                host -> APPLIANCE,
                id -> Runnable::run,
                events::add,
                SrtpMode.OPTIONAL);
        assertThat(never.offerToNewCall("n1", "tagA", TLS_A, List.of(TLS_C), List.of(), A_OFFER))
                .as("forwarded unchanged: the caller's keys reach the TLS callee over TLS")
                .isNull();
        assertThat(relay.openCalls()).isZero();
        assertThat(never.passing("n1", Side.CALLEE, TLS_C, TLS_A, sdp("10.0.0.7", "RTP/SAVP", A_KEY.format())))
                .as("the answer passes unchanged too")
                .isNull();

        assertThatThrownBy(() -> never.offerToNewCall("n2", "tagA", TLS_A, List.of(TLS_C, UDP_B), List.of(), A_OFFER))
                .isInstanceOf(SdesException.class)
                .hasMessageContaining("SIP-TLS")
                .hasMessageContaining("never");
        assertThatThrownBy(() -> never.offerToNewCall("n3", "tagA", TLS_A, List.of(), List.of("192.0.2.9"), A_OFFER))
                .isInstanceOf(SdesException.class);
        assertThatThrownBy(() -> never.offerToNewCall("n4", "tagA", UDP_B, List.of(TLS_C), List.of(), A_OFFER))
                .as("keys over UDP are refused whatever the relay mode")
                .isInstanceOf(SdesException.class)
                .hasMessageContaining("RFC 4568");
        assertThat(relay.openCalls()).isZero();
    }

    @Test
    void twoTlsPhonesAreReKeyedPerFaceAndNeverSeeEachOthersKey() {
        RelayAnchor anchor = anchor(SrtpMode.OPTIONAL);
        String offer = anchor.offerToNewCall("s2", "tagA", TLS_A, List.of(TLS_C), List.of(), A_OFFER);
        String toC = anchor.offerSeenBy("s2", offer, TLS_C);
        assertThat(audio(toC).proto()).isEqualTo("RTP/SAVP");
        assertThat(toC).doesNotContain(A_OFFER.substring(A_OFFER.indexOf(A_KEY.format())));
        SdesCrypto offeredToC = SdesCrypto.parse(audio(toC).attributes("crypto").get(0));
        assertThat(offeredToC.masterKey()).isNotEqualTo(A_KEY.masterKey());

        SdesCrypto cKey = SdesCrypto.generate(offeredToC.tag(), offeredToC.suite());
        String answer = anchor.passing("s2", Side.CALLEE, TLS_C, TLS_A, sdp("10.0.0.7", "RTP/SAVP", cKey.format()));
        assertThat(answer).doesNotContain(cKey.format());
        RecordingRelay.Leg c = relay.only().leg(Side.CALLEE);
        assertThat(c.srtpReceived).isEqualTo(cKey);
        assertThat(c.srtpSent).isEqualTo(offeredToC);
        assertThat(relay.only().leg(Side.CALLER).srtpReceived).isEqualTo(A_KEY);
    }

    @Test
    void keysOverUdpOrWithSrtpOffOrUnusableAreRefusedAndRequiredRefusesPlainRtpFromTls() {
        assertThatThrownBy(() -> anchor(SrtpMode.OPTIONAL)
                        .offerToNewCall(
                                "s3",
                                "t",
                                UDP_B,
                                List.of(TLS_A),
                                List.of(),
                                sdp("10.0.0.6", "RTP/SAVP", A_KEY.format())))
                .isInstanceOf(SdesException.class)
                .hasMessageContaining("only taken over SIP-TLS");
        assertThatThrownBy(
                        () -> anchor(SrtpMode.OFF).offerToNewCall("s4", "t", TLS_A, List.of(UDP_B), List.of(), A_OFFER))
                .isInstanceOf(SdesException.class)
                .hasMessageContaining("tandem.media.srtp=off");
        assertThatThrownBy(() -> anchor(SrtpMode.OPTIONAL)
                        .offerToNewCall(
                                "s5",
                                "t",
                                TLS_A,
                                List.of(UDP_B),
                                List.of(),
                                sdp("10.0.0.5", "RTP/SAVP", "1 AES_CM_128_HMAC_SHA1_80 inline:AAAA")))
                .isInstanceOf(SdesException.class)
                .hasMessageContaining("no acceptable a=crypto");
        assertThatThrownBy(() -> anchor(SrtpMode.REQUIRED)
                        .offerToNewCall("s6", "t", TLS_A, List.of(UDP_B), List.of(), sdp("10.0.0.5", "RTP/AVP")))
                .isInstanceOf(SdesException.class)
                .hasMessageContaining("required");
        assertThat(relay.opened).as("nothing anchored for a refused offer").isEmpty();

        assertThat(anchor(SrtpMode.OPTIONAL)
                        .offerToNewCall("s7", "t", TLS_A, List.of(UDP_B), List.of(), sdp("10.0.0.5", "RTP/AVP")))
                .as("plain RTP from a TLS phone on the LAN: direct, as before")
                .isNull();
    }

    @Test
    void aTrunkOnTheNextRingStepStillGetsPlainRtp() {
        RelayAnchor anchor = anchor(SrtpMode.OPTIONAL);
        String first = anchor.offerToNewCall("s8", "tagA", TLS_A, List.of(TLS_C), List.of(), A_OFFER);
        assertThat(audio(anchor.offerSeenBy("s8", first, TLS_C)).proto()).isEqualTo("RTP/SAVP");
        String second = anchor.offerToNewCall("s8", "tagA", TLS_A, List.of(), List.of("192.0.2.50"), A_OFFER);
        assertThat(audio(second).proto()).isEqualTo("RTP/AVP");
        assertThat(second).doesNotContain("a=crypto");
    }
}
