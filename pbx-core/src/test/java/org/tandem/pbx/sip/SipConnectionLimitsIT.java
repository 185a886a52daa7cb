package org.tandem.pbx.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandem.pbx.testsupport.PbxTestContext;
import org.tandem.pbx.testsupport.SipText;
import org.tandem.pbx.testsupport.TcpSipPeer;

/**
 * Issue 22 finding 7: idle SIP TCP connections used to cost a thread each (1,000 of them raised the JVM from 66
 * to 2,065 threads) and stayed open for ever. Now they cost no thread, an address gets max-per-source of them,
 * and a connection that sends no SIP message within first-message-timeout is closed. Connections that do speak
 * SIP stay; the stream is framed by Content-Length however it is written (RFC 3261 §7.3.1, §7.3.3).
 */
class SipConnectionLimitsIT {

    static final int PER_SOURCE = 150;

    @TempDir
    static Path data;

    static PbxTestContext pbx;

    @BeforeAll
    static void start() {
        pbx = PbxTestContext.start(
                data,
                Map.of(
                        "tandem.sip.connections.io",
                        "nio",
                        "tandem.sip.connections.max-per-source",
                        Integer.toString(PER_SOURCE),
                        // long enough that accepting 150 connections and seeing them all open ends before it, on a
                        // loaded box
                        "tandem.sip.connections.first-message-timeout",
                        "6s",
                        "tandem.security.rate-limit.enabled",
                        "false"));
    }

    @AfterAll
    static void stop() {
        if (pbx != null) pbx.close();
    }

    @Test
    void idleConnectionsCostNoThreadAreCappedPerSourceAndClosedWhenSilent() throws Exception {
        int before = ManagementFactory.getThreadMXBean().getThreadCount();
        List<Socket> idle = new ArrayList<>();
        try {
            for (int i = 0; i < PER_SOURCE; i++) idle.add(connect());
            // every connection accepted (none closed yet) ...
            // (one look at 150 sockets takes ≥ 750 ms; the deadline closing them all is 6 s after they connected)
            Awaitility.await("every connection stays accepted")
                    .during(Duration.ofMillis(300))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> idle.stream().noneMatch(s -> endOfStream(s, 5)));
            // ... and no thread per connection (before: one reader thread each)
            int during = ManagementFactory.getThreadMXBean().getThreadCount();
            assertThat(during - before)
                    .as("threads added by %d idle connections", PER_SOURCE)
                    .isLessThan(20);

            // one more from the same address is closed at once
            try (Socket over = connect()) {
                assertThat(endOfStream(over, 2_000))
                        .as("connection over max-per-source closed")
                        .isTrue();
            }

            // silent connections are closed after first-message-timeout (6 s)
            Awaitility.await("silent connections closed")
                    .atMost(Duration.ofSeconds(15))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> idle.stream().allMatch(s -> endOfStream(s, 5)));
        } finally {
            for (Socket s : idle) s.close();
        }
        // their slots were given back: the address may connect and talk again
        try (TcpSipPeer phone = new TcpSipPeer(pbx.sipPort())) {
            assertThat(phone.exchange(options(phone, "Content-Length: 0")).status())
                    .isEqualTo(200);
        }
    }

    @Test
    void aConnectionThatSpeaksSipStaysPastTheDeadline() throws Exception {
        try (TcpSipPeer phone = new TcpSipPeer(pbx.sipPort());
                Socket silent = connect()) {
            assertThat(phone.exchange(options(phone, "Content-Length: 0")).status())
                    .isEqualTo(200);
            // a connection opened at the same time without a word is closed: the deadline is past
            Awaitility.await("the silent connection closed at first-message-timeout")
                    .atMost(Duration.ofSeconds(15))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> endOfStream(silent, 5));
            assertThat(phone.exchange(options(phone, "Content-Length: 0")).status())
                    .isEqualTo(200);
        }
    }

    /**
     * jain-sip's own NIO framing threw on whitespace before the colon and did not see the compact form "l"; with
     * a body, the body was then taken for the next message.
     */
    @Test
    void contentLengthIsFoundHoweverItIsWritten() {
        try (TcpSipPeer phone = new TcpSipPeer(pbx.sipPort())) {
            String body = "v=0\r\n";
            for (String header : List.of(
                    "Content-Length   : " + body.length(), "l: " + body.length(), "content-length:" + body.length())) {
                String request = options(phone, "Content-Type: application/sdp\r\n" + header)
                        .replace("\r\n\r\n", "\r\n\r\n" + body);
                SipText answer = phone.exchange(request);
                assertThat(answer.status()).as(header).isEqualTo(200);
            }
            // and a CRLF keepalive between messages changes nothing (RFC 5626 §4.4.1)
            phone.send("\r\n\r\n");
            assertThat(phone.exchange(options(phone, "Content-Length: 0")).status())
                    .isEqualTo(200);
        }
    }

    static String options(TcpSipPeer phone, String lastHeaders) {
        String branch = "z9hG4bK" + Long.toHexString(ThreadLocalRandom.current().nextLong());
        return "OPTIONS sip:127.0.0.1:" + pbx.sipPort() + " SIP/2.0\r\n"
                + "Via: SIP/2.0/TCP 127.0.0.1:" + phone.localPort() + ";branch=" + branch + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:probe@127.0.0.1>;tag=" + branch.substring(7) + "\r\n"
                + "To: <sip:127.0.0.1>\r\n"
                + "Call-ID: " + branch + "@probe\r\n"
                + "CSeq: 1 OPTIONS\r\n"
                + lastHeaders + "\r\n\r\n";
    }

    static Socket connect() throws IOException {
        return new Socket(InetAddress.getLoopbackAddress(), pbx.sipPort());
    }

    /** Whether the server has closed {@code s}: a read sees end of stream (or a reset) within {@code ms}. */
    static boolean endOfStream(Socket s, int ms) {
        try {
            s.setSoTimeout(ms);
            InputStream in = s.getInputStream();
            return in.read() == -1;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset
        }
    }
}
