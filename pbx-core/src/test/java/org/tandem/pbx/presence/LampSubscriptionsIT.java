package org.tandem.pbx.presence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.directory.UserDraft;
import org.tandem.pbx.security.BanRegistry;
import org.tandem.pbx.testsupport.DigestAnswer;
import org.tandem.pbx.testsupport.PbxTestContext;
import org.tandem.pbx.testsupport.SipText;
import org.tandem.pbx.testsupport.TcpSipPeer;

/**
 * How a lamp's subscription ends when nobody unsubscribes: not refreshed in time ({@code timeout}), the watched
 * user deleted ({@code noresource}), the PBX shut down ({@code deactivated}; RFC 6665 §4.1.3). And what a busy-lamp SUBSCRIBE may not do: watch a number that is no extension, ring group or park orbit (404 after
 * the digest, so nobody learns which numbers exist without a password); flood from one source (503 with
 * Retry-After beyond {@code tandem.presence.subscribe-limit}, and over TCP each refused one counts towards a ban).
 * Raw SIP over TCP, from two loopback addresses.
 */
class LampSubscriptionsIT {

    @TempDir
    static Path data;

    static PbxTestContext pbx;
    static final String DOMAIN = PbxTestContext.DOMAIN;

    @BeforeAll
    static void start() {
        pbx = PbxTestContext.start(
                data,
                Map.of(
                        "tandem.auth.algorithms",
                        "MD5,SHA-256",
                        "tandem.presence.subscribe-limit",
                        "20",
                        "tandem.security.max-failures",
                        "5",
                        "tandem.presence.dialog-min-expires",
                        "1"));
        pbx.bean(UserDirectory.class).create(new UserDraft("481", "User 481", "secret481", null));
        pbx.bean(UserDirectory.class).create(new UserDraft("482", "User 482", "secret482", null));
    }

    @AfterAll
    static void stop() {
        if (pbx != null) pbx.close();
    }

    private static String subscribe(String resource, String callId, int cseq, String auth, String host, int port) {
        return subscribe(resource, callId, cseq, auth, host, port, 600);
    }

    private static String subscribe(
            String resource, String callId, int cseq, String auth, String host, int port, int expires) {
        return "SUBSCRIBE sip:" + resource + "@" + DOMAIN + " SIP/2.0\r\n"
                + "Via: SIP/2.0/TCP " + host + ":" + port + ";branch=z9hG4bK-lamp-" + callId + "-" + cseq + ";rport\r\n"
                + "From: <sip:481@" + DOMAIN + ">;tag=w" + callId + "\r\n"
                + "To: <sip:" + resource + "@" + DOMAIN + ">\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: " + cseq + " SUBSCRIBE\r\n"
                + "Contact: <sip:481@" + host + ":" + port + ";transport=tcp>\r\n"
                + "Event: dialog\r\nAccept: application/dialog-info+xml\r\nExpires: " + expires
                + "\r\nMax-Forwards: 70\r\n"
                + (auth == null ? "" : "Proxy-Authorization: " + auth + "\r\n")
                + "Content-Length: 0\r\n\r\n";
    }

    /** User 481's phone subscribes to {@code resource} (digest answered); returns the first NOTIFY, answered 200. */
    private static SipText watch(TcpSipPeer phone, String resource, String callId, int expires) {
        SipText challenge =
                phone.exchange(subscribe(resource, callId, 1, null, "127.0.0.1", phone.localPort(), expires));
        assertThat(challenge.status()).isEqualTo(407);
        var params = DigestAnswer.challenge(challenge, "Proxy-Authenticate", "MD5");
        String auth = DigestAnswer.authorization(
                params, "MD5", "481", "secret481", "SUBSCRIBE", "sip:" + resource + "@" + DOMAIN, 1, "c" + callId);
        SipText ok = phone.exchange(subscribe(resource, callId, 2, auth, "127.0.0.1", phone.localPort(), expires));
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
        return answerNotify(phone);
    }

