package org.tandem.media.srtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tandem.media.sdp.MediaDescription;
import org.tandem.media.sdp.SessionDescription;

/** a=crypto lines (RFC 4568 §9.1) and the SDES offer/answer (§7.1). */
class SdesTest {

    // RFC 4568 §6.2.1's example key, and the offer of §7.1.1's example
    private static final String KEY = "PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR";

    private static MediaDescription audio(String... crypto) {
        StringBuilder s = new StringBuilder("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n"
                + "m=audio 49170 RTP/SAVP 0\r\n");
        for (String c : crypto) s.append("a=crypto:").append(c).append("\r\n");
        return SessionDescription.parse(s.toString()).firstAudio();
    }

    @Test
    void parsesAnInlineKeyWithLifetimeAndMki() {
        SdesCrypto c = SdesCrypto.parse("1 AES_CM_128_HMAC_SHA1_80 inline:" + KEY + "|2^20|1:4");
        assertThat(c.tag()).isEqualTo(1);
        assertThat(c.suite()).isEqualTo(CryptoSuite.AES_CM_128_HMAC_SHA1_80);
        assertThat(c.masterKey()).hasSize(16);
        assertThat(c.masterSalt()).hasSize(14);
        assertThat(c.lifetime()).isEqualTo(1L << 20);
        assertThat(c.mki()).isEqualTo(1);
        assertThat(c.mkiLength()).isEqualTo(4);
        assertThat(c.format()).isEqualTo("1 AES_CM_128_HMAC_SHA1_80 inline:" + KEY + "|2^20|1:4");
        assertThat(c.toString()).doesNotContain(KEY); // keys never reach a log

        SdesCrypto plain = SdesCrypto.parse("2 AES_CM_128_HMAC_SHA1_32 inline:" + KEY);
        assertThat(plain.lifetime()).isEqualTo(SdesCrypto.MAX_LIFETIME);
        assertThat(plain.mkiLength()).isZero();
        assertThat(plain.format()).isEqualTo("2 AES_CM_128_HMAC_SHA1_32 inline:" + KEY);
        assertThat(SdesCrypto.parse("3 AES_CM_128_HMAC_SHA1_80 inline:" + KEY + "|1048576 WSH=64")
                        .lifetime())
                .isEqualTo(1L << 20);
    }

    @Test
    void badOrMissingKeysAreRefusedWithTheReason() {
        assertThatThrownBy(() -> SdesCrypto.parse("1 AES_CM_128_HMAC_SHA1_80"))
                .isInstanceOf(SdesException.class)
                .hasMessageContaining("lacks");
        assertThatThrownBy(() -> SdesCrypto.parse("1 AES_CM_128_HMAC_SHA1_80 inline:AAAA"))
                .hasMessageContaining("30 bytes");
        assertThatThrownBy(() -> SdesCrypto.parse("1 AES_CM_128_HMAC_SHA1_80 inline:not*base64"))
                .hasMessageContaining("base64");
        assertThatThrownBy(() -> SdesCrypto.parse("x AES_CM_128_HMAC_SHA1_80 inline:" + KEY))
                .hasMessageContaining("tag");
        assertThatThrownBy(() -> SdesCrypto.parse("1 F8_128_HMAC_SHA1_80 inline:" + KEY))
                .hasMessageContaining("not supported");
        assertThatThrownBy(() -> SdesCrypto.parse("1 AES_CM_128_HMAC_SHA1_80 inline:" + KEY + "|2^49"))
                .hasMessageContaining("2^48");
        assertThatThrownBy(() -> SdesCrypto.parse("1 AES_CM_128_HMAC_SHA1_80 inline:" + KEY + "|2^20|1:9"))
                .hasMessageContaining("MKI");
        assertThatThrownBy(() -> SdesCrypto.parse("1 AES_CM_128_HMAC_SHA1_80 inline:" + KEY + " UNENCRYPTED_SRTP"))
                .hasMessageContaining("UNENCRYPTED_SRTP");
        assertThatThrownBy(() -> SdesCrypto.parse("1 AES_CM_128_HMAC_SHA1_80 uri:https://keys.example/1"))
                .hasMessageContaining("inline");
    }

    @Test
    void theAnswerEchoesTheFirstAcceptableOfferedTagWithAFreshKeyOfItsOwn() {
        MediaDescription offer = audio(
                "1 AES_CM_256_HMAC_SHA1_80 inline:" + KEY,
                "7 AES_CM_128_HMAC_SHA1_32 inline:" + KEY,
                "9 AES_CM_128_HMAC_SHA1_80 inline:" + KEY);
        Sdes.Choice choice = Sdes.answer(offer);
        assertThat(choice.remote().tag()).isEqualTo(7);
        assertThat(choice.local().tag()).isEqualTo(7);
        assertThat(choice.local().suite()).isEqualTo(CryptoSuite.AES_CM_128_HMAC_SHA1_32);
        assertThat(choice.local().masterKey()).isNotEqualTo(choice.remote().masterKey());
        assertThat(Sdes.answer(offer).local().masterKey())
                .isNotEqualTo(choice.local().masterKey());
    }

    @Test
    void anOfferWithoutAnyUsableKeyIsRefused() {
        assertThatThrownBy(() -> Sdes.answer(audio()))
                .isInstanceOf(SdesException.class)
                .hasMessageContaining("without a=crypto");
        assertThatThrownBy(() -> Sdes.answer(audio("1 AES_CM_128_HMAC_SHA1_80 inline:AAAA")))
                .hasMessageContaining("no acceptable a=crypto")
                .hasMessageContaining("30 bytes");
    }

    @Test
    void theOffererTakesOnlyAnAnswerUnderAnOfferedTagAndSuite() {
        List<SdesCrypto> offered = List.of(
                SdesCrypto.generate(1, CryptoSuite.AES_CM_128_HMAC_SHA1_80),
                SdesCrypto.generate(2, CryptoSuite.AES_CM_128_HMAC_SHA1_32));
        SdesCrypto answer = SdesCrypto.generate(2, CryptoSuite.AES_CM_128_HMAC_SHA1_32);
        assertThat(Sdes.accepted(offered, audio(answer.format()))).isEqualTo(answer);
        assertThatThrownBy(() -> Sdes.accepted(offered, audio("3 AES_CM_128_HMAC_SHA1_80 inline:" + KEY)))
                .hasMessageContaining("not offered");
        assertThatThrownBy(() -> Sdes.accepted(offered, audio("1 AES_CM_128_HMAC_SHA1_32 inline:" + KEY)))
                .hasMessageContaining("was offered under it");
        assertThatThrownBy(() -> Sdes.accepted(offered, audio())).hasMessageContaining("exactly one");
    }

    @Test
    void ourKeysReplaceThePartysInTheSdp() {
        MediaDescription m = audio("1 AES_CM_128_HMAC_SHA1_80 inline:" + KEY);
        SdesCrypto ours = SdesCrypto.generate(1, CryptoSuite.AES_CM_128_HMAC_SHA1_80);
        Sdes.putKeys(m, List.of(ours));
        assertThat(m.attributes("crypto")).containsExactly(ours.format());
        assertThat(m.toString()).doesNotContain(KEY);
    }
}
