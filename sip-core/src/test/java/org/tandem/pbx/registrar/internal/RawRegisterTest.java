package org.tandem.pbx.registrar.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tandem.pbx.registrar.internal.RegisterShortcutTest.REALM;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tandem.pbx.auth.DigestCredentials;
import org.tandem.pbx.sip.LocalAddresses;
import org.tandem.pbx.sip.SipProperties;

/**
 * A REGISTER with credentials read from its datagram into what the registrar uses ({@link RawRegister}), and what of it
 * is left to the stack; the answers written from it are RegisterShortcutTest's and RegisterShortcutIT's subject.
 */
class RawRegisterTest {

    final LocalAddresses local = new LocalAddresses(
            REALM, new SipProperties("192.0.2.1", "", 5060, 0, null, null, 0, 0, 0, null, null), "192.0.2.1");

    static final String CREDENTIALS = "Authorization: Digest username=\"101\", realm=\"tandem.test\","
            + " nonce=\"abc\", uri=\"sip:tandem.test\", response=\"0123456789abcdef0123456789abcdef\","
            + " algorithm=MD5, cnonce=\"xyz\", qop=auth, nc=00000001";

    RawRegister read(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        try {
            return RawRegister.read(bytes, bytes.length, InetAddress.getByName("192.0.2.7"), 5062, local, () -> REALM);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A REGISTER with credentials is read into what the registrar uses, values as the stack gives them. */
    @Test
    void readsTheCredentialsContactAndExpiresOfARegister() {
        RawRegister r =
                read(RegisterShortcutTest.register("SIP/2.0/UDP 192.0.2.7:5060;branch=z9hG4bK-1;rport", CREDENTIALS)
                        .replace(
                                "Contact: <sip:101@192.0.2.7:5060;transport=udp>",
                                "Contact: <sip:101@192.0.2.7:5060;transport=udp>;expires=600;q=0.5"));
        assertThat(r).isNotNull();
        assertThat(r.toUser()).isEqualTo("101");
        assertThat(r.callId()).isEqualTo("fixed-call-id");
        assertThat(r.cseq()).isEqualTo(1);
        assertThat(r.expires()).isEqualTo(3600);
        assertThat(r.contacts()).singleElement().satisfies(c -> {
            assertThat(c.uri()).isEqualTo("sip:101@192.0.2.7:5060;transport=udp");
            assertThat(c.expires()).isEqualTo(600);
            assertThat(c.q()).isEqualTo("0.5");
        });
        assertThat(r.credentials())
                .isEqualTo(new DigestCredentials(
                        "101",
                        "tandem.test",
                        "abc",
                        "sip:tandem.test",
                        "0123456789abcdef0123456789abcdef",
                        "MD5",
                        "auth",
                        "00000001",
                        "xyz"));
        assertThat(r.via().viaPort()).isEqualTo(5060);
        assertThat(r.responsePort()).isEqualTo(5062);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "k: outbound", // RFC 5626: the stack's path keeps flows
                "Supported: path, outbound",
                "Contact: <sip:101@192.0.2.7>;q=2", // a second Contact, and no qvalue
                "Authorization: Digest username=\"101\", realm=\"tandem.test\", nonce=\"a\\\"b\"",
            })
    void leavesWhatItDoesNotReadOfARegisterWithCredentialsToTheStack(String extra) {
        assertThat(read(RegisterShortcutTest.register(
                        "SIP/2.0/UDP 192.0.2.7:5060;branch=z9hG4bK-1;rport", CREDENTIALS, extra)))
                .isNull();
    }

    @Test
    void aRegisterWithCredentialsNeedsAnRfc3261BranchForItsTransaction() {
        assertThat(read(RegisterShortcutTest.register("SIP/2.0/UDP 192.0.2.7:5060;branch=1234;rport", CREDENTIALS)))
                .isNull();
        assertThat(read(RegisterShortcutTest.register("SIP/2.0/UDP 192.0.2.7:5060;branch=z9hG4bK;rport", CREDENTIALS)))
                .isNull();
        assertThat(read(RegisterShortcutTest.register("SIP/2.0/UDP 192.0.2.7:5060;branch=1234;rport")))
                .as("a challenge needs none")
                .isNotNull();
        assertThat(read(RegisterShortcutTest.register("SIP/2.0/UDP 192.0.2.7:5060;branch=z9hG4bKx;rport", CREDENTIALS)))
                .isNotNull();
    }

    /** The benchmark's second REGISTER, with SIPp's credentials (its digest-uri names the registrar's address). */
    @Test
    void readsSippsRegisterWithCredentials() {
        RawRegister r = read("REGISTER sip:tandem.test SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5996;branch=z9hG4bK-19386-1-2;rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:3000@tandem.test>;tag=19386SIPpTag1\r\n"
                + "To: <sip:3000@tandem.test>\r\n"
                + "Call-ID: 1-19386@127.0.0.1\r\n"
                + "CSeq: 2 REGISTER\r\n"
                + "Contact: <sip:3000@127.0.0.1:5996;transport=UDP>\r\n"
                + "Expires: 3600\r\n"
                + "Authorization: Digest username=\"3000\",realm=\"tandem.test\",cnonce=\"6b8b4567\",nc=00000001,"
                + "qop=auth,uri=\"sip:127.0.0.1:5997\",nonce=\"abc123\",response=\"33d39d7f5aaf9f8f866b85d56fe3528f\","
                + "algorithm=MD5\r\n"
                + "User-Agent: sipp-bench\r\n"
                + "Content-Length: 0\r\n\r\n");
        assertThat(r).isNotNull();
        assertThat(r.credentials().uri()).isEqualTo("sip:127.0.0.1:5997");
        assertThat(r.credentials().qop()).isEqualTo("auth");
        assertThat(r.cseq()).isEqualTo(2);
    }

    /** What the shortcut does not read completely goes to the stack: nothing sent, false. */
}
