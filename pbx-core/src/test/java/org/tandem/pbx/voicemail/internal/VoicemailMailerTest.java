package org.tandem.pbx.voicemail.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.tandem.pbx.voicemail.Folder;
import org.tandem.pbx.voicemail.MessageCounts;
import org.tandem.pbx.voicemail.VoicemailMessage;
import org.tandem.pbx.voicemail.VoicemailProperties;

/** The mailer's back-off and wording, and the message-summary body (RFC 3842 §5.2). */
class VoicemailMailerTest {

    @Test
    void backOffDoublesFromTheInitialDelayUpToTheCap() {
        VoicemailProperties props =
                new VoicemailProperties(0, Duration.ofSeconds(30), Duration.ofMinutes(5), 0, null, 0, 0);
        VoicemailMailer mailer = new VoicemailMailer(
                null,
                null,
                null,
                null,
                null,
                props,
                null,
                java.util.concurrent.Executors.newSingleThreadScheduledExecutor());
        try {
            assertThat(mailer.backOff(1)).isEqualTo(Duration.ofSeconds(30));
            assertThat(mailer.backOff(2)).isEqualTo(Duration.ofSeconds(60));
            assertThat(mailer.backOff(4)).isEqualTo(Duration.ofSeconds(240));
            assertThat(mailer.backOff(5)).isEqualTo(Duration.ofMinutes(5));
            assertThat(mailer.backOff(40)).isEqualTo(Duration.ofMinutes(5));
        } finally {
            mailer.close();
        }
    }

    @Test
    void theCallerAndLengthAreWrittenForPeople() {
        Instant t = Instant.parse("2026-11-22T08:00:00Z");
        assertThat(VoicemailMailer.caller(
                        new VoicemailMessage("a", "201", Folder.NEW, "202", "Bob", t, Duration.ZERO, 0)))
                .isEqualTo("Bob <202>");
        assertThat(VoicemailMailer.caller(
                        new VoicemailMessage("a", "201", Folder.NEW, "202", null, t, Duration.ZERO, 0)))
                .isEqualTo("202");
        assertThat(VoicemailMailer.caller(
                        new VoicemailMessage("a", "201", Folder.NEW, null, null, t, Duration.ZERO, 0)))
                .isEqualTo("an unknown caller");
        assertThat(VoicemailMailer.length(Duration.ofMillis(65_400))).isEqualTo("1:05");
        assertThat(VoicemailMailer.length(Duration.ofMillis(400))).isEqualTo("0:00");
    }

    @Test
    void theSummaryBodyFollowsRfc3842() {
        assertThat(MessageSummary.body("sip:201@pbx.test", new MessageCounts(2, 8)))
                .isEqualTo(
                        "Messages-Waiting: yes\r\nMessage-Account: sip:201@pbx.test\r\nVoice-Message: 2/8 (0/0)\r\n");
        assertThat(MessageSummary.body("sip:201@pbx.test", new MessageCounts(0, 3)))
                .startsWith("Messages-Waiting: no\r\n")
                .endsWith("Voice-Message: 0/3 (0/0)\r\n");
    }
}
