package org.tandem.pbx.registrar.internal;

import static org.assertj.core.api.Assertions.assertThat;

import gov.nist.javax.sip.header.Via;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sip.RequestEvent;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.tandem.pbx.auth.AuthOutcome;
import org.tandem.pbx.auth.DigestProperties;
import org.tandem.pbx.auth.internal.DigestAuthenticator;
import org.tandem.pbx.config.SipDomain;
import org.tandem.pbx.security.SecurityProperties;
import org.tandem.pbx.security.internal.FailureBans;
import org.tandem.pbx.sip.InboundRequest;
import org.tandem.pbx.sip.LocalAddresses;
import org.tandem.pbx.sip.SipProperties;
import org.tandem.pbx.sip.SipResponder;
import org.tandem.pbx.testsupport.MutableClock;
import org.tandem.pbx.testsupport.OfflineSipTransports;
import org.tandem.pbx.testsupport.SipText;

/**
 * The REGISTER challenge written from the datagram's bytes against the one the stack's path builds from jain-sip's
 * objects for the same request (RegisterShortcutIT compares them on the running stack), and every shape it
 * must leave to the stack.
 */
class RegisterShortcutTest {

    static final String REALM = "tandem.test";
    static final String LINPHONE = "Linphone-Desktop/5.2.6 (debian) Linphone-SDK/5.3.97 (belle-sip/5.3.97)";

    final OfflineSipTransports sip = new OfflineSipTransports();
    final LocalAddresses local = new LocalAddresses(
            REALM, new SipProperties("192.0.2.1", "", 5060, 0, null, null, 0, 0, 0, null, null), "192.0.2.1");
    final FailureBans bans = new FailureBans(
            new SecurityProperties(3, Duration.ofMinutes(1), Duration.ofMinutes(15), List.of()),
            new MutableClock(Instant.parse("2026-11-30T10:00:00Z")));
    final DigestAuthenticator auth = new DigestAuthenticator(
            new SipDomain(REALM),
            new DigestProperties(null, null, null),
            ext -> Optional.ofNullable(Map.of("101", "s3cret-101").get(ext)),
            sip,
            new SipResponder(sip),
            bans,
            local,
            new DefaultListableBeanFactory().getBeanProvider(Clock.class));
    /** Without a registrar: REGISTERs with credentials are the subject of RegisterShortcutIT, on the running stack. */
    final RegisterShortcut shortcut = new RegisterShortcut(local, bans, auth, () -> REALM, null, null);

    record Sent(String text, InetAddress to, int port) {}

    final List<Sent> sent = new ArrayList<>();

    static String register(String via, String... headers) {
        StringBuilder b = new StringBuilder("REGISTER sip:tandem.test SIP/2.0\r\n")
                .append("Via: ")
                .append(via)
                .append("\r\n")
                .append("Max-Forwards: 70\r\n")
                .append("From: <sip:101@tandem.test>;tag=ft\r\n")
                .append("To: <sip:101@tandem.test>\r\n")
                .append("Call-ID: fixed-call-id\r\n")
                .append("CSeq: 1 REGISTER\r\n")
                .append("Contact: <sip:101@192.0.2.7:5060;transport=udp>\r\n")
                .append("Expires: 3600\r\n");
        for (String h : headers) b.append(h).append("\r\n");
        return b.append("Content-Length: 0\r\n\r\n").toString();
    }

    boolean serve(String text, String source, int port) throws Exception {
        byte[] buffer = new byte[65535];
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(bytes, 0, buffer, 0, bytes.length);
        buffer[bytes.length] = 'X'; // what a previous, longer datagram left in the receive buffer is not read
        return shortcut.serve(
                buffer,
                bytes.length,
                InetAddress.getByName(source),
                port,
                (out, length, to, toPort) ->
                        sent.add(new Sent(new String(out, 0, length, StandardCharsets.US_ASCII), to, toPort)));
    }

    /** The stack's path: jain-sip's UDP channel marks the top Via (RFC 3581 §4), the authenticator answers 401. */
    SipText stackAnswer(String text, String source, int port) throws Exception {
        Request request = sip.parse(text);
        Via via = (Via) request.getHeader(ViaHeader.NAME);
        boolean rport = via.hasParameter("rport");
        if (rport || !via.getHost().equals(source)) via.setParameter("received", source);
        if (rport) via.setParameter("rport", Integer.toString(port));
        AuthOutcome outcome = auth.authenticateRegister(
                new InboundRequest(new RequestEvent(this, null, null, request), request, source, port, "udp"));
        return new SipText(((AuthOutcome.Rejected) outcome).response().toString());
    }

