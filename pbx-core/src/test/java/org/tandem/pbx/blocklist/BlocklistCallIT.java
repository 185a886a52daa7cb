package org.tandem.pbx.blocklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tandem.media.Wav;
import org.tandem.pbx.call.Disposition;
import org.tandem.pbx.cdr.CallRecord;
import org.tandem.pbx.cdr.CallRecords;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.directory.UserDraft;
import org.tandem.pbx.prompt.Prompts;
import org.tandem.pbx.proxy.Sipp;
import org.tandem.pbx.setup.ApplianceSetup;
import org.tandem.pbx.setup.SetupSettings;
import org.tandem.pbx.testsupport.MediaPhone;
import org.tandem.pbx.testsupport.PbxTestContext;
import org.tandem.pbx.testsupport.SipText;
import org.tandem.pbx.validation.DuplicateException;
import org.tandem.pbx.validation.InvalidInputException;
import org.tandem.pbx.voicemail.VoicemailBoxDraft;
import org.tandem.pbx.voicemail.VoicemailBoxes;

/**
 * The blocklist with real peers: outside callers (SIPp, and an RTP phone for the prompt) presenting numbers on the
 * PBX's list, on a user's own list, or none, and anonymous ones; each blocked call gets the policy's treatment and
 * is recorded BLOCKED, an unblocked one rings the phone. Runs on H2 and (as {@link BlocklistCallMariaDbIT}) on MariaDB.
 */
class BlocklistCallIT {

    private static Path data;
    private static PbxTestContext pbx;
    private static Blocklist blocklist;
    private static CallRecords records;

    @BeforeAll
    static void start() throws Exception {
        data = Files.createTempDirectory("tandem-blocklist-it");
        pbx = PbxTestContext.start(
                data,
                Map.of(
                        "tandem.proxy.anonymous-inbound",
                        "true",
                        "tandem.sip.keepalive-interval",
                        "1h",
                        "test.meters",
                        "true"));
        for (int ext = 301; ext <= 306; ext++) {
            String e = Integer.toString(ext);
            pbx.bean(UserDirectory.class).create(new UserDraft(e, "User " + e, "secret" + e, null));
            // voicemail would answer the unanswered calls; these are about the blocklist
            pbx.bean(VoicemailBoxes.class).update(e, new VoicemailBoxDraft(false, null, null, null, null, null));
        }
        blocklist = pbx.bean(Blocklist.class);
        records = pbx.bean(org.tandem.pbx.cdr.CallRecords.class);
    }

    @AfterAll
    static void stop() {
        if (pbx != null) pbx.close();
    }

    @Test
    void aNumberOnThePbxsListGetsBusyAndAnotherRingsThePhone() {
        blocklist.setPolicy(false, "BUSY", null);
        blocklist.add(new BlockedNumberDraft("+4930555", true, null, "sales calls"));
        Sipp.Run phone = phone("proxy/uas-answer", "301").start();

        double countedBefore = blockedCalls("global");
        Sipp.Run blocked = outside("blocklist/outside-refused", "4930555123", "301", "blocked-1")
                .set("STATUS", 486)
                .set("REASON_RE", "486 Busy Here")
                .start();
        ok(blocked);
        assertThat(blockedCalls("global"))
                .as("tandem_blocked_calls_total{list=global}")
                .isEqualTo(countedBefore + 1);
        Sipp.Run let = outside("blocklist/outside-call", "4940777123", "301", "let-in-1")
                .start();
        ok(let, phone);

        CallRecord refused = record("blocked-1");
        assertThat(refused.disposition()).isEqualTo(Disposition.BLOCKED);
        assertThat(refused.sipStatus()).isEqualTo(486);
        assertThat(refused.hangupCause()).isEqualTo("blocklist:global");
        assertThat(record("let-in-1").disposition()).isEqualTo(Disposition.ANSWERED);
    }

