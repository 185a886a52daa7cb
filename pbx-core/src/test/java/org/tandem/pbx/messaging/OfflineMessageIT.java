package org.tandem.pbx.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandem.pbx.concurrent.Housekeeping;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.directory.UserDraft;
import org.tandem.pbx.testsupport.DigestAnswer;
import org.tandem.pbx.testsupport.PbxTestContext;
import org.tandem.pbx.testsupport.RawPhone;
import org.tandem.pbx.testsupport.SipText;
import org.tandem.pbx.testsupport.UdpSipPeer;

/**
 * Store-and-forward of instant messages (RFC 3428): a MESSAGE to a user with no registered phone gets 202 and is
 * kept in the database, survives a restart of the PBX, and reaches the user's phone in order when it registers;
 * a message to a registered user is still relayed at once. An "is typing" indication (RFC 3994) is relayed unchanged
 * to a user who is online and never kept for one who is not (480). Raw SIP over UDP.
 */
class OfflineMessageIT {

    @TempDir
    Path data;

    PbxTestContext pbx;
    static final String DOMAIN = PbxTestContext.DOMAIN;

    private PbxTestContext start() {
        return start(Map.of());
    }

    private PbxTestContext start(Map<String, String> extra) {
        Map<String, String> props = new java.util.HashMap<>(
                Map.of("tandem.auth.algorithms", "MD5,SHA-256", "tandem.messaging.max-stored-per-user", "3"));
        props.putAll(extra);
        return PbxTestContext.start(data, props);
    }

    @AfterEach
    void stop() {
        if (pbx != null) pbx.close();
    }

    /** {@code from} sends a text MESSAGE to {@code to}, answering the digest challenge; returns the final answer. */
    private SipText message(String from, String to, String text) {
        return message(from, to, "text/plain;charset=UTF-8", text);
    }

    /** As above with a body of {@code contentType}. */
    private SipText message(String from, String to, String contentType, String text) {
        try (UdpSipPeer phone = new UdpSipPeer(pbx.sipPort())) {
            String callId = "im-" + System.nanoTime();
            SipText challenge = phone.exchange(messageText(phone, from, to, contentType, text, callId, 1, null));
            assertThat(challenge.status()).isEqualTo(407);
            var params = DigestAnswer.challenge(challenge, "Proxy-Authenticate", "MD5");
            String auth = DigestAnswer.authorization(
                    params, "MD5", from, "secret" + from, "MESSAGE", "sip:" + to + "@" + DOMAIN, 1, "c" + callId);
            return phone.exchange(messageText(phone, from, to, contentType, text, callId, 2, auth));
        }
    }

    private static String messageText(
            UdpSipPeer phone,
            String from,
            String to,
            String contentType,
            String text,
            String callId,
            int cseq,
            String auth) {
        byte[] body = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return "MESSAGE sip:" + to + "@" + DOMAIN + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + phone.localPort() + ";branch=z9hG4bK-im-" + callId + "-" + cseq
                + ";rport\r\n"
                + "From: \"User " + from + "\" <sip:" + from + "@" + DOMAIN + ">;tag=im" + callId + "\r\n"
                + "To: <sip:" + to + "@" + DOMAIN + ">\r\n"
                + "Call-ID: " + callId + "\r\nCSeq: " + cseq + " MESSAGE\r\nMax-Forwards: 70\r\n"
                + (auth == null ? "" : "Proxy-Authorization: " + auth + "\r\n")
                + "Content-Type: " + contentType + "\r\nContent-Length: " + body.length + "\r\n\r\n" + text;
    }

    @Test
    void messagesForAnOfflineUserSurviveARestartAndArriveInOrderWhenItsPhoneRegisters() throws Exception {
        pbx = start();
        UserDirectory users = pbx.bean(UserDirectory.class);
        users.create(new UserDraft("491", "User 491", "secret491", null));
        users.create(new UserDraft("492", "User 492", "secret492", null));

        assertThat(message("491", "492", "first: are you there?").status()).isEqualTo(202);
        assertThat(message("491", "492", "second: call me – bitte").status()).isEqualTo(202);
        pbx.close();
        pbx = start();

        try (RawPhone phone = new RawPhone(pbx.sipPort(), DOMAIN, "492", "secret492")) {
            phone.register();
            SipText first = phone.request("MESSAGE");
            phone.respond(first, 200, "OK");
            SipText second = phone.request("MESSAGE");
            phone.respond(second, 200, "OK");
            assertThat(first.body()).isEqualTo("first: are you there?");
            assertThat(second.body()).isEqualTo("second: call me – bitte");
            assertThat(first.header("From")).contains("sip:491@" + DOMAIN).contains("User 491");
            assertThat(first.header("Date")).as("when Tandem took the message").isNotBlank();
            // delivered: now the user is online, and the next message is relayed to the phone at once
            SipText relayed = relayWhileAnswering(phone, "third, live");
            assertThat(relayed.status()).isEqualTo(200);
        }
    }

