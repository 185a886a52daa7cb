package org.tandem.pbx.auth;

import static org.assertj.core.api.Assertions.assertThat;

import gov.nist.javax.sip.header.HeaderFactoryImpl;
import javax.sip.header.WWWAuthenticateHeader;
import org.junit.jupiter.api.Test;

/** Our answers to a provider's challenge, against the worked examples of RFC 7616 §3.9.1. */
class ClientDigestTest {

    private static WWWAuthenticateHeader challenge(String algorithm) throws Exception {
        WWWAuthenticateHeader h = new HeaderFactoryImpl().createWWWAuthenticateHeader("Digest");
        h.setRealm("http-auth@example.org");
        h.setQop("auth");
        h.setNonce("7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v");
        h.setOpaque("FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS");
        h.setAlgorithm(algorithm);
        return h;
    }

    @Test
    void sha256AnswerMatchesRfc7616() throws Exception {
        String answer = ClientDigest.answer(
                        challenge("SHA-256"),
                        "GET",
                        "/dir/index.html",
                        "Mufasa",
                        "Circle of Life",
                        1,
                        "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ")
                .orElseThrow();

        assertThat(answer)
                .contains("response=\"753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1\"")
                .contains("algorithm=SHA-256")
                .contains("nc=00000001")
                .contains("qop=auth")
                .contains("opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"");
    }

    @Test
    void md5AnswerMatchesRfc7616() throws Exception {
        String answer = ClientDigest.answer(
                        challenge("MD5"),
                        "GET",
                        "/dir/index.html",
                        "Mufasa",
                        "Circle of Life",
                        1,
                        "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ")
                .orElseThrow();

        assertThat(answer)
                .contains("response=\"8ca523f5e9506fed4657c9700eebdbec\"")
                .contains("algorithm=MD5");
    }

    @Test
    void unknownAlgorithmsAreNotAnswered() throws Exception {
        assertThat(ClientDigest.answer(challenge("SHA-512-256"), "INVITE", "sip:x@y", "u", "p", 1))
                .isEmpty();
    }
}