    @Test
    void aUsersOwnListDeclinesOnlyTheirCalls() {
        blocklist.setPolicy(false, "DECLINE", null);
        blocklist.add(new BlockedNumberDraft("0301111222", false, "302", null));
        Sipp.Run phone = phone("proxy/uas-answer", "303").start();

        double countedBefore = blockedCalls("user");
        Sipp.Run blocked = outside("blocklist/outside-refused", "0301111222", "302", "blocked-2")
                .set("STATUS", 603)
                .set("REASON_RE", "603 Decline")
                .start();
        ok(blocked);
        assertThat(blockedCalls("user"))
                .as("tandem_blocked_calls_total{list=user}")
                .isEqualTo(countedBefore + 1);
        Sipp.Run colleague = outside("blocklist/outside-call", "0301111222", "303", "let-in-2")
                .start();
        ok(colleague, phone);

        assertThat(record("blocked-2").disposition()).isEqualTo(Disposition.BLOCKED);
        assertThat(record("blocked-2").hangupCause()).isEqualTo("blocklist:302");
        assertThat(record("let-in-2").disposition()).isEqualTo(Disposition.ANSWERED);
    }

    @Test
    void anonymousCallersAreRefusedOnlyWhenThePolicySaysSo() {
        blocklist.setPolicy(true, "FORBIDDEN", null);
        double countedBefore = blockedCalls("anonymous");
        Sipp.Run blocked = outside("blocklist/outside-refused", "anonymous", "304", "blocked-3")
                .set("STATUS", 403)
                .set("REASON_RE", "403 Forbidden")
                .start();
        ok(blocked);
        assertThat(blockedCalls("anonymous")).isEqualTo(countedBefore + 1);
        assertThat(record("blocked-3").disposition()).isEqualTo(Disposition.BLOCKED);
        assertThat(record("blocked-3").hangupCause()).isEqualTo("blocklist:anonymous");

        blocklist.setPolicy(false, null, null);
        Sipp.Run phone = phone("proxy/uas-answer", "304").start();
        Sipp.Run let = outside("blocklist/outside-call", "anonymous", "304", "let-in-3")
                .start();
        ok(let, phone);
    }

    @Test
    void thePromptTreatmentPlaysThePromptAndHangsUp() throws Exception {
        // a 700 Hz tone as the prompt, so that what the caller hears is checked by its frequency
        short[] tone = new short[8000];
        for (int i = 0; i < tone.length; i++) tone[i] = (short) (8000 * Math.sin(2 * Math.PI * 700 * i / 8000.0));
        pbx.bean(Prompts.class).upload("blocked-tone", Wav.bytes(tone));
        blocklist.setPolicy(false, "PROMPT", "blocked-tone");
        blocklist.add(new BlockedNumberDraft("4989777", true, null, null));

        try (MediaPhone caller = MediaPhone.outside(pbx.sipPort(), "498977712")) {
            caller.dial("305");
            caller.awaitTone(700, 4000, Duration.ofSeconds(10));
            SipText bye = caller.awaitBye();
            assertThat(bye.header("Reason")).contains("Caller blocked");
            CallRecord r = record(caller.leg().callId);
            assertThat(r.disposition()).isEqualTo(Disposition.BLOCKED);
            assertThat(r.hangupCause()).isEqualTo("blocklist:global");
        }
        assertThatThrownBy(() -> pbx.bean(Prompts.class).removeUpload("blocked-tone"))
                .as("the treatment's prompt is in use")
                .hasMessageContaining("blocklist");
    }

    /**
     * Issue 18: the prompt treatment speaks the called user's language, else the system language: with the system in
     * German a blocked caller to a user without a language of their own hears the German prompt (the German file, not
     * the English one); to a French user, the French one (the PBX-wide list screens before any user
     * is chosen: the dialled user's language counts).
     */
    @Test
    void theBlockedCallersPromptIsInTheUsersOrTheSystemLanguage() throws Exception {
        ApplianceSetup setup = pbx.bean(ApplianceSetup.class);
        SetupSettings before = setup.current();
        pbx.bean(UserDirectory.class).create(new UserDraft("307", "Françoise", "secret307", null, "fr"));
        pbx.bean(VoicemailBoxes.class).update("307", new VoicemailBoxDraft(false, null, null, null, null, null));
        blocklist.setPolicy(false, "PROMPT", "err-not-available");
        blocklist.add(new BlockedNumberDraft("4969111", true, null, null));
        try {
            setup.save(withLanguage(before, "de"));
            try (MediaPhone caller = MediaPhone.outside(pbx.sipPort(), "496911101")) {
                caller.dial("304");
                caller.awaitPromptsInOrder("de", Duration.ofSeconds(10), "err-not-available");
                assertThat(caller.heardPrompt("en", "err-not-available"))
                        .as("no English")
                        .isFalse();
                caller.awaitBye();
            }
            try (MediaPhone caller = MediaPhone.outside(pbx.sipPort(), "496911102")) {
                caller.dial("307");
                caller.awaitPromptsInOrder("fr", Duration.ofSeconds(10), "err-not-available");
                assertThat(caller.heardPrompt("de", "err-not-available"))
                        .as("the user's over the system's")
                        .isFalse();
                caller.awaitBye();
            }
        } finally {
            setup.save(withLanguage(before, before.language()));
        }
    }