    /** Waits for the next NOTIFY, answers it 200 and returns it. */
    private static SipText answerNotify(TcpSipPeer phone) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            SipText m = phone.next(Duration.ofMillis(200));
            if (m == null || !m.startLine().startsWith("NOTIFY ")) continue;
            StringBuilder ok = new StringBuilder("SIP/2.0 200 OK\r\n");
            for (String via : m.headers("Via")) ok.append("Via: ").append(via).append("\r\n");
            ok.append("From: ")
                    .append(m.header("From"))
                    .append("\r\nTo: ")
                    .append(m.header("To"))
                    .append("\r\nCall-ID: ")
                    .append(m.header("Call-ID"))
                    .append("\r\nCSeq: ")
                    .append(m.header("CSeq"))
                    .append("\r\nContent-Length: 0\r\n\r\n");
            phone.send(ok.toString());
            DialogInfoSchema.validate(m.body());
            return m;
        }
        throw new AssertionError("No NOTIFY within 10 s");
    }

    @Test
    void aSubscriptionNotRefreshedInTimeEndsWithTimeout() throws Exception {
        try (TcpSipPeer phone = new TcpSipPeer(pbx.sipPort())) {
            SipText first = watch(phone, "481", "expiring", 2);
            assertThat(first.header("Subscription-State")).matches("active;expires=[12]");
            SipText last = answerNotify(phone);
            assertThat(last.header("Subscription-State")).isEqualTo("terminated;reason=timeout");
            assertThat(last.body()).contains("version=\"1\" state=\"full\"");
        }
    }

    @Test
    void deletingTheWatchedUserEndsTheSubscriptionAsNoResource() throws Exception {
        try (TcpSipPeer phone = new TcpSipPeer(pbx.sipPort())) {
            watch(phone, "482", "deleted", 600);
            // the subscription counts once the server has our 200 to its first NOTIFY, which it reads asynchronously
            org.awaitility.Awaitility.await("the subscription to 482 confirmed")
                    .atMost(Duration.ofSeconds(5))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> pbx.bean(DialogWatchers.class).watchers("482") == 1);
            pbx.bean(UserDirectory.class).delete("482");
            SipText last = answerNotify(phone);
            assertThat(last.header("Subscription-State")).isEqualTo("terminated;reason=noresource");
            assertThat(pbx.bean(DialogWatchers.class).watchers("482")).isZero();
        }
    }

    @Test
    void aShutdownTellsEveryWatcherItsSubscriptionIsDeactivated(@TempDir Path other) throws Exception {
        PbxTestContext stopping = PbxTestContext.start(other, Map.of("tandem.auth.algorithms", "MD5,SHA-256"));
        try (TcpSipPeer phone = new TcpSipPeer(stopping.sipPort())) {
            stopping.bean(UserDirectory.class).create(new UserDraft("481", "User 481", "secret481", null));
            watch(phone, "481", "stopping", 600);
            stopping.close();
            SipText last = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (last == null && System.nanoTime() < deadline) {
                SipText m = phone.next(Duration.ofMillis(200));
                if (m != null && m.startLine().startsWith("NOTIFY ")) last = m;
            }
            assertThat(last).as("a NOTIFY before the stack stopped").isNotNull();
            // RFC 6665 §4.1.3: "deactivated" — subscribe again (here once it is back, or elsewhere)
            assertThat(last.header("Subscription-State")).isEqualTo("terminated;reason=deactivated");
            DialogInfoSchema.validate(last.body());
        }
    }

    @Test
    void aNumberThatIsNoLampIsNotFoundOnceTheWatcherIsAuthenticated() throws Exception {
        try (TcpSipPeer phone = new TcpSipPeer(pbx.sipPort())) {
            SipText challenge = phone.exchange(subscribe("499", "nolamp", 1, null, "127.0.0.1", phone.localPort()));
            assertThat(challenge.status()).isEqualTo(407);
            var params = DigestAnswer.challenge(challenge, "Proxy-Authenticate", "MD5");
            String auth = DigestAnswer.authorization(
                    params, "MD5", "481", "secret481", "SUBSCRIBE", "sip:499@" + DOMAIN, 1, "c1");
            SipText answer = phone.exchange(subscribe("499", "nolamp", 2, auth, "127.0.0.1", phone.localPort()));
            assertThat(answer.status()).as(answer.toString()).isEqualTo(404);
        }
    }

    @Test
    void aFloodOfSubscribesFromOneSourceIsRefusedAndOverTcpBanned() throws Exception {
        List<Integer> statuses = new ArrayList<>();
        String retryAfter = null;
        try (TcpSipPeer flood = new TcpSipPeer(pbx.sipPort(), "127.0.0.5")) {
            for (int i = 0; i < 30; i++) {
                SipText r = flood.exchange(subscribe("481", "flood-" + i, 1, null, "127.0.0.5", flood.localPort()));
                statuses.add(r.status());
                if (r.status() == 503 && retryAfter == null) retryAfter = r.header("Retry-After");
                if (r.status() == 503 && statuses.stream().filter(s -> s == 503).count() == 5) break;
            }
        }
        assertThat(statuses.subList(0, 20))
                .as("within the limit: challenged as usual")
                .containsOnly(407);
        assertThat(statuses.subList(20, statuses.size())).containsOnly(503);
        assertThat(retryAfter).as("RFC 3261 §21.5.4: when to come back").matches("\\d+.*");
        await().atMost(Duration.ofSeconds(5))
                .until(() -> pbx.bean(BanRegistry.class).isBanned("127.0.0.5"));
        assertThat(pbx.bean(BanRegistry.class).isBanned("127.0.0.1"))
                .as("other sources are not touched")
                .isFalse();
    }
}