    static String withoutNonce(String challenge) {
        return challenge.replaceAll("nonce=\"[^\"]*\"", "nonce=\"N\"");
    }

    @Test
    void writesTheChallengeTheStacksPathBuildsForTheSameRequest() throws Exception {
        String text = register("SIP/2.0/UDP 192.0.2.7:5060;branch=z9hG4bK-1;rport", "User-Agent: " + LINPHONE);

        assertThat(serve(text, "192.0.2.7", 5062)).isTrue();
        assertThat(shortcut.challenged()).isEqualTo(1);

        assertThat(sent).singleElement().satisfies(s -> {
            assertThat(s.to().getHostAddress()).isEqualTo("192.0.2.7");
            assertThat(s.port()).isEqualTo(5062); // rport: where the datagram came from
        });
        SipText ours = new SipText(sent.get(0).text());
        SipText stack = stackAnswer(text, "192.0.2.7", 5062);
        assertThat(ours.startLine()).isEqualTo(stack.startLine()).isEqualTo("SIP/2.0 401 Unauthorized");
        for (String name : List.of("Via", "From", "To", "Call-ID", "CSeq", "Content-Length")) {
            assertThat(ours.values(name)).as(name).isEqualTo(stack.values(name));
        }
        assertThat(ours.headers("WWW-Authenticate").stream().map(RegisterShortcutTest::withoutNonce))
                .as("a SHA-256 and an MD5 challenge to this Linphone, in that order")
                .containsExactlyElementsOf(stack.headers("WWW-Authenticate").stream()
                        .map(RegisterShortcutTest::withoutNonce)
                        .toList())
                .hasSize(2);
        assertThat(ours.header("Via"))
                .isEqualTo("SIP/2.0/UDP 192.0.2.7:5060;branch=z9hG4bK-1;rport=5062;received=192.0.2.7");
        assertThat(ours.header("To")).startsWith("<sip:101@tandem.test>;tag=tdm");
        assertThat(ours.headerNames()).isEqualTo(stack.headerNames());
        // a nonce issued to the source: the phone's answer to it is checked as any other (DigestAuthenticatorTest)
        assertThat(ours.header("WWW-Authenticate")).contains("nonce=\"").doesNotContain("nonce=\"\"");
    }

    @Test
    void withoutRportAnswersTheViasPortAtTheSourceAddressAsTheStackDoes() throws Exception {
        String sameHost = register("SIP/2.0/UDP 192.0.2.7:5070;branch=z9hG4bK-2");
        assertThat(serve(sameHost, "192.0.2.7", 5062)).isTrue();
        assertThat(sent.get(0).port()).as("RFC 3261 §18.2.2: the sent-by port").isEqualTo(5070);
        assertThat(new SipText(sent.get(0).text()).values("Via"))
                .isEqualTo(stackAnswer(sameHost, "192.0.2.7", 5062).values("Via"))
                .containsExactly("SIP/2.0/UDP 192.0.2.7:5070;branch=z9hG4bK-2");

        String otherHost = register("SIP/2.0/UDP phone.example;branch=z9hG4bK-3");
        assertThat(serve(otherHost, "192.0.2.7", 5062)).isTrue();
        assertThat(sent.get(1).port()).as("no port in the Via: 5060").isEqualTo(5060);
        assertThat(sent.get(1).to().getHostAddress()).isEqualTo("192.0.2.7");
        assertThat(new SipText(sent.get(1).text()).values("Via"))
                .isEqualTo(stackAnswer(otherHost, "192.0.2.7", 5062).values("Via"))
                .containsExactly("SIP/2.0/UDP phone.example;branch=z9hG4bK-3;received=192.0.2.7");
    }

