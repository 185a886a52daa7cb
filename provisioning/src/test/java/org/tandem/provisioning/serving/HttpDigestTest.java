package org.tandem.provisioning.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.tandem.pbx.auth.DigestAlgorithm;

class HttpDigestTest {

    static final String REALM = "Tandem provisioning";
    static final String URI = "/prov/a/001565aa0001.cfg";

    /** The worked example of RFC 7616 §3.9.1 (user Mufasa, password "Circle of Life"), both algorithms. */
    @Test
    void theRfcExampleResponsesAreComputed() {
        String nonce = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
        String cnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";
        assertThat(HttpDigest.response(DigestAlgorithm.MD5, "Mufasa", "http-auth@example.org", "Circle of Life", "GET",
                "/dir/index.html", nonce, "00000001", cnonce)).isEqualTo("8ca523f5e9506fed4657c9700eebdbec");
        assertThat(HttpDigest.response(DigestAlgorithm.SHA_256, "Mufasa", "http-auth@example.org", "Circle of Life", "GET",
                "/dir/index.html", nonce, "00000001", cnonce))
                .isEqualTo("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1");
    }

    private static String nonceOf(String challenge) {
        return HttpDigest.parameters(challenge.substring(7)).get("nonce");
    }

    private static String answer(String algorithm, String nonce, String password, String uri) {
        String response = HttpDigest.response(DigestAlgorithm.fromToken(algorithm).orElseThrow(), "001565aa0001", REALM, password, "GET", uri, nonce, "00000001", "c0ffee");
        return "Digest username=\"001565aa0001\", realm=\"" + REALM + "\", nonce=\"" + nonce + "\", uri=\"" + uri
                + "\", algorithm=" + algorithm + ", qop=auth, nc=00000001, cnonce=\"c0ffee\", response=\"" + response + "\"";
    }

    @Test
    void anAnswerToItsOwnChallengeProvesThePasswordAndNothingElse() {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-22T09:00:00Z"));
        Clock clock = new Clock() {
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            public Instant instant() {
                return now.get();
            }
        };
        HttpDigest digest = new HttpDigest(REALM, clock);
        assertThat(digest.challenges(false)).hasSize(2).first().asString()
                .startsWith("Digest realm=\"Tandem provisioning\", qop=\"auth\", algorithm=SHA-256, nonce=");
        String nonce = nonceOf(digest.challenges(false).get(0));

        for (String algorithm : new String[] {"SHA-256", "MD5"}) {
            PhoneCredentials c = digest.credentials(answer(algorithm, nonce, "prov-pass", URI), "GET", URI).orElseThrow();
            assertThat(c.user()).isEqualTo("001565aa0001");
            assertThat(c.proves("prov-pass")).isTrue();
            assertThat(c.proves("other-pass")).isFalse();
        }
        // answered for another file, a nonce it did not make, another realm
        assertThat(digest.credentials(answer("SHA-256", nonce, "prov-pass", URI), "GET", "/prov/a/other.cfg")).isEmpty();
        assertThat(digest.credentials(answer("SHA-256", "bm90LW91cnM6MTIz", "prov-pass", URI), "GET", URI)).isEmpty();
        assertThat(digest.credentials(answer("SHA-256", nonce, "prov-pass", URI).replace(REALM, "elsewhere"), "GET", URI))
                .isEmpty();
        assertThat(new HttpDigest(REALM, clock).credentials(answer("MD5", nonce, "prov-pass", URI), "GET", URI))
                .as("another start's key").isEmpty();

        now.set(now.get().plusSeconds(HttpDigest.NONCE_LIFETIME_SECONDS + 1));
        PhoneCredentials late = digest.credentials(answer("SHA-256", nonce, "prov-pass", URI), "GET", URI).orElseThrow();
        assertThat(late.stale()).isTrue();
        assertThat(late.proves("prov-pass")).as("a stale nonce proves nothing").isFalse();
        assertThat(digest.challenges(true).get(0)).endsWith(", stale=true");
    }
}
