package org.tandem.appliance.blackbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tandem.pbx.fuzz.Rfc4475Corpus;

/**
 * Every RFC 4475 torture message, over UDP and over TCP, against the running appliance: valid
 * requests are handled (answered, and not with 400), invalid ones get 400 or are dropped, responses
 * that match no transaction are never answered, and after each message the server still answers
 * OPTIONS with 200. The table below is the RFC's verdict for each file.
 */
class Rfc4475TortureIT {

    @RegisterExtension
    static final TandemExtension tandem = TandemExtension.shared(); // raw messages only: no user, setting or ban

    /** How long a valid request may take to get its final answer. */
    private static final Duration ANSWER = Duration.ofSeconds(5);
    /** How long we listen for a (wrong) answer to a message that should get 400 or nothing. */
    private static final Duration QUIET = Duration.ofMillis(700);

    enum Kind {
        /** Well-formed: must be answered, never with 400 (and with one of {@code codes} if given). */
        VALID,
        /** Malformed: 400 or silence (or one of {@code codes}, which the RFC also allows). */
        INVALID,
        /** The RFC allows either rejecting (400) or a liberal reading that handles it: anything but a crash. */
        EITHER,
        /** A response matching no transaction of ours: never answered, never forwarded back to us. */
        RESPONSE
    }

    record Verdict(Kind kind, Set<Integer> codes, String rfc) {}

    static final Map<String, Verdict> RFC_4475 = new LinkedHashMap<>();

    private static void verdict(String file, Kind kind, String rfc, Integer... codes) {
        RFC_4475.put(file, new Verdict(kind, Set.of(codes), rfc));
    }

