package org.tandem.pbx.auth.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tandem.pbx.auth.DigestAlgorithm;

class DigestOfferTest {

    final DigestOffer offer = new DigestOffer(
            List.of(DigestAlgorithm.SHA_256, DigestAlgorithm.MD5), List.of("^Linphone", "Yealink SIP-T[0-9]+"));

    @Test
    void sha256OnlyToTheUserAgentsKnownToHandleIt() {
        assertThat(offer.forUserAgent("Linphone Desktop/5.2"))
                .containsExactly(DigestAlgorithm.SHA_256, DigestAlgorithm.MD5);
        assertThat(offer.forUserAgent("yealink SIP-T46U 66.86.0.15"))
                .containsExactly(DigestAlgorithm.SHA_256, DigestAlgorithm.MD5);
        assertThat(offer.forUserAgent("baresip v1.0.0")).containsExactly(DigestAlgorithm.MD5);
        assertThat(offer.forUserAgent(null)).containsExactly(DigestAlgorithm.MD5);
    }

    /** The answer per User-Agent is remembered; past the bound (a flood of made-up ones) the answers stay the same. */
    @Test
    void rememberedAnswersStayRightPastTheBound() {
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < DigestOffer.MAX_KNOWN_USER_AGENTS * 3; i++) {
                assertThat(offer.forUserAgent("scanner/" + i)).containsExactly(DigestAlgorithm.MD5);
                assertThat(offer.forUserAgent("Linphone/" + i))
                        .containsExactly(DigestAlgorithm.SHA_256, DigestAlgorithm.MD5);
            }
        }
        assertThat(offer.forUserAgent("baresip v1.0.0")).containsExactly(DigestAlgorithm.MD5);
    }

    @Test
    void withOneAlgorithmConfiguredThereIsNothingToChoose() {
        DigestOffer md5Only = new DigestOffer(List.of(DigestAlgorithm.MD5), List.of("^Linphone"));
        assertThat(md5Only.forUserAgent("Linphone/5")).containsExactly(DigestAlgorithm.MD5);
    }
}
