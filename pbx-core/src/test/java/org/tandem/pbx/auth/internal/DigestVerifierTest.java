package org.tandem.pbx.auth.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tandem.pbx.auth.DigestAlgorithm;
import org.tandem.pbx.auth.internal.DigestVerifier.Verdict;
import org.tandem.pbx.testsupport.MutableClock;

class DigestVerifierTest {

    static final String REALM = "tandem.test";
    static final String URI = "sip:tandem.test";

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
    final Nonces nonces = new Nonces(new byte[32], clock, Duration.ofMinutes(5));
    final Map<String, String> secrets = new HashMap<>(Map.of("101", "s3cret-101"));
    final DigestVerifier verifier = new DigestVerifier(() -> REALM, List.of(DigestAlgorithm.SHA_256, DigestAlgorithm.MD5),
            u -> Optional.ofNullable(secrets.get(u)), nonces);

    static DigestCredentials answer(DigestAlgorithm alg, String user, String password, String nonce, int nc) {
        String ncHex = String.format("%08x", nc);
        String response = alg.response(alg.ha1(user, REALM, password), "REGISTER", URI, nonce, ncHex, "cn", "auth");
        return new DigestCredentials(user, REALM, nonce, URI, response, alg.token(), "auth", ncHex, "cn");
    }

    @Test
    void rightAnswersAreAcceptedWithEitherAlgorithm() {
        assertThat(verifier.verify(answer(DigestAlgorithm.SHA_256, "101", "s3cret-101", nonces.issue(), 1), "REGISTER"))
                .isEqualTo(Verdict.OK);
        assertThat(verifier.verify(answer(DigestAlgorithm.MD5, "101", "s3cret-101", nonces.issue(), 1), "REGISTER"))
                .isEqualTo(Verdict.OK);
    }

    @Test
    void wrongPasswordAndUnknownUserFailTheSameWay() {
        assertThat(verifier.verify(answer(DigestAlgorithm.MD5, "101", "wrong", nonces.issue(), 1), "REGISTER"))
                .isEqualTo(Verdict.WRONG);
        assertThat(verifier.verify(answer(DigestAlgorithm.MD5, "999", "anything", nonces.issue(), 1), "REGISTER"))
                .isEqualTo(Verdict.WRONG);
        // the decoy HA1 is stable per user and algorithm, shaped like a real one
        assertThat(verifier.ha1("999", DigestAlgorithm.SHA_256)).hasSize(64).isEqualTo(verifier.ha1("999", DigestAlgorithm.SHA_256));
        assertThat(verifier.ha1("999", DigestAlgorithm.MD5)).hasSize(32);
    }

    @Test
    void methodIsPartOfTheAnswer() {
        assertThat(verifier.verify(answer(DigestAlgorithm.MD5, "101", "s3cret-101", nonces.issue(), 1), "INVITE"))
                .isEqualTo(Verdict.WRONG);
    }

    @Test
    void rightAnswerOnExpiredNonceIsStaleButWrongOneStaysWrong() {
        String nonce = nonces.issue();
        clock.advance(Duration.ofMinutes(6));
        assertThat(verifier.verify(answer(DigestAlgorithm.SHA_256, "101", "s3cret-101", nonce, 1), "REGISTER"))
                .isEqualTo(Verdict.STALE);
        assertThat(verifier.verify(answer(DigestAlgorithm.SHA_256, "101", "bad", nonce, 1), "REGISTER"))
                .isEqualTo(Verdict.WRONG);
    }

    @Test
    void nonceCountMustIncrease() {
        String nonce = nonces.issue();
        assertThat(verifier.verify(answer(DigestAlgorithm.MD5, "101", "s3cret-101", nonce, 1), "REGISTER")).isEqualTo(Verdict.OK);
        assertThat(verifier.verify(answer(DigestAlgorithm.MD5, "101", "s3cret-101", nonce, 1), "REGISTER")).isEqualTo(Verdict.REPLAY);
        assertThat(verifier.verify(answer(DigestAlgorithm.MD5, "101", "s3cret-101", nonce, 2), "REGISTER")).isEqualTo(Verdict.OK);
        assertThat(verifier.verify(answer(DigestAlgorithm.SHA_256, "101", "s3cret-101", nonce, 2), "REGISTER")).isEqualTo(Verdict.REPLAY);
        assertThat(verifier.verify(answer(DigestAlgorithm.SHA_256, "101", "s3cret-101", nonce, 3), "REGISTER")).isEqualTo(Verdict.OK);
    }

    @Test
    void otherRealmsMissingQopAndAlgorithmsNotOfferedAreUnusable() {
        DigestCredentials ok = answer(DigestAlgorithm.MD5, "101", "s3cret-101", nonces.issue(), 1);
        assertThat(verifier.verify(new DigestCredentials(ok.username(), "elsewhere", ok.nonce(), ok.uri(), ok.response(),
                ok.algorithm(), ok.qop(), ok.nc(), ok.cnonce()), "REGISTER")).isEqualTo(Verdict.UNUSABLE);
        assertThat(verifier.verify(new DigestCredentials(ok.username(), REALM, ok.nonce(), ok.uri(), ok.response(),
                ok.algorithm(), null, ok.nc(), ok.cnonce()), "REGISTER")).isEqualTo(Verdict.UNUSABLE);
        DigestVerifier shaOnly = new DigestVerifier(() -> REALM, List.of(DigestAlgorithm.SHA_256),
                u -> Optional.ofNullable(secrets.get(u)), nonces);
        assertThat(shaOnly.verify(ok, "REGISTER")).isEqualTo(Verdict.UNUSABLE);
    }

    @Test
    void changedSecretIsPickedUpAfterForget() {
        assertThat(verifier.verify(answer(DigestAlgorithm.MD5, "101", "s3cret-101", nonces.issue(), 1), "REGISTER")).isEqualTo(Verdict.OK);
        secrets.put("101", "new-secret");
        verifier.forget("101");
        assertThat(verifier.verify(answer(DigestAlgorithm.MD5, "101", "s3cret-101", nonces.issue(), 1), "REGISTER")).isEqualTo(Verdict.WRONG);
        assertThat(verifier.verify(answer(DigestAlgorithm.MD5, "101", "new-secret", nonces.issue(), 1), "REGISTER")).isEqualTo(Verdict.OK);
    }
}
