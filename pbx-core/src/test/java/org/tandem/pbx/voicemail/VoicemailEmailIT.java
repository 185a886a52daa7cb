package org.tandem.pbx.voicemail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.directory.UserDraft;
import org.tandem.pbx.mail.SmtpMail;
import org.tandem.pbx.mail.SmtpOutcome;
import org.tandem.pbx.setup.ApplianceSetup;
import org.tandem.pbx.setup.SetupSettings;
import org.tandem.pbx.testsupport.FreePorts;
import org.tandem.pbx.testsupport.PbxTestContext;

/**
 * Voicemail to e-mail against a real SMTP server (GreenMail): delivered with the WAV attached, retried
 * while the server is down, failed with the server's own answer on wrong credentials, never losing a
 * message; delete-after-e-mail only after the server accepted it.
 */
class VoicemailEmailIT {

    private static final String USER = "mailer";
    private static final String PASSWORD = "mail-secret-1";

    @TempDir
    static Path tmp;

    static PbxTestContext pbx;
    static Path wav;

    @BeforeAll
    static void start() throws Exception {
        pbx = PbxTestContext.start(
                Files.createDirectories(tmp.resolve("data")),
                Map.of(
                        "tandem.voicemail.mail-retry-initial",
                        "300ms",
                        "tandem.voicemail.mail-retry-max",
                        "1s",
                        "tandem.voicemail.mail-poll",
                        "200ms",
                        "tandem.voicemail.mail-max-attempts",
                        "100"));
        wav = Wavs.tone(tmp.resolve("rec.wav"), 440, 2);
    }

    @AfterAll
    static void stop() {
        if (pbx != null) pbx.close();
    }

    private static GreenMail smtpServer(int port) {
        GreenMail mail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
                .withConfiguration(GreenMailConfiguration.aConfig().withUser("pbx@example.com", USER, PASSWORD));
        mail.start();
        return mail;
    }

    private static void smtpSettings(int port, String password) {
        ApplianceSetup setup = pbx.bean(ApplianceSetup.class);
        SetupSettings s = setup.current();
        setup.save(new SetupSettings(
                PbxTestContext.DOMAIN,
                "Europe/Berlin",
                null,
                "127.0.0.1",
                port,
                USER,
                password,
                "pbx@example.com",
                false,
                false));
        assertThat(s).isNotNull();
    }

    private static String box(String extension, boolean deleteAfterEmail) {
        pbx.bean(UserDirectory.class)
                .create(new UserDraft(
                        extension, "User " + extension, "s3cret-" + extension, "u" + extension + "@example.com"));
        pbx.bean(VoicemailBoxes.class)
                .update(extension, new VoicemailBoxDraft(null, null, null, null, true, deleteAfterEmail));
        return extension;
    }

    private static EmailStatus status(String messageId) {
        return pbx.bean(VoicemailEmails.class).status(messageId).orElseThrow();
    }

    private static Optional<MimeMessage> received(GreenMail mail, String to) {
        return Arrays.stream(mail.getReceivedMessages())
                .filter(m -> {
                    try {
                        return Arrays.stream(m.getRecipients(Message.RecipientType.TO))
                                .anyMatch(a -> a.toString().equals(to));
                    } catch (Exception e) {
                        return false;
                    }
                })
                .findFirst();
    }