    static {
        // §3.1.1 valid messages: a parser must accept them
        verdict("wsinv", Kind.VALID, "3.1.1.1 short tortuous INVITE");
        verdict("intmeth", Kind.VALID, "3.1.1.2 wide range of valid characters (unknown method)");
        verdict("esc01", Kind.VALID, "3.1.1.3 valid use of % escaping");
        verdict("escnull", Kind.VALID, "3.1.1.4 escaped nulls in URIs");
        verdict("esc02", Kind.VALID, "3.1.1.5 % that is not an escape (method RE%47IST%45R is not REGISTER)");
        verdict("lwsdisp", Kind.VALID, "3.1.1.6 no LWS between display name and <");
        verdict("longreq", Kind.VALID, "3.1.1.7 long values in header fields");
        verdict("dblreq", Kind.VALID, "3.1.1.8 extra trailing octets in a UDP datagram (must be ignored)");
        verdict("semiuri", Kind.VALID, "3.1.1.9 semicolon-separated parameters in URI user part");
        verdict("transports", Kind.VALID, "3.1.1.10 varied and unknown transport types");
        verdict("mpart01", Kind.VALID, "3.1.1.11 multipart MIME message");
        verdict("unreason", Kind.RESPONSE, "3.1.1.12 unusual reason phrase (valid response)");
        verdict("noreason", Kind.RESPONSE, "3.1.1.13 empty reason phrase (valid response)");
        // §3.1.2 invalid messages
        verdict("badinv01", Kind.INVALID, "3.1.2.1 extraneous header field separators");
        verdict("clerr", Kind.INVALID, "3.1.2.2 Content-Length larger than message");
        verdict("ncl", Kind.INVALID, "3.1.2.3 negative Content-Length");
        verdict("scalar02", Kind.INVALID, "3.1.2.4 request scalar fields with overlarge values");
        verdict("scalarlg", Kind.RESPONSE, "3.1.2.5 response scalar fields with overlarge values");
        verdict("quotbal", Kind.INVALID, "3.1.2.6 unterminated quoted string in display name");
        verdict("ltgtruri", Kind.INVALID, "3.1.2.7 <> enclosing Request-URI");
        verdict("lwsruri", Kind.INVALID, "3.1.2.8 embedded LWS in Request-URI");
        verdict("lwsstart", Kind.EITHER, "3.1.2.9 multiple SP in the Request-Line (400, or ignore the extra SP)");
        verdict("trws", Kind.EITHER, "3.1.2.10 SP at end of Request-Line (400, or ignore the extra SP)");
        verdict("escruri", Kind.EITHER, "3.1.2.11 escaped headers in Request-URI (400, or ignore them)");
        verdict("baddate", Kind.EITHER, "3.1.2.12 invalid time zone in Date (may be ignored if Date is unused)");
        verdict("regbadct", Kind.EITHER, "3.1.2.13 name-addr URI not in <> (400, or infer the brackets)");
        verdict("badaspec", Kind.EITHER, "3.1.2.14 spaces within addr-spec (400, or ignore the spaces)");
        verdict("baddn", Kind.EITHER, "3.1.2.15 non-token characters in display name (400, or be liberal)");
        verdict("badvers", Kind.INVALID, "3.1.2.16 unknown protocol version (505)", 505);
        verdict("mismatch01", Kind.INVALID, "3.1.2.17 start line and CSeq method mismatch");
        verdict("mismatch02", Kind.INVALID, "3.1.2.18 unknown method with CSeq method mismatch");
        verdict("bigcode", Kind.RESPONSE, "3.1.2.19 overlarge response code");
        // §3.2 transaction layer
        verdict("badbranch", Kind.EITHER, "3.2.1 missing transaction identifier (400, or RFC 2543 matching)");
        // §3.3 application layer
        verdict("insuf", Kind.INVALID, "3.3.1 missing required header fields");
        verdict("unkscm", Kind.VALID, "3.3.2 Request-URI with unknown scheme: 416", 416);
        verdict("novelsc", Kind.VALID, "3.3.3 Request-URI with known but atypical scheme: 416 (or 404)", 416, 404);
        // §10.3: a registrar authenticates (step 3) before it reads the To AOR, so 401 first is also right
        verdict("unksm2", Kind.VALID, "3.3.4 unknown URI schemes in header fields: registrar 400", 400, 401);
        verdict("bext01", Kind.VALID, "3.3.5 Proxy-Require and Require: 420", 420);
        verdict("invut", Kind.VALID, "3.3.6 unknown Content-Type (a proxy does not care)");
        verdict("regaut01", Kind.VALID, "3.3.7 unknown authorization scheme: 401", 401);
        verdict("multi01", Kind.INVALID, "3.3.8 multiple values in single-value header fields");
        verdict("mcl01", Kind.INVALID, "3.3.9 multiple Content-Length values");
        verdict("bcast", Kind.RESPONSE, "3.3.10 200 OK with broadcast Via (must not be forwarded)");
        verdict("zeromf", Kind.VALID, "3.3.11 Max-Forwards of zero: 483 (or 200 as the target)", 483, 200);
        verdict("cparam01", Kind.VALID, "3.3.12 REGISTER with a Contact header parameter");
        verdict("cparam02", Kind.VALID, "3.3.13 REGISTER with a URL parameter");
        verdict("regescrt", Kind.VALID, "3.3.14 REGISTER with a URL escaped header");
        verdict("sdp01", Kind.VALID, "3.3.15 unacceptable Accept offering (a proxy forwards)");
        // §3.4 backward compatibility
        verdict("inv2543", Kind.VALID, "3.4.1 INVITE with RFC 2543 syntax");
    }

    private static final java.util.concurrent.atomic.AtomicInteger SENT =
            new java.util.concurrent.atomic.AtomicInteger();

    /** dblreq's second request is noise in a UDP datagram (RFC 4475 §3.1.1.8, RFC 3261 §18.3). */
    private static final String DBLREQ_NOISE_CALL_ID = "dblreq.0ha0isnda977644900765@192.0.2.15";

    @Test
    void theTableCoversEveryTortureMessage() {
        assertThat(RFC_4475.keySet())
                .containsExactlyInAnyOrderElementsOf(Rfc4475Corpus.messages().keySet());
    }

    /**
     * RFC 3261 §17.2.3: a request matches a server transaction only if branch, sent-by and method are
     * all equal. The same branch from another sender (another port) is a new transaction and must be
     * answered, not swallowed as a retransmission.
     */
    @Test
    void sameBranchFromAnotherSenderIsANewTransaction() {
        int port = tandem.process().sipPort();
        String branch = "z9hG4bK-shared-" + System.nanoTime();
        for (String caller : List.of("first", "second")) {
            try (RawSip udp = RawSip.open("UDP", port)) {
                String callId = caller + "-" + branch + "@127.0.0.1";
                String options = udp.optionsToServer(callId).replaceFirst(";branch=[^;\\r]+", ";branch=" + branch);
                udp.send(options);
                List<SipText> got = udp.collect(m -> m.isResponse() && m.status() >= 200, Duration.ofSeconds(3));
                assertThat(got)
                        .as(
                                "%s OPTIONS with branch %s from port %d answered:\n%s",
                                caller, branch, udp.localPort(), options)
                        .anyMatch(m -> m.status() == 200 && callId.equals(m.callId()));
            }
        }
    }

