package org.tandem.pbx.cdr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandem.pbx.call.CallDirection;
import org.tandem.pbx.call.Disposition;
import org.tandem.pbx.call.HangupSide;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.directory.UserDraft;
import org.tandem.pbx.routing.CallSettingsDraft;
import org.tandem.pbx.routing.RingGroupDraft;
import org.tandem.pbx.routing.RoutingDirectory;
import org.tandem.pbx.testsupport.PbxTestContext;

/**
 * Real calls through the dial plan (SIPp phones registered with digest, SIPp caller answering 407)
 * leave one call record each, with where the call went (forwarding, a hunting ring group) and who
 * hung up. Runs on H2 and, as {@link CdrRoutedCallsMariaDbIT}, on MariaDB.
 */
class CdrRoutedCallsIT {

    static final String CALLER = "140";

    @TempDir
    static Path data;

    static PbxTestContext pbx;

    @BeforeAll
    static void start() {
        // SIPp 3.6 answers only the first challenge and only MD5 (see RegistrarSippIT)
        pbx = PbxTestContext.start(data, Map.of("tandem.auth.algorithms", "MD5,SHA-256"));
        UserDirectory users = pbx.bean(UserDirectory.class);
        for (String ext : List.of(CALLER, "141", "142", "143", "144", "145")) {
            users.create(new UserDraft(ext, "User " + ext, "secret" + ext, null));
        }
    }

    @AfterAll
    static void stop() {
        if (pbx != null) pbx.close();
    }

    /** A phone for {@code extension}: REGISTERs its contact, then a SIPp UAS runs {@code scenario} on that port. */
    static SippProcess phone(String extension, String scenario) {
        int port = SippProcess.freePort();
        String contact = "sip:" + extension + "@" + SippProcess.HOST + ":" + port + ";transport=UDP";
        SippProcess reg = SippProcess.start(
                "register",
                port,
                Map.of("DOMAIN", PbxTestContext.DOMAIN, "CONTACT", contact),
                List.of("-s", extension, "-au", extension, "-ap", "secret" + extension),
                SippProcess.HOST + ":" + pbx.sipPort());
        assertThat(reg.exitCode()).as(reg.logs()).isZero();
        return SippProcess.start(scenario, port, Map.of("CONTACT", contact), List.of(), null);
    }

    static SippProcess call(String dialled) {
        return call("uac-call", dialled);
    }

    static SippProcess call(String scenario, String dialled) {
        int port = SippProcess.freePort();
        return SippProcess.start(
                scenario,
                port,
                Map.of(
                        "DOMAIN",
                        PbxTestContext.DOMAIN,
                        "CALLER",
                        CALLER,
                        "CONTACT",
                        "sip:" + CALLER + "@" + SippProcess.HOST + ":" + port + ";transport=UDP"),
                List.of("-s", dialled, "-au", CALLER, "-ap", "secret" + CALLER),
                SippProcess.HOST + ":" + pbx.sipPort());
    }

    static CallRecord onlyRecordOf(String extension) {
        CallRecords records = pbx.bean(CallRecords.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            List<CallRecord> items =
                    records.search(CdrFilter.all().withExtension(extension)).items();
            return items.size() == 1 && items.get(0).endedAt() != null;
        });
        return records.search(CdrFilter.all().withExtension(extension)).items().get(0);
    }

    @Test
    void aCallForwardedFromAnUnreachablePhoneIsOneRecordOfBothExtensions() {
        pbx.bean(RoutingDirectory.class)
                .updateCallSettings(
                        "141",
                        new CallSettingsDraft(false, null, null, "extension:142", null, null, false, null, null));
        SippProcess answering = phone("142", "uas-answer");
        SippProcess caller = call("141");

        assertThat(caller.exitCode()).as(caller.logs()).isZero();
        assertThat(answering.exitCode()).as(answering.logs()).isZero();
        CallRecord r = onlyRecordOf("141");
        assertThat(r.dialled()).isEqualTo("141");
        assertThat(r.callerExtension()).isEqualTo(CALLER);
        assertThat(r.direction()).isEqualTo(CallDirection.INTERNAL);
        assertThat(r.forwardedFrom()).isEqualTo("141");
        assertThat(r.destination()).isEqualTo("extension:142");
        assertThat(r.answeredBy()).isEqualTo("142");
        assertThat(r.disposition()).isEqualTo(Disposition.ANSWERED);
        assertThat(r.hangupSide()).isEqualTo(HangupSide.CALLER);
        assertThat(onlyRecordOf("142").callId())
                .as("the same record in the forward target's log")
                .isEqualTo(r.callId());
        assertThat(pbx.bean(CallRecords.class)
                        .missedCalls("141", CdrFilter.all())
                        .total())
                .isZero();
    }

    @Test
    void aHuntingRingGroupRecordsTheGroupAndTheMemberWhoAnswered() {
        pbx.bean(RoutingDirectory.class)
                .createRingGroup(new RingGroupDraft(
                        "650",
                        "Sales",
                        "SEQUENTIAL",
                        null,
                        List.of(
                                new RingGroupDraft.MemberDraft("extension:143", 5),
                                new RingGroupDraft.MemberDraft("extension:144", 10)),
                        null,
                        null));
        SippProcess first = phone("143", "uas-ring-cancelled");
        SippProcess second = phone("144", "uas-answer");
        SippProcess caller = call("650");

        assertThat(caller.exitCode()).as(caller.logs()).isZero();
        assertThat(first.exitCode()).as(first.logs()).isZero();
        assertThat(second.exitCode()).as(second.logs()).isZero();
        CallRecord r = onlyRecordOf("650");
        assertThat(r.ringGroup()).isEqualTo("650");
        assertThat(r.destination()).isEqualTo("ringgroup:650");
        assertThat(r.answeredBy()).isEqualTo("144");
        assertThat(r.disposition()).isEqualTo(Disposition.ANSWERED);
        assertThat(r.answeredAt())
                .as("after the first member's 5 s")
                .isAfter(r.startedAt().plusSeconds(4));
        assertThat(onlyRecordOf("144").callId()).isEqualTo(r.callId());
    }

    @Test
    void aCallTheCalleeEndsSaysSo() {
        SippProcess callee = phone("145", "uas-answer-hangs-up");
        SippProcess caller = call("uac-callee-hangs-up", "145");

        assertThat(caller.exitCode()).as(caller.logs()).isZero();
        assertThat(callee.exitCode()).as(callee.logs()).isZero();
        CallRecord r = onlyRecordOf("145");
        assertThat(r.disposition()).isEqualTo(Disposition.ANSWERED);
        assertThat(r.hangupSide()).isEqualTo(HangupSide.CALLEE);
        assertThat(r.answeredBy()).isEqualTo("145");
        assertThat(r.forwardedFrom()).isNull();
        assertThat(r.ringGroup()).isNull();
        assertThat(r.answeredAt()).isAfterOrEqualTo(r.startedAt());
        assertThat(r.endedAt()).isAfterOrEqualTo(r.answeredAt());
    }
}
