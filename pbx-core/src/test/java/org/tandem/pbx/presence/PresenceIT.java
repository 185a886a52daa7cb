package org.tandem.pbx.presence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.directory.UserDraft;
import org.tandem.pbx.routing.CallSettingsDraft;
import org.tandem.pbx.routing.RoutingDirectory;
import org.tandem.pbx.testsupport.DigestAnswer;
import org.tandem.pbx.testsupport.PbxTestContext;
import org.tandem.pbx.testsupport.RawPhone;
import org.tandem.pbx.testsupport.SipText;
import org.tandem.pbx.testsupport.TcpSipPeer;

/**
 * SIMPLE presence (RFC 3856) with Tandem as presence server: a user's device PUBLISHes (RFC 3903), a colleague's
 * phone SUBSCRIBEs and gets every change as one composed PIDF document (RFC 3863), each validated against the PIDF,
 * data-model and RPID schemas — registration, the published status and note, a call ("on-the-phone"), DND ("busy"),
 * the publication removed. And what a PUBLISH may not do (RFC 3903 §6: 412, 423, 415, 413, 400, 403, 404). Raw SIP
 * over TCP, the call by raw UDP phones.
 */
class PresenceIT {

    @TempDir
    static Path data;

    static PbxTestContext pbx;
    static final String DOMAIN = PbxTestContext.DOMAIN;
    static final AtomicInteger IDS = new AtomicInteger();

    static final String STATUS = """
            <?xml version="1.0" encoding="UTF-8"?>
            <presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:dm="urn:ietf:params:xml:ns:pidf:data-model"
                xmlns:rpid="urn:ietf:params:xml:ns:pidf:rpid" entity="sip:491@%s">
              <tuple id="sc-1"><status><basic>%s</basic></status><contact>sip:491@%s</contact></tuple>
              <note>%s</note>
              <dm:person id="p1"><rpid:activities><rpid:%s/></rpid:activities></dm:person>
            </presence>
            """;

    @BeforeAll
    static void start() {
        pbx = PbxTestContext.start(
                data, Map.of("tandem.auth.algorithms", "MD5,SHA-256", "tandem.sip.keepalive-interval", "1h"));
        UserDirectory users = pbx.bean(UserDirectory.class);
        for (String ext : new String[] {"491", "492", "493"}) {
            users.create(new UserDraft(ext, "User " + ext, "secret" + ext, null));
        }
    }

    @AfterAll
    static void stop() {
        if (pbx != null) pbx.close();
    }

    static String status(String basic, String note, String activity) {
        return STATUS.formatted(DOMAIN, basic, DOMAIN, note, activity);
    }

    @Test
    void aColleagueSeesRegistrationPublishedStatusCallsAndDnd() {
        try (TcpSipPeer watcher = new TcpSipPeer(pbx.sipPort());
                TcpSipPeer device = new TcpSipPeer(pbx.sipPort());
                RawPhone phone = new RawPhone(pbx.sipPort(), DOMAIN, "491", "secret491");
                RawPhone caller = new RawPhone(pbx.sipPort(), DOMAIN, "493", "secret493")) {
            SipText ok = subscribe(watcher, "492", "491", "presence", "application/pidf+xml", 600);
            assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
            assertThat(ok.header("Expires")).isEqualTo("600");
            SipText first = notify(watcher);
            assertThat(first.header("Subscription-State")).startsWith("active;expires=");
            assertThat(first.header("Event")).isEqualTo("presence");
            assertThat(first.header("Content-Type")).isEqualTo("application/pidf+xml");
            assertThat(first.body())
                    .contains("entity=\"sip:491@" + DOMAIN + "\"")
                    .contains("<basic>closed</basic>");

            phone.register();
            assertThat(notify(watcher).body()).as("a phone of 491 registered").contains("<basic>open</basic>");

            SipText published = publish(
                    device,
                    "491",
                    "491",
                    null,
                    600,
                    "application/pidf+xml",
                    status("open", "In the office", "working"));
            assertThat(published.status()).as(published.toString()).isEqualTo(200);
            String etag = published.header("SIP-ETag");
            assertThat(etag).isNotBlank();
            assertThat(published.header("Expires")).isEqualTo("600");
            String withNote = notify(watcher).body();
            assertThat(withNote)
                    .contains("In the office")
                    .contains("id=\"sc-1\"")
                    .contains("working/>")
                    .doesNotContain("on-the-phone");

            RawPhone.Leg call = caller.invite("491");
            SipText invite = phone.request("INVITE");
            phone.respond(invite, 200, "OK");
            caller.answered(call);
            phone.request("ACK");
            assertThat(notify(watcher).body())
                    .as("491 is in a call")
                    .contains("on-the-phone/>")
                    .contains("working/>");
            long bye = caller.send(call, "BYE");
            phone.respond(phone.request("BYE"), 200, "OK");
            assertThat(caller.finalResponse(call, "BYE", bye).status()).isEqualTo(200);
            assertThat(notify(watcher).body()).as("the call is over").doesNotContain("on-the-phone");

            RoutingDirectory routing = pbx.bean(RoutingDirectory.class);
            routing.updateCallSettings(
                    "491", new CallSettingsDraft(true, null, null, null, null, null, null, null, null));
            assertThat(notify(watcher).body()).as("do not disturb").contains("busy/>");
            routing.updateCallSettings(
                    "491", new CallSettingsDraft(false, null, null, null, null, null, null, null, null));
            assertThat(notify(watcher).body()).doesNotContain("busy/>");

            // a refresh (no body) gets a new entity-tag and tells the watcher nothing new; the old tag is spent
            SipText refreshed = publish(device, "491", "491", etag, 600, null, null);
            assertThat(refreshed.status()).isEqualTo(200);
            String newTag = refreshed.header("SIP-ETag");
            assertThat(newTag).isNotEqualTo(etag);
            assertThat(publish(device, "491", "491", etag, 600, null, null).status())
                    .isEqualTo(412);

            SipText removed = publish(device, "491", "491", newTag, 0, null, null);
            assertThat(removed.status()).isEqualTo(200);
            assertThat(removed.header("Expires")).isEqualTo("0");
            String after = notify(watcher).body();
            assertThat(after)
                    .as("back to what Tandem knows: registered")
                    .doesNotContain("In the office")
                    .contains("<basic>open</basic>")
                    .contains("id=\"pbx\"");

            SipText ended = subscribe(watcher, "492", "491", "presence", null, 0, ok);
            assertThat(ended.status()).isEqualTo(200);
            assertThat(notify(watcher).header("Subscription-State")).isEqualTo("terminated;reason=timeout");
        }
    }