    /** Sends a MESSAGE from 491 to the registered 492 while 492's phone answers it. */
    private SipText relayWhileAnswering(RawPhone phone, String text) throws Exception {
        var answer = java.util.concurrent.CompletableFuture.runAsync(() -> {
            SipText live = phone.request("MESSAGE");
            assertThat(live.body()).isEqualTo(text);
            phone.respond(live, 200, "OK");
        });
        SipText result = message("491", "492", text);
        answer.get(10, java.util.concurrent.TimeUnit.SECONDS);
        return result;
    }

    @Test
    void anOfflineUsersMessagesAreLimited() {
        pbx = start();
        UserDirectory users = pbx.bean(UserDirectory.class);
        users.create(new UserDraft("493", "User 493", "secret493", null));
        users.create(new UserDraft("494", "User 494", "secret494", null));
        for (int i = 0; i < 3; i++)
            assertThat(message("493", "494", "note " + i).status()).isEqualTo(202);
        SipText full = message("493", "494", "one too many");
        assertThat(full.status()).isEqualTo(480);
        assertThat(full.startLine()).contains("3 messages wait already");
    }

    @Test
    void aMessageNobodyCameForExpiresAndItsSenderIsToldWhatItSaid() {
        pbx = start(Map.of("tandem.messaging.keep-for", "2s", "tandem.messaging.expiry-sweep", "500ms"));
        UserDirectory users = pbx.bean(UserDirectory.class);
        users.create(new UserDraft("495", "User 495", "secret495", null));
        users.create(new UserDraft("496", "User 496", "secret496", null));
        assertThat(message("495", "496", "lunch at noon?").status()).isEqualTo(202);

        try (RawPhone sender = new RawPhone(pbx.sipPort(), DOMAIN, "495", "secret495");
                RawPhone recipient = new RawPhone(pbx.sipPort(), DOMAIN, "496", "secret496")) {
            sender.register();
            SipText notice = sender.request("MESSAGE", java.time.Duration.ofSeconds(15));
            sender.respond(notice, 200, "OK");
            assertThat(notice.header("From")).contains("sip:postmaster@" + DOMAIN);
            assertThat(notice.body())
                    .startsWith("Not delivered: your message to 496")
                    .endsWith("It said: lunch at noon?");

            recipient.register();
            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () -> recipient.request("MESSAGE", java.time.Duration.ofSeconds(2)))
                    .as("the expired message is gone")
                    .isInstanceOf(AssertionError.class);
        }
    }

    @Test
    void aMessageThatExpiredDuringAStopIsDroppedSoonAfterTheStart() {
        pbx = start(Map.of("tandem.messaging.keep-for", "1s"));
        UserDirectory users = pbx.bean(UserDirectory.class);
        users.create(new UserDraft("497", "User 497", "secret497", null));
        users.create(new UserDraft("498", "User 498", "secret498", null));
        assertThat(message("497", "498", "see you at three").status()).isEqualTo(202);
        java.time.Instant expired = java.time.Instant.now().plusSeconds(1); // keep-for after it was stored
        pbx.close();
        pbx = null;
        // it expires while the PBX is stopped
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(5))
                .pollInterval(java.time.Duration.ofMillis(50))
                .until(() -> java.time.Instant.now().isAfter(expired));

        // the default sweep (every minute): its first run comes Housekeeping.FIRST_RUN after the start
        pbx = start(Map.of("tandem.messaging.keep-for", "1s"));
        try (RawPhone sender = new RawPhone(pbx.sipPort(), DOMAIN, "497", "secret497")) {
            sender.register();
            SipText notice = sender.request("MESSAGE", Housekeeping.FIRST_RUN.plusSeconds(10));
            sender.respond(notice, 200, "OK");
            assertThat(notice.header("From")).contains("sip:postmaster@" + DOMAIN);
            assertThat(notice.body())
                    .startsWith("Not delivered: your message to 498")
                    .endsWith("see you at three");
        }
    }

    @Test
    void eachUserSeesTheMessagesTheySentAndReceivedAndNobodyElseDoes() throws Exception {
        pbx = start();
        UserDirectory users = pbx.bean(UserDirectory.class);
        for (String ext : new String[] {"481", "482", "483"})
            users.create(new UserDraft(ext, "User " + ext, "secret" + ext, null));
        assertThat(message("481", "482", "kept while you were away").status()).isEqualTo(202);
        try (RawPhone phone = new RawPhone(pbx.sipPort(), DOMAIN, "482", "secret482")) {
            phone.register();
            phone.respond(phone.request("MESSAGE"), 200, "OK");
            var answer = java.util.concurrent.CompletableFuture.runAsync(
                    () -> phone.respond(phone.request("MESSAGE"), 200, "OK"));
            assertThat(message("481", "482", "and now live ✓").status()).isEqualTo(200);
            answer.get(10, java.util.concurrent.TimeUnit.SECONDS);
        }
        org.tandem.pbx.messaging.MessageHistory history = pbx.bean(org.tandem.pbx.messaging.MessageHistory.class);
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(5))
                .until(() -> history.recent("482", 10).size() == 2);
        var seen = history.recent("482", 10);
        assertThat(seen)
                .extracting(org.tandem.pbx.messaging.HistoryEntry::body)
                .containsExactly("and now live ✓", "kept while you were away");
        assertThat(seen)
                .extracting(org.tandem.pbx.messaging.HistoryEntry::outcome)
                .containsExactly("RELAYED", "STORED");
        assertThat(seen.get(0).sender()).isEqualTo("481");
        assertThat(seen.get(0).recipient()).isEqualTo("482");
        assertThat(history.recent("481", 10)).isEqualTo(seen);
        assertThat(history.recent("481", 1)).hasSize(1);
        assertThat(history.recent("483", 10)).as("nobody else's").isEmpty();
        users.delete("481");
        assertThat(history.recent("482", 10))
                .as("gone with the user who sent them")
                .isEmpty();
    }

    /**
     * RFC 3994: an isComposing indication only means something while the other user is there to see it, so Tandem
     * never stores one: to an offline user it is 480 (no phone to show it, nothing kept; RFC 3428 §7 keeps 202 for
     * messages accepted for later delivery), and the user's phone, registering later, gets nothing. To an online
     * user it is relayed as it came, body and Content-Type, and the phone's 200 goes back to the sender.
     */
    @Test
    void isComposingIsRelayedUnchangedToAnOnlineUserAndNeverKeptForAnOfflineOne() throws Exception {
        pbx = start();
        UserDirectory users = pbx.bean(UserDirectory.class);
        users.create(new UserDraft("484", "User 484", "secret484", null));
        users.create(new UserDraft("485", "User 485", "secret485", null));
        String composing = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n"
                + "<isComposing xmlns=\"urn:ietf:params:xml:ns:im-iscomposing\">\r\n"
                + "  <state>active</state>\r\n  <contenttype>text/plain</contenttype>\r\n  <refresh>60</refresh>\r\n"
                + "</isComposing>\r\n";
        String type = "application/im-iscomposing+xml";

        SipText offline = message("484", "485", type, composing);
        assertThat(offline.status())
                .as("isComposing for an offline user: %s", offline.startLine())
                .isEqualTo(480);
        assertThat(pbx.bean(org.tandem.pbx.messaging.MessageHistory.class).recent("485", 10))
                .as("nothing kept or recorded")
                .isEmpty();

        try (RawPhone phone = new RawPhone(pbx.sipPort(), DOMAIN, "485", "secret485")) {
            phone.register();
            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () -> phone.request("MESSAGE", java.time.Duration.ofSeconds(2)))
                    .as("no stored isComposing delivered on registration")
                    .isInstanceOf(AssertionError.class);

            var answer = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                SipText relayed = phone.request("MESSAGE");
                phone.respond(relayed, 200, "OK");
                return relayed;
            });
            SipText online = message("484", "485", type, composing);
            SipText relayed = answer.get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(online.status())
                    .as("the phone's answer reaches the sender")
                    .isEqualTo(200);
            assertThat(relayed.header("Content-Type")).isEqualToIgnoringCase(type);
            assertThat(relayed.body()).as("relayed unchanged").isEqualTo(composing);
            assertThat(relayed.header("From")).contains("sip:484@" + DOMAIN);

            // the history is written in order on one IO thread: once this text is in, an isComposing would be too
            var text = java.util.concurrent.CompletableFuture.runAsync(
                    () -> phone.respond(phone.request("MESSAGE"), 200, "OK"));
            assertThat(message("484", "485", "typed it").status()).isEqualTo(200);
            text.get(10, java.util.concurrent.TimeUnit.SECONDS);
        }
        var history = pbx.bean(org.tandem.pbx.messaging.MessageHistory.class);
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(5))
                .until(() -> !history.recent("485", 10).isEmpty());
        assertThat(history.recent("485", 10))
                .as("isComposing is no message of the history")
                .extracting(org.tandem.pbx.messaging.HistoryEntry::body)
                .containsExactly("typed it");
    }
}