    @Test
    void aNewMessageIsEmailedWithTheRecordingAttached() throws Exception {
        int port = FreePorts.udpAndTcp();
        GreenMail mail = smtpServer(port);
        try {
            smtpSettings(port, PASSWORD);
            VoicemailStore store = pbx.bean(VoicemailStore.class);
            VoicemailMessage m = store.deposit(box("341", false), "312", "Carol", wav, Duration.ofMillis(2100));

            await().atMost(Duration.ofSeconds(20))
                    .until(() -> status(m.id()).state().equals("SENT"));
            assertThat(status(m.id()).lastAnswer()).startsWith("250");
            assertThat(status(m.id()).recipient()).isEqualTo("u341@example.com");
            MimeMessage email = received(mail, "u341@example.com").orElseThrow();
            assertThat(email.getSubject()).contains("Carol").contains("0:02");
            MimeMultipart parts = (MimeMultipart) email.getContent();
            String body = GreenMailUtil.getBody(parts.getBodyPart(0));
            assertThat(body)
                    .contains("Carol <312>")
                    .contains("Duration: 0:02")
                    .contains("Europe/Berlin")
                    .contains("341");
            assertThat(parts.getBodyPart(1).getContentType()).startsWith("audio/wav");
            assertThat(parts.getBodyPart(1).getFileName()).endsWith(".wav");
            assertThat(parts.getBodyPart(1).getInputStream().readAllBytes()).isEqualTo(Files.readAllBytes(wav));
            assertThat(store.find(m.id())).isPresent();

            VoicemailMessage gone = store.deposit(box("342", true), null, null, wav, Duration.ofSeconds(2));
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> store.find(gone.id()).isEmpty());
            assertThat(received(mail, "u342@example.com")).isPresent();
            // delete() removes the row, then the audio, then updates the counts: the row can be gone a moment
            // before the counts say so, on the e-mail thread
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> store.counts("342").equals(MessageCounts.NONE));
        } finally {
            mail.stop();
        }
    }

    @Test
    void whileTheServerIsDownTheEmailIsRetriedThenSent() {
        int port = FreePorts.udpAndTcp();
        smtpSettings(port, PASSWORD);
        VoicemailMessage m =
                pbx.bean(VoicemailStore.class).deposit(box("343", true), "312", null, wav, Duration.ofSeconds(2));

        await().atMost(Duration.ofSeconds(20)).until(() -> status(m.id()).attempts() >= 2);
        EmailStatus waiting = status(m.id());
        assertThat(waiting.state()).isEqualTo("PENDING");
        assertThat(waiting.nextTry()).isNotNull();
        assertThat(waiting.lastAnswer()).containsIgnoringCase("connect");
        assertThat(pbx.bean(VoicemailStore.class).find(m.id())).isPresent();

        GreenMail mail = smtpServer(port);
        try {
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> received(mail, "u343@example.com").isPresent());
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> pbx.bean(VoicemailStore.class).find(m.id()).isEmpty());
        } finally {
            mail.stop();
        }
    }

    @Test
    void wrongCredentialsFailWithTheServersAnswerAndKeepTheMessage() {
        int port = FreePorts.udpAndTcp();
        GreenMail mail = smtpServer(port);
        try {
            smtpSettings(port, "wrong-password");
            VoicemailStore store = pbx.bean(VoicemailStore.class);
            VoicemailMessage m = store.deposit(box("344", true), "312", null, wav, Duration.ofSeconds(2));

            await().atMost(Duration.ofSeconds(20))
                    .until(() -> status(m.id()).state().equals("FAILED"));
            assertThat(status(m.id()).lastAnswer()).startsWith("535");
            assertThat(status(m.id()).attempts()).isEqualTo(1);
            assertThat(store.find(m.id())).isPresent();
            assertThat(store.audio(m.id())).isPresent();
            assertThat(received(mail, "u344@example.com")).isEmpty();

            smtpSettings(port, PASSWORD); // corrected: failed e-mails are tried again
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> received(mail, "u344@example.com").isPresent());
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> store.find(m.id()).isEmpty());
        } finally {
            mail.stop();
        }
    }

    @Test
    void aMessageWaitsForAnSmtpServerAndIsSentOnceOneIsSetUp(@TempDir Path own) throws Exception {
        int port = FreePorts.udpAndTcp();
        GreenMail mail = smtpServer(port);
        try (PbxTestContext fresh = PbxTestContext.start(
                Files.createDirectories(own.resolve("data")), Map.of("tandem.voicemail.mail-poll", "200ms"))) {
            fresh.bean(UserDirectory.class).create(new UserDraft("345", "User 345", "s3cret-345", "u345@example.com"));
            VoicemailMessage m =
                    fresh.bean(VoicemailStore.class).deposit("345", "312", null, wav, Duration.ofSeconds(2));
            VoicemailEmails emails = fresh.bean(VoicemailEmails.class);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> emails.status(m.id()).orElseThrow().lastAnswer() != null);
            assertThat(emails.status(m.id()).orElseThrow().state()).isEqualTo("PENDING");
            assertThat(emails.status(m.id()).orElseThrow().lastAnswer()).contains("No SMTP server");

            fresh.bean(ApplianceSetup.class)
                    .save(new SetupSettings(
                            PbxTestContext.DOMAIN,
                            "UTC",
                            null,
                            "127.0.0.1",
                            port,
                            USER,
                            PASSWORD,
                            "pbx@example.com",
                            false,
                            false));
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> emails.status(m.id()).orElseThrow().state().equals("SENT"));
            assertThat(received(mail, "u345@example.com")).isPresent();
        } finally {
            mail.stop();
        }
    }

    @Test
    void theTestEmailReportsTheServersExactAnswer() {
        int port = FreePorts.udpAndTcp();
        GreenMail mail = smtpServer(port);
        try {
            SmtpMail smtp = pbx.bean(SmtpMail.class);
            SetupSettings good = new SetupSettings(
                    PbxTestContext.DOMAIN, "UTC", null, "127.0.0.1", port, USER, PASSWORD, "pbx@example.com", false);
            SmtpOutcome sent = smtp.sendTest(good, "admin@example.com");
            assertThat(sent.sent()).isTrue();
            assertThat(sent.serverAnswer()).startsWith("250");
            assertThat(received(mail, "admin@example.com")).isPresent();

            SmtpOutcome refused = smtp.sendTest(
                    new SetupSettings(
                            PbxTestContext.DOMAIN,
                            "UTC",
                            null,
                            "127.0.0.1",
                            port,
                            USER,
                            "nope",
                            "pbx@example.com",
                            false),
                    "admin@example.com");
            assertThat(refused.sent()).isFalse();
            assertThat(refused.permanent()).isTrue();
            assertThat(refused.serverAnswer()).startsWith("535");
        } finally {
            mail.stop();
        }
        SmtpOutcome down = pbx.bean(SmtpMail.class)
                .sendTest(
                        new SetupSettings(
                                PbxTestContext.DOMAIN,
                                "UTC",
                                null,
                                "127.0.0.1",
                                port,
                                null,
                                null,
                                "pbx@example.com",
                                false),
                        "admin@example.com");
        assertThat(down.sent()).isFalse();
        assertThat(down.permanent()).isFalse();
        assertThat(down.serverAnswer()).containsIgnoringCase("connect");
    }
}