    private static SetupSettings withLanguage(SetupSettings s, String language) {
        return new SetupSettings(
                s.sipDomain(),
                s.timeZone(),
                s.externalHost(),
                s.smtpHost(),
                s.smtpPort(),
                s.smtpUsername(),
                s.smtpPassword(),
                s.mailFrom(),
                s.smtpStartTls(),
                s.smtpImplicitTls(),
                language);
    }

    @Test
    void entriesAreCheckedAndDuplicatesRefused() {
        assertThatThrownBy(() -> blocklist.add(new BlockedNumberDraft("12ab", false, "399", null)))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.fieldErrors()).containsOnlyKeys("number", "extension"));
        blocklist.add(new BlockedNumberDraft("+4971100", false, "306", null));
        assertThatThrownBy(() -> blocklist.add(new BlockedNumberDraft("4971100", false, "306", null)))
                .isInstanceOf(DuplicateException.class);
        assertThatThrownBy(() -> blocklist.setPolicy(null, "SILENCE", "no-such-prompt"))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.fieldErrors()).containsOnlyKeys("treatment", "prompt"));
    }

    private static CallRecord record(String callIdStart) {
        return await().atMost(Duration.ofSeconds(10))
                .until(() -> find(callIdStart), r -> r != null && r.endedAt() != null);
    }

    private static CallRecord find(String callIdStart) {
        var page = records.search(org.tandem.pbx.cdr.CdrFilter.all().withPage(0, 100));
        return page.items().stream()
                .filter(r -> r.callId().startsWith(callIdStart))
                .findFirst()
                .orElse(null);
    }

    /** A phone of {@code extension}: a SIPp UAS that REGISTERs first. */
    private static Sipp phone(String scenario, String extension) {
        Sipp uas = Sipp.scenario(scenario);
        String contact = "sip:" + extension + "@" + Sipp.HOST + ":" + uas.port() + ";transport=UDP";
        Sipp.Run reg = Sipp.scenario("proxy/register")
                .onPort(uas.port())
                .set("DOMAIN", PbxTestContext.DOMAIN)
                .set("CONTACT", contact)
                .calling(extension, pbx.sipPort())
                .auth(extension, "secret" + extension)
                .start();
        assertThat(reg.exitCode()).as(reg::log).isZero();
        return uas.set("CONTACT", contact).set("FROM_RE", ".");
    }

    /** A caller outside the PBX presenting {@code number}, no credentials; its Call-ID starts with {@code callId}. */
    private static Sipp outside(String scenario, String number, String dialled, String callId) {
        Sipp uac = Sipp.scenario(scenario);
        return uac.set("DOMAIN", PbxTestContext.DOMAIN)
                .set("CALLER", number)
                .set("CONTACT", "sip:" + number + "@" + Sipp.HOST + ":" + uac.port() + ";transport=UDP")
                .set("REASON_RE", ".")
                .arg("-cid_str", callId + "-%u-%p@%s")
                .calling(dialled, pbx.sipPort());
    }

    private static void ok(Sipp.Run... runs) {
        for (Sipp.Run r : runs) assertThat(r.exitCode()).as(r::log).isZero();
    }

    /** The Prometheus counter {@code tandem_blocked_calls_total} of one list, 0 before its first call. */
    private static double blockedCalls(String list) {
        Counter counter = pbx.bean(MeterRegistry.class)
                .find("tandem.blocked.calls")
                .tag("list", list)
                .counter();
        return counter == null ? 0 : counter.count();
    }
}
