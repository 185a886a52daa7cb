package org.tandem.pbx.proxy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which INVITEs {@link RawInvite} reads, and which it leaves to the stack's path (and so to its full checks). */
class RawInviteTest {

    static final String SDP =
            "v=0\r\no=a 1 1 IN IP4 192.0.2.7\r\ns=-\r\nc=IN IP4 192.0.2.7\r\nt=0 0\r\n" + "m=audio 40000 RTP/AVP 0\r\n";

    static final String HEADERS = "INVITE sip:102@pbx.test SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP 192.0.2.7:5062;branch=z9hG4bK-1;rport\r\n"
            + "Max-Forwards: 70\r\n"
            + "From: \"Desk\" <sip:101@pbx.test>;tag=a1\r\n"
            + "To: <sip:102@pbx.test>\r\n"
            + "Call-ID: c1@192.0.2.7\r\n"
            + "CSeq: 1 INVITE\r\n"
            + "Contact: <sip:101@192.0.2.7:5062>\r\n"
            + "Content-Type: application/sdp\r\n";

    static String invite(String headers, String body) {
        return headers + "Content-Length: " + body.length() + "\r\n\r\n" + body;
    }

    static RawInvite read(String text) {
        byte[] b = (text + "trailing bytes of the receive buffer").getBytes(StandardCharsets.US_ASCII);
        try {
            return RawInvite.read(b, text.length(), InetAddress.getByName("192.0.2.7"), 5062);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void readsAPhonesFirstInviteWithItsSdp() {
        RawInvite invite = read(invite(HEADERS, SDP));
        assertThat(invite).isNotNull();
        assertThat(invite.requestUriUser()).isEqualTo("102");
        assertThat(invite.requestUriHost()).isEqualTo("pbx.test");
        assertThat(invite.requestUriPort()).isEqualTo(-1);
        assertThat(invite.fromHost()).isEqualTo("pbx.test");
        assertThat(invite.via().branch()).isEqualTo("z9hG4bK-1");
        assertThat(invite.responsePort()).isEqualTo(5062);
        assertThat(new String(
                        invite.response(407, "Proxy Authentication Required", java.util.List.of("X: y")),
                        StandardCharsets.US_ASCII))
                .startsWith("SIP/2.0 407 Proxy Authentication Required\r\n"
                        + "Via: SIP/2.0/UDP 192.0.2.7:5062;branch=z9hG4bK-1;rport=5062;received=192.0.2.7\r\n"
                        + "From: \"Desk\" <sip:101@pbx.test>;tag=a1\r\n"
                        + "To: <sip:102@pbx.test>;tag=tdm")
                .endsWith("\r\nCall-ID: c1@192.0.2.7\r\nCSeq: 1 INVITE\r\nX: y\r\nContent-Length: 0\r\n\r\n");
    }

    @Test
    void readsCompactFormsAndAPortInTheRequestUri() {
        String compact = HEADERS.replace("INVITE sip:102@pbx.test ", "INVITE sip:102@pbx.test:5070;user=phone ")
                .replace("Via:", "v:")
                .replace("From:", "f:")
                .replace("To:", "t:")
                .replace("Call-ID:", "i:")
                .replace("Contact:", "m:")
                .replace("Content-Type:", "c:");
        RawInvite invite = read(compact + "l: " + SDP.length() + "\r\n\r\n" + SDP);
        assertThat(invite).isNotNull();
        assertThat(invite.requestUriPort()).isEqualTo(5070);
    }

    /** Each of these goes to the stack's path, which reads (and answers) it in full. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "Route: <sip:pbx.test;lr>\r\n", // §16.4, a strict router, in-dialog: the proxy's route logic
                "Proxy-Authorization: Digest username=\"101\"\r\n", // credentials: authenticated by the stack's path
                "Authorization: Digest username=\"101\"\r\n",
                "X-Tandem-Origin: signed\r\n", // our own signed headers (trusted origins, trunk orders)
                "Proxy-Require: foo\r\n", // §16.3 step 5: 420
                "Require: 100rel\r\n",
                "Via: SIP/2.0/UDP 192.0.2.9;branch=z9hG4bK-2\r\n", // a second Via: maybe a loop (§16.3 step 4)
                "Max-Forwards: 69\r\n", // twice
                "Allow: INVITE\r\nAllow: BYE\r\n", // twice: only one line of each is checked here
                "Subject: hi\r\n", // any header not read here
            })
    void leavesToTheStack(String extra) {
        assertThat(read(invite(HEADERS + extra, SDP))).isNull();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "To: <sip:102@pbx.test>;tag=x", // in a dialog
                "Max-Forwards: 0", // §16.3 step 3: 483
                "CSeq: 1 ACK", // CSeq's method is not the request's
                "Via: SIP/2.0/UDP 192.0.2.7:5062;branch=1234;rport", // RFC 2543 branch
                "Via: SIP/2.0/TCP 192.0.2.7:5062;branch=z9hG4bK-1", // not UDP
                "Contact: sip:101@192.0.2.7", // an addr-spec without <>: left to jain-sip's grammar
                "From: <tel:101>;tag=a1", // not a SIP URI
            })
    void leavesToTheStackWhenAHeaderIsNotInTheFormReadHere(String line) {
        String name = line.substring(0, line.indexOf(':') + 1);
        String headers = HEADERS.replaceFirst("(?m)^" + java.util.regex.Pattern.quote(name) + ".*$", line + "\r");
        assertThat(headers).contains(line);
        assertThat(read(invite(headers, SDP))).isNull();
    }

    @Test
    void leavesToTheStackABodyOtherThanContentLengthSays() {
        assertThat(read(HEADERS + "Content-Length: " + (SDP.length() + 1) + "\r\n\r\n" + SDP))
                .isNull();
        assertThat(read(HEADERS + "Content-Length: " + (SDP.length() - 1) + "\r\n\r\n" + SDP))
                .isNull();
        assertThat(read(HEADERS + "\r\n" + SDP)).as("no Content-Length").isNull();
        assertThat(read(HEADERS.replace("INVITE sip:102@pbx.test ", "INVITE sip:pbx.test ") + "Content-Length: "
                        + SDP.length() + "\r\n\r\n" + SDP))
                .as("no user in the Request-URI")
                .isNull();
    }
}