    @Test
    void aPublishThatIsNotRightIsRefusedWithTheRfcsAnswer() {
        try (TcpSipPeer device = new TcpSipPeer(pbx.sipPort())) {
            String good = status("open", "here", "working");
            assertThat(publish(device, "492", "491", null, 600, "application/pidf+xml", good)
                            .status())
                    .as("492 may not publish 491's presence")
                    .isEqualTo(403);
            assertThat(publish(device, "492", "499", null, 600, "application/pidf+xml", good)
                            .status())
                    .as("no user 499, said only after the digest")
                    .isEqualTo(404);
            SipText type = publish(device, "492", "492", null, 600, "text/plain", "I am here");
            assertThat(type.status()).isEqualTo(415);
            assertThat(type.header("Accept")).isEqualTo("application/pidf+xml");
            SipText brief = publish(device, "492", "492", null, 5, "application/pidf+xml", good);
            assertThat(brief.status()).isEqualTo(423);
            assertThat(brief.header("Min-Expires")).isEqualTo("60");
            assertThat(publish(device, "492", "492", null, 600, null, null).status())
                    .as("no body, no tag")
                    .isEqualTo(400);
            SipText broken = publish(device, "492", "492", null, 600, "application/pidf+xml", "<presence entity=");
            assertThat(broken.status()).isEqualTo(400);
            assertThat(broken.startLine()).contains("well-formed");
            String xxe = "<?xml version=\"1.0\"?><!DOCTYPE p [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                    + "<presence xmlns='urn:ietf:params:xml:ns:pidf' entity='sip:492@b'><note>&x;</note></presence>";
            assertThat(publish(device, "492", "492", null, 600, "application/pidf+xml", xxe)
                            .status())
                    .isEqualTo(400);
            String huge = good.replace("here", "x".repeat(20_000));
            assertThat(publish(device, "492", "492", null, 600, "application/pidf+xml", huge)
                            .status())
                    .isEqualTo(413);
            assertThat(publish(device, "492", "492", "no-such-tag", 600, null, null)
                            .status())
                    .isEqualTo(412);
            assertThat(publish(device, "492", "492", "no-such-tag", 0, null, null)
                            .status())
                    .isEqualTo(412);
            // and the server still serves
            assertThat(publish(device, "492", "492", null, 600, "application/pidf+xml", good)
                            .status())
                    .isEqualTo(200);
        }
    }

    @Test
    void aSubscriptionNeedsAUserAndItsDocumentType() {
        try (TcpSipPeer watcher = new TcpSipPeer(pbx.sipPort())) {
            assertThat(subscribe(watcher, "492", "499", "presence", null, 600).status())
                    .isEqualTo(404);
            SipText onlyDialogInfo = subscribe(watcher, "492", "491", "presence", "application/dialog-info+xml", 600);
            assertThat(onlyDialogInfo.status()).isEqualTo(406);
        }
    }

    /** {@code user}'s phone SUBSCRIBEs (digest answered) to {@code event} of {@code resource}; the final response. */
    static SipText subscribe(TcpSipPeer peer, String user, String resource, String event, String accept, int expires) {
        return subscribe(peer, user, resource, event, accept, expires, null);
    }

    /** As above; with {@code dialog} (the 200 of the first SUBSCRIBE) a refresh or unsubscribe within it. */
    static SipText subscribe(
            TcpSipPeer peer, String user, String resource, String event, String accept, int expires, SipText dialog) {
        return subscribe(peer, user, resource, event, accept, expires, dialog, "");
    }