    @Test
    void compactFormsAndExtensionsAreReadAndAnOnlyMd5PhoneGetsOnlyMd5() throws Exception {
        String text = "REGISTER sip:tandem.test:5060 SIP/2.0\r\n"
                + "v: SIP/2.0/UDP 192.0.2.7:5060;rport;branch=z9hG4bK-4\r\n"
                + "f: \"Desk 101\" <sip:101@tandem.test>;tag=ft\r\n"
                + "t: Desk <sip:101@tandem.test>\r\n"
                + "i: abc@192.0.2.7\r\n"
                + "CSeq: 7 REGISTER\r\n"
                + "m: <sip:101@192.0.2.7:5060;ob>;+sip.instance=\"<urn:uuid:00000000-0000-1000-8000-000000000001>\";reg-id=1\r\n"
                + "k: path, outbound\r\n"
                + "Allow: INVITE, ACK, CANCEL, BYE, OPTIONS\r\n"
                + "Allow-Events: dialog, presence.winfo\r\n"
                + "X-Grandstream-PBX: true\r\n"
                + "User-Agent: Yealink SIP-T46U 108.86.0.45\r\n"
                + "l: 0\r\n\r\n";
        assertThat(serve(text, "192.0.2.7", 5060)).isTrue();
        SipText ours = new SipText(sent.get(0).text());
        SipText stack = stackAnswer(text, "192.0.2.7", 5060);
        for (String name : List.of("Via", "From", "To", "Call-ID", "CSeq")) {
            assertThat(ours.values(name)).as(name).isEqualTo(stack.values(name));
        }
        assertThat(ours.headers("WWW-Authenticate").stream().map(RegisterShortcutTest::withoutNonce))
                .containsExactlyElementsOf(stack.headers("WWW-Authenticate").stream()
                        .map(RegisterShortcutTest::withoutNonce)
                        .toList())
                .singleElement()
                .asString()
                .contains("algorithm=MD5");
    }