    /**
     * Found by the fuzz test (SipParserFuzzTest): jain-sip parses a Via with a non-numeric rport but
     * throws NumberFormatException when it clones that Via, e.g. while building any response. Such a
     * request must be answered 400 or dropped, and the server must go on serving.
     */
    @Test
    void nonNumericRportInALowerViaIsRejectedOrDroppedAndTheServerStaysUp() {
        int port = tandem.process().sipPort();
        for (String method : List.of("OPTIONS", "REGISTER", "INVITE")) {
            try (RawSip udp = RawSip.open("UDP", port)) {
                String callId = "rport-" + method + "-" + System.nanoTime();
                String target = method.equals("INVITE") ? "sip:101@127.0.0.1" : "sip:127.0.0.1:" + port;
                String request = method + " " + target + " SIP/2.0\r\n"
                        + "Via: SIP/2.0/UDP 127.0.0.1:" + udp.localPort() + ";branch=z9hG4bK-" + callId + ";rport\r\n"
                        + "Via: SIP/2.0/UDP 127.0.0.1:9;branch=z9hG4bK-lower;rport=z9hG4bK342sdfoi3\r\n"
                        + "Max-Forwards: 70\r\n"
                        + "From: <sip:101@127.0.0.1>;tag=f1\r\n"
                        + "To: <sip:101@127.0.0.1>\r\n"
                        + "Call-ID: " + callId + "\r\n"
                        + "CSeq: 1 " + method + "\r\n"
                        + "Contact: <sip:101@127.0.0.1:" + udp.localPort() + ">\r\n"
                        + "Content-Length: 0\r\n\r\n";
                udp.send(request);
                List<SipText> got = udp.collect(m -> m.isResponse() && m.status() >= 200, QUIET);
                SipText pong = udp.ping(Duration.ofSeconds(5));
                assertThat(pong)
                        .as("OPTIONS answered after a %s with rport=<text>", method)
                        .isNotNull();
                assertThat(got.stream()
                                .filter(m -> callId.equals(m.callId()))
                                .map(SipText::status)
                                .toList())
                        .as("answer to a %s whose lower Via has a non-numeric rport", method)
                        .allMatch(c -> c == 400);
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> overUdp() {
        return tortureTests("UDP");
    }

    @TestFactory
    Stream<DynamicTest> overTcp() {
        return tortureTests("TCP");
    }

    private Stream<DynamicTest> tortureTests(String transport) {
        Map<String, byte[]> corpus = Rfc4475Corpus.messages();
        return RFC_4475.entrySet().stream()
                .map(e -> DynamicTest.dynamicTest(
                        e.getKey() + " over " + transport + " (RFC 4475 §"
                                + e.getValue().rfc() + ")",
                        () -> torture(transport, e.getKey(), corpus.get(e.getKey()), e.getValue())));
    }

    private void torture(String transport, String name, byte[] original, Verdict verdict) {
        int port = tandem.process().sipPort();
        List<SipText> answers = new ArrayList<>();
        byte[] sent;
        try (RawSip socket = RawSip.open(transport, port)) {
            sent = new TortureRewrite(
                            transport, socket.localPort(), port, "." + transport.toLowerCase() + SENT.incrementAndGet())
                    .apply(original);
            if ("dblreq".equals(name) && !"UDP".equals(transport)) sent = pipelinedWithoutTrailingOctets(sent);
            socket.send(sent);
            Duration wait = verdict.kind() == Kind.VALID || verdict.kind() == Kind.EITHER ? ANSWER : QUIET;
            answers.addAll(socket.collect(
                    m -> m.isResponse() && m.status() >= 200 && !DBLREQ_NOISE_CALL_ID.equals(m.callId()), wait));
            // the server is still alive: OPTIONS answered 200 after this message (on this UDP socket, where
            // late answers to the torture message are caught too; on a new connection for TCP, since the
            // torture connection may be waiting for a body that never comes)
            SipText pong;
            if ("UDP".equals(transport)) {
                pong = socket.ping(Duration.ofSeconds(5));
                answers.addAll(socket.collect(m -> false, Duration.ofMillis(50)));
            } else {
                try (RawSip fresh = RawSip.open("TCP", port)) {
                    pong = fresh.ping(Duration.ofSeconds(5));
                }
                answers.addAll(socket.collect(m -> false, Duration.ofMillis(50)));
            }
            String context = "\n--- sent (" + transport + "):\n" + new String(sent, StandardCharsets.ISO_8859_1)
                    + "\n--- received:\n" + answers.stream().map(SipText::raw).collect(Collectors.joining("\n---\n"));
            assertThat(pong)
                    .as(
                            "server answers OPTIONS after %s%s\nappliance log:\n%s",
                            name, context, pong == null ? tandem.process().logTail(30) : "")
                    .isNotNull();
            assertThat(pong.status()).as("OPTIONS after " + name).isEqualTo(200);
            answers.removeIf(m -> m.callId().equals(pong.callId()));
            judge(transport, name, verdict, answers, context);
        }
    }

    /**
     * dblreq is a UDP datagram image (RFC 4475 §3.1.1.8): a REGISTER, then an INVITE whose body is 5
     * octets longer than its Content-Length — trailing octets a datagram reader ignores. On a stream
     * those octets would be the start of a third, broken message (RFC 3261 §18.3), after which the
     * server may close the connection, racing its answer to the REGISTER. Over TCP the message is
     * therefore sent as what it means there: two pipelined requests, the second cut at its declared
     * length. Both must still be answered in order.
     */
    private static byte[] pipelinedWithoutTrailingOctets(byte[] sent) {
        String text = new String(sent, StandardCharsets.ISO_8859_1);
        int invite = text.indexOf("\r\nINVITE ");
        int headersEnd = text.indexOf("\r\n\r\n", invite + 2);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?im)^Content-Length:\\s*(\\d+)")
                .matcher(text.substring(invite, headersEnd));
        if (invite < 0 || headersEnd < 0 || !m.find()) throw new IllegalStateException("dblreq is not two requests");
        int end = headersEnd + 4 + Integer.parseInt(m.group(1));
        return java.util.Arrays.copyOf(sent, Math.min(end, sent.length));
    }

    private static void judge(String transport, String name, Verdict verdict, List<SipText> answers, String context) {
        List<SipText> requests = answers.stream().filter(m -> !m.isResponse()).toList();
        assertThat(requests)
                .as("%s: the appliance sent requests back to the sender%s", name, context)
                .isEmpty();
        if ("dblreq".equals(name) && "UDP".equals(transport)) {
            assertThat(answers)
                    .as("dblreq: the INVITE after the REGISTER in one datagram is noise (RFC 3261 §18.3)" + context)
                    .noneMatch(m -> DBLREQ_NOISE_CALL_ID.equals(m.callId()));
        }
        List<Integer> codes = answers.stream().map(SipText::status).toList();
        List<Integer> finals = codes.stream().filter(c -> c >= 200).toList();
        switch (verdict.kind()) {
            case VALID -> {
                assertThat(finals)
                        .as("%s is valid (RFC 4475 §%s): it must get a final answer%s", name, verdict.rfc(), context)
                        .isNotEmpty();
                if (verdict.codes().isEmpty()) {
                    assertThat(codes)
                            .as("%s is valid (RFC 4475 §%s): never 400%s", name, verdict.rfc(), context)
                            .doesNotContain(400);
                } else {
                    assertThat(finals)
                            .as("%s: RFC 4475 §%s expects %s%s", name, verdict.rfc(), verdict.codes(), context)
                            .allMatch(verdict.codes()::contains);
                }
            }
            case INVALID ->
                assertThat(finals)
                        .as(
                                "%s is invalid (RFC 4475 §%s): 400%s or no answer%s",
                                name,
                                verdict.rfc(),
                                verdict.codes().isEmpty() ? "" : " (or " + verdict.codes() + ")",
                                context)
                        .allMatch(c -> c == 400 || verdict.codes().contains(c));
            case EITHER ->
                assertThat(codes)
                        .as("%s: any answer is a well-formed status%s", name, context)
                        .allMatch(c -> c >= 100 && c < 700);
            case RESPONSE ->
                assertThat(answers)
                        .as("%s is a response matching no transaction: no answer%s", name, context)
                        .isEmpty();
        }
    }
}