    /** @param extra more header lines, each ending in CRLF (e.g. {@code Supported: eventlist}) */
    static SipText subscribe(
            TcpSipPeer peer,
            String user,
            String resource,
            String event,
            String accept,
            int expires,
            SipText dialog,
            String extra) {
        return subscribe(peer, user, resource, event, accept, expires, dialog, extra, null, "");
    }

    /** As above, with a body of {@code contentType} (e.g. the documents an xcap-diff SUBSCRIBE watches). */
    static SipText subscribe(
            TcpSipPeer peer,
            String user,
            String resource,
            String event,
            String accept,
            int expires,
            SipText dialog,
            String extra,
            String contentType,
            String body) {
        String content = (contentType == null ? "" : "Content-Type: " + contentType + "\r\n") + "Content-Length: "
                + body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
        String callId = dialog != null ? dialog.header("Call-ID") : "pres-" + IDS.incrementAndGet();
        String to = dialog != null ? dialog.header("To") : "<sip:" + resource + "@" + DOMAIN + ">";
        int cseq = dialog != null ? Integer.parseInt(dialog.header("CSeq").split(" ")[0]) + 1 : 1;
        String target = "sip:" + resource + "@" + DOMAIN;
        java.util.function.BiFunction<Integer, String, String> text =
                (n, auth) -> "SUBSCRIBE " + target + " SIP/2.0\r\n"
                        + "Via: SIP/2.0/TCP 127.0.0.1:" + peer.localPort() + ";branch=z9hG4bK-p" + callId + "-" + n
                        + ";rport\r\n"
                        + "From: <sip:" + user + "@" + DOMAIN + ">;tag=w" + callId + "\r\nTo: " + to + "\r\n"
                        + "Call-ID: " + callId + "\r\nCSeq: " + n + " SUBSCRIBE\r\n"
                        + "Contact: <sip:" + user + "@127.0.0.1:" + peer.localPort() + ";transport=tcp>\r\n"
                        + "Event: " + event + "\r\n" + (accept == null ? "" : "Accept: " + accept + "\r\n")
                        + "Expires: " + expires + "\r\nMax-Forwards: 70\r\n" + extra
                        + (auth == null ? "" : "Proxy-Authorization: " + auth + "\r\n") + content;
        SipText challenge = peer.exchange(text.apply(cseq, null));
        if (challenge.status() != 407) return challenge;
        var params = DigestAnswer.challenge(challenge, "Proxy-Authenticate", "MD5");
        String auth = DigestAnswer.authorization(
                params, "MD5", user, "secret" + user, "SUBSCRIBE", target, 1, "c" + callId + cseq);
        return peer.exchange(text.apply(cseq + 1, auth));
    }

    /** {@code user}'s device PUBLISHes (digest answered) {@code body} for {@code presentity}; the final response. */
    static SipText publish(
            TcpSipPeer peer, String user, String presentity, String ifMatch, int expires, String type, String body) {
        String callId = "pub-" + IDS.incrementAndGet();
        String target = "sip:" + presentity + "@" + DOMAIN;
        byte[] bytes = body == null ? new byte[0] : body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.util.function.BiFunction<Integer, String, String> text = (n, auth) -> "PUBLISH " + target + " SIP/2.0\r\n"
                + "Via: SIP/2.0/TCP 127.0.0.1:" + peer.localPort() + ";branch=z9hG4bK-" + callId + "-" + n
                + ";rport\r\n"
                + "From: <sip:" + user + "@" + DOMAIN + ">;tag=f" + callId + "\r\nTo: <" + target + ">\r\n"
                + "Call-ID: " + callId + "\r\nCSeq: " + n + " PUBLISH\r\nMax-Forwards: 70\r\nEvent: presence\r\n"
                + "Expires: " + expires + "\r\n" + (ifMatch == null ? "" : "SIP-If-Match: " + ifMatch + "\r\n")
                + (auth == null ? "" : "Proxy-Authorization: " + auth + "\r\n")
                + (type == null ? "" : "Content-Type: " + type + "\r\n")
                + "Content-Length: " + bytes.length + "\r\n\r\n" + (body == null ? "" : body);
        SipText challenge = peer.exchange(text.apply(1, null));
        if (challenge.status() != 407) return challenge;
        var params = DigestAnswer.challenge(challenge, "Proxy-Authenticate", "MD5");
        String auth =
                DigestAnswer.authorization(params, "MD5", user, "secret" + user, "PUBLISH", target, 1, "c" + callId);
        return peer.exchange(text.apply(2, auth));
    }

    /** Waits for the next NOTIFY, answers it 200, validates its PIDF body and returns it. */
    static SipText notify(TcpSipPeer watcher) {
        SipText m = notifyUnchecked(watcher);
        if (!m.body().isEmpty()) PresenceSchema.validate(m.body()); // a pending subscription is told no state
        return m;
    }

    /** The next NOTIFY, answered 200, its body not validated (a list's multipart body is checked part by part). */
    static SipText notifyUnchecked(TcpSipPeer watcher) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            SipText m = watcher.next(Duration.ofMillis(200));
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
            watcher.send(ok.toString());
            return m;
        }
        throw new AssertionError("No NOTIFY within 10 s");
    }
}