    /** The benchmark's REGISTER (bench/sipp/register_auth.xml) as SIPp sends it: the shortcut serves it. */
    @Test
    void servesSippsRegister() throws Exception {
        String sipp = "REGISTER sip:tandem.test SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5998;branch=z9hG4bK-25782-1-0;rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:3000@tandem.test>;tag=25782SIPpTag1\r\n"
                + "To: <sip:3000@tandem.test>\r\n"
                + "Call-ID: 1-25782@127.0.0.1\r\n"
                + "CSeq: 1 REGISTER\r\n"
                + "Contact: <sip:3000@127.0.0.1:5998;transport=UDP>\r\n"
                + "Expires: 3600\r\n"
                + "User-Agent: sipp-bench\r\n"
                + "Content-Length: 0\r\n\r\n";
        assertThat(serve(sipp, "127.0.0.1", 5998)).isTrue();
        assertThat(new SipText(sent.get(0).text()).status()).isEqualTo(401);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Authorization: Digest username=\"101\"", // not our realm, nor complete
                "Authorization: Digest username=\"101\",realm=\"other.example\",nonce=\"n\",uri=\"sip:tandem.test\"",
                "Authorization: Basic MTAxOnNlY3JldA==",
                "Require: path",
                "Accept: application/sdp",
                "Timestamp: 54",
                "Via: SIP/2.0/UDP 192.0.2.9:5060;branch=z9hG4bK-9",
                "Contact: <sip:101@192.0.2.7:5070>",
                "Expires: 60",
                "Max-Forwards: 300",
                "User-Agent: broken (comment",
                "Allow: INVITE,,BYE",
                "Subject: anything the stack's parser reads",
            })
    void leavesRequestsWithHeadersItDoesNotReadToTheStack(String extra) throws Exception {
        assertThat(serve(register("SIP/2.0/UDP 192.0.2.7:5060;branch=z9hG4bK-1;rport", extra), "192.0.2.7", 5060))
                .isFalse();
        assertThat(sent).isEmpty();
        assertThat(shortcut.challenged()).isZero();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "SIP/2.0/TCP 192.0.2.7:5060;branch=z9hG4bK-1;rport",
                "SIP/2.0/UDP 192.0.2.7:5060;rport",
                "SIP/2.0/UDP 192.0.2.7:5060;branch=z9hG4bK-1;rport=5060",
                "SIP/2.0/UDP 192.0.2.7:5060;branch=z9hG4bK-1;received=192.0.2.8",
                "SIP/2.0/UDP [2001:db8::7]:5060;branch=z9hG4bK-1",
                "SIP/2.0/UDP 192.0.2.7:5060 ;branch=z9hG4bK-1",
                "SIP/2.0/UDP 192.0.2.7:5060;branch=z9hG4bK-1, SIP/2.0/UDP 192.0.2.9;branch=z9hG4bK-2",
                "SIP/3.0/UDP 192.0.2.7:5060;branch=z9hG4bK-1",
                "SIP/2.0/UDP 192.0.2.7:99999;branch=z9hG4bK-1",
            })
    void leavesViasItDoesNotReadToTheStack(String via) throws Exception {
        assertThat(serve(register(via), "192.0.2.7", 5060)).isFalse();
        assertThat(sent).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "REGISTER sip:other.example SIP/2.0", // §10.3 step 1: 403 from the stack's path
                "REGISTER sip:101@tandem.test SIP/2.0",
                "REGISTER sips:tandem.test SIP/2.0",
                "REGISTER  sip:tandem.test SIP/2.0",
                "REGISTER sip:tandem.test SIP/2.1",
                "REGISTER sip:tandem.test;transport=udp?x=y SIP/2.0",
            })
    void leavesRequestLinesItDoesNotServeToTheStack(String requestLine) throws Exception {
        String text = register("SIP/2.0/UDP 192.0.2.7:5060;branch=z9hG4bK-1;rport")
                .replace("REGISTER sip:tandem.test SIP/2.0", requestLine);
        assertThat(serve(text, "192.0.2.7", 5060)).isFalse();
        assertThat(sent).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "To: <sip:101@tandem.test>;tag=already", // not a first REGISTER's To
                "To: sip:101@tandem.test", // addr-spec: the stack writes it back as it likes
                "From: <sip:101@tandem.test;tag=ft",
                "Call-ID: two words",
                "CSeq: 1 INVITE",
                "CSeq: x REGISTER",
                "Contact: <sip:101@192.0.2.7>, <sip:101@192.0.2.8>",
                "Contact: <sip:@192.0.2.7>",
                "Expires: soon",
                "Content-Length: 4",
                "From: \"Zoë\" <sip:101@tandem.test>;tag=ft",
                "To: \"Desk <101>\" <sip:101@tandem.test>", // the URI is looked up as the first <...>
            })
    void leavesMalformedOrUnusualValuesToTheStack(String header) throws Exception {
        String name = header.substring(0, header.indexOf(':'));
        String text = register("SIP/2.0/UDP 192.0.2.7:5060;branch=z9hG4bK-1;rport")
                        .lines()
                        .map(l -> l.startsWith(name + ":") ? header : l)
                        .reduce((a, b) -> a + "\r\n" + b)
                        .orElseThrow()
                + "\r\n\r\n";
        assertThat(text).contains(header);
        assertThat(serve(text, "192.0.2.7", 5060)).isFalse();
        assertThat(sent).isEmpty();
    }

    @Test
    void leavesFoldedLinesBareLineFeedsBodiesIpv6AndOtherMethodsToTheStack() throws Exception {
        String good = register("SIP/2.0/UDP 192.0.2.7:5060;branch=z9hG4bK-1;rport");
        assertThat(serve(good.replace("Expires: 3600\r\n", "Expires:\r\n 3600\r\n"), "192.0.2.7", 5060))
                .isFalse();
        assertThat(serve(good.replace("\r\n", "\n"), "192.0.2.7", 5060)).isFalse();
        assertThat(serve(good + "v=0\r\n", "192.0.2.7", 5060)).isFalse();
        assertThat(serve(good, "2001:db8::7", 5060)).isFalse();
        assertThat(serve(good.replace("REGISTER", "OPTIONS"), "192.0.2.7", 5060))
                .isFalse();
        assertThat(sent).isEmpty();
        assertThat(serve(good, "192.0.2.7", 5060))
                .as("the same request, as it should be")
                .isTrue();
        assertThat(sent).hasSize(1);
    }

    @Test
    void aBannedSourceGetsNoAnswerAsFromTheStacksPath() throws Exception {
        for (int i = 0; i < 3; i++) bans.recordFailure("192.0.2.66", "test");
        assertThat(bans.isBanned("192.0.2.66")).isTrue();
        assertThat(serve(register("SIP/2.0/UDP 192.0.2.66:5060;branch=z9hG4bK-1;rport"), "192.0.2.66", 5060))
                .as("served: dropped on purpose")
                .isTrue();
        assertThat(sent).isEmpty();
    }
}
