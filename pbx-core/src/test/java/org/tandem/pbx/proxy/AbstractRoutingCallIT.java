package org.tandem.pbx.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.directory.UserDraft;
import org.tandem.pbx.registrar.LocationService;
import org.tandem.pbx.routing.CallSettingsDraft;
import org.tandem.pbx.routing.RingGroupDraft;
import org.tandem.pbx.routing.RoutingDirectory;
import org.tandem.pbx.call.CallStarted;
import org.tandem.pbx.testsupport.CallEventLog;
import org.tandem.pbx.testsupport.RawPhone;
import org.tandem.pbx.testsupport.SipText;
import org.tandem.pbx.testsupport.TestPbxApplication;

/**
 * The dial plan with real SIPp phones through the proxy: forwarding of each kind, do-not-disturb,
 * ring my mobile too, the busy policy, ring groups of both strategies, feature codes — each with
 * the call events that call records are built from. External numbers are SIPp UAS processes
 * reached through {@link FakeExternalCalls} (the trunk gateway has its own tests).
 */
@SpringBootTest(classes = {TestPbxApplication.class, AbstractRoutingCallIT.Beans.class})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
abstract class AbstractRoutingCallIT {

    static class Beans {
        @Bean
        @Primary
        StaticBindings staticBindings(@Qualifier("locationTable") LocationService registrar) {
            return new StaticBindings(registrar);
        }

        @Bean
        CallEventLog callEventLog() {
            return new CallEventLog();
        }

        @Bean
        @Primary
        FakeExternalCalls fakeExternalCalls() {
            return new FakeExternalCalls();
        }
    }

    static final String DOMAIN = "tandem.test";
    static final int SIP_PORT = Sipp.freePort();
    static final Path DATA;

    static {
        try {
            DATA = Files.createTempDirectory("tandem-routing-it");
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("tandem.data-dir", DATA::toString);
        registry.add("tandem.domain", () -> DOMAIN);
        registry.add("tandem.sip.bind-address", () -> Sipp.HOST);
        registry.add("tandem.sip.advertised-address", () -> Sipp.HOST);
        registry.add("tandem.auth.algorithms", () -> "MD5,SHA-256");
        registry.add("tandem.sip.port", () -> SIP_PORT);
        registry.add("tandem.sip.tls-port", () -> 0);
        registry.add("tandem.sip.invite-timeout", () -> "8s");
        // a NAT keepalive OPTIONS would be taken by a SIPp phone as its one call
        registry.add("tandem.sip.keepalive-interval", () -> "1h");
    }

    @Autowired
    UserDirectory users;
    @Autowired
    RoutingDirectory routing;
    @Autowired
    CallEventLog calls;
    @Autowired
    FakeExternalCalls external;
    @Autowired
    ApplicationEventPublisher events;

    @BeforeEach
    void users() {
        for (int ext = 200; ext <= 240; ext++) {
            String e = Integer.toString(ext);
            if (!users.exists(e)) users.create(new UserDraft(e, "User " + e, "secret" + e, null));
        }
    }

    /** A phone of {@code extension}: a SIPp UAS that REGISTERs first. */
    Sipp phone(String scenario, String extension) {
        Sipp uas = Sipp.scenario(scenario);
        String contact = "sip:" + extension + "@" + Sipp.HOST + ":" + uas.port() + ";transport=UDP";
        Sipp.Run reg = Sipp.scenario("proxy/register").onPort(uas.port()).set("DOMAIN", DOMAIN).set("CONTACT", contact)
                .calling(extension, SIP_PORT).auth(extension, "secret" + extension).start();
        assertThat(reg.exitCode()).as(reg::log).isZero();
        return uas.set("CONTACT", contact).set("FROM_RE", ".");
    }

    /** A phone outside (a mobile): a SIPp UAS the fake trunk reaches for {@code number}. */
    Sipp outside(String scenario, String number) {
        Sipp uas = Sipp.scenario(scenario);
        external.reach(number, uas.port());
        return uas.set("CONTACT", "sip:" + number + "@" + Sipp.HOST + ":" + uas.port()).set("FROM_RE", ".");
    }

    /** Extension {@code caller} dials {@code dialled}, answering the proxy's challenge. */
    Sipp dial(String scenario, String caller, String dialled) {
        Sipp uac = Sipp.scenario(scenario);
        return uac.set("DOMAIN", DOMAIN).set("CALLER", caller)
                .set("CONTACT", "sip:" + caller + "@" + Sipp.HOST + ":" + uac.port() + ";transport=UDP")
                .set("ANSWER_RE", "SIP/2.0 200").set("REASON_RE", ".")
                .calling(dialled, SIP_PORT).auth(caller, "secret" + caller);
    }

    void settings(String extension, CallSettingsDraft draft) {
        routing.updateCallSettings(extension, draft);
    }

    static CallSettingsDraft forwardAlways(String target) {
        return new CallSettingsDraft(false, target, null, null, null, null, null, null, null);
    }

    void expectEvents(String dialled, String... lines) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(calls.summary(dialled)).containsExactly(lines));
    }

    static void ok(Sipp.Run... runs) {
        for (Sipp.Run r : runs) assertThat(r.exitCode()).as(r::log).isZero();
    }

    @Test
    void forwardAlwaysRingsTheTargetInstead() {
        settings("201", forwardAlways("extension:202"));
        Sipp.Run target = phone("proxy/uas-answer", "202").start();
        Sipp.Run caller = dial("routing/uac-call-any", "200", "201").start();

        ok(caller, target);
        expectEvents("201", "started 200->201 INTERNAL", "routed extension:202 from 201", "answered 202",
                "ended ANSWERED 200 CALLER");
    }

    @Test
    void forwardOnBusyTakesOverWhenThePhoneSaysBusy() {
        settings("203", new CallSettingsDraft(false, null, "extension:204", null, null, null, null, null, null));
        Sipp.Run busy = phone("proxy/uas-busy", "203").start();
        Sipp.Run target = phone("proxy/uas-answer", "204").start();
        Sipp.Run caller = dial("routing/uac-call-any", "200", "203").start();

        ok(caller, busy, target);
        expectEvents("203", "started 200->203 INTERNAL", "routed extension:203", "routed extension:204 from 203",
                "answered 204", "ended ANSWERED 200 CALLER");
    }

    @Test
    void forwardOnNoAnswerAfterTheUsersOwnRingTime() {
        settings("205", new CallSettingsDraft(false, null, null, "extension:206", 5, null, null, null, null));
        Sipp.Run unanswered = phone("proxy/uas-ring-cancelled", "205").start();
        Sipp.Run target = phone("proxy/uas-answer", "206").start();
        Sipp.Run caller = dial("routing/uac-call-any", "200", "205").start();

        ok(caller, unanswered, target);
        expectEvents("205", "started 200->205 INTERNAL", "routed extension:205", "routed extension:206 from 205",
                "answered 206", "ended ANSWERED 200 CALLER");
    }

    @Test
    void forwardToAnExternalNumberGoesOutWithTheForwardingUsersRights() {
        settings("207", forwardAlways("external:0301234567"));
        Sipp.Run office = outside("proxy/uas-answer", "0301234567").start();
        Sipp.Run caller = dial("routing/uac-call-any", "200", "207").start();

        ok(caller, office);
        expectEvents("207", "started 200->207 INTERNAL", "routed external:0301234567 from 207", "answered 0301234567",
                "ended ANSWERED 200 CALLER");
        assertThat(external.asked).anySatisfy(r -> {
            assertThat(r.number()).isEqualTo("0301234567");
            assertThat(r.callerExtension()).as("the forwarding user's permission class applies").isEqualTo("207");
            assertThat(r.dialledByUser()).isFalse();
        });
    }

    @Test
    void doNotDisturbAnswersBusyOrForwardsOnBusy() {
        settings("208", new CallSettingsDraft(true, null, null, null, null, null, null, null, null));
        settings("209", new CallSettingsDraft(true, null, "extension:210", null, null, null, null, null, null));
        Sipp.Run target = phone("proxy/uas-answer", "210").start();

        Sipp.Run refused = dial("routing/uac-rejected-any", "200", "208").set("STATUS", 486)
                .set("REASON_RE", "486 Do Not Disturb").start();
        Sipp.Run forwarded = dial("routing/uac-call-any", "200", "209").start();

        ok(refused, forwarded, target);
        expectEvents("208", "started 200->208 INTERNAL", "ended BUSY 486 CALLEE");
        expectEvents("209", "started 200->209 INTERNAL", "routed extension:210 from 209", "answered 210",
                "ended ANSWERED 200 CALLER");
    }

    @Test
    void ringMyMobileTooRingsBothAndTheMobileMayAnswer() {
        settings("211", new CallSettingsDraft(false, null, null, null, null, "01701112233", true, null, null));
        Sipp.Run desk = phone("proxy/uas-ring-cancelled", "211").start();
        Sipp.Run mobile = outside("proxy/uas-answer", "01701112233").start();
        Sipp.Run caller = dial("routing/uac-call-any", "200", "211").start();

        ok(caller, desk, mobile);
        expectEvents("211", "started 200->211 INTERNAL", "routed extension:211", "answered 01701112233",
                "ended ANSWERED 200 CALLER");
    }

    @Test
    void busyWhenAnyDeviceIsInACall() {
        settings("212", new CallSettingsDraft(false, null, null, null, null, null, null, "ANY", null));
        events.publishEvent(new DialogStateChanged("other-call-212", "212", DialogStateChanged.State.CONFIRMED,
                DialogStateChanged.Direction.RECIPIENT));

        Sipp.Run refused = dial("routing/uac-rejected-any", "200", "212").set("STATUS", 486).start();
        ok(refused);

        events.publishEvent(new DialogStateChanged("other-call-212", "212", DialogStateChanged.State.TERMINATED,
                DialogStateChanged.Direction.RECIPIENT));
        Sipp.Run phone = phone("proxy/uas-answer", "212").start();
        Sipp.Run answered = dial("routing/uac-call-any", "200", "212").start();
        ok(answered, phone);
    }

    @Test
    void forwardingLoopsEndWithAClearRefusal() {
        settings("213", forwardAlways("extension:214"));
        settings("214", forwardAlways("extension:213"));

        Sipp.Run caller = dial("routing/uac-rejected-any", "200", "213").set("STATUS", 480)
                .set("REASON_RE", "480 Too many forwards").start();

        ok(caller);
    }

    @Test
    void simultaneousRingGroupRingsEveryoneWithThePrefixAndCancelsTheRest() {
        routing.createRingGroup(new RingGroupDraft("650", "Sales", "SIMULTANEOUS", 10,
                java.util.List.of(new RingGroupDraft.MemberDraft("extension:215", null),
                        new RingGroupDraft.MemberDraft("extension:216", null)), null, "Sales: "));
        Sipp.Run loser = phone("proxy/uas-ring-cancelled", "215").start();
        Sipp.Run winner = phone("routing/uas-answer-from", "216").set("FROM_RE", "\"Sales: ").start();
        Sipp.Run caller = dial("routing/uac-call-any", "200", "650").start();

        ok(caller, winner, loser);
        expectEvents("650", "started 200->650 INTERNAL", "routed ringgroup:650", "answered 216", "ended ANSWERED 200 CALLER");
    }

    @Test
    void sequentialRingGroupHuntsMemberByMember() {
        routing.createRingGroup(new RingGroupDraft("651", "Support", "SEQUENTIAL", 20,
                java.util.List.of(new RingGroupDraft.MemberDraft("extension:217", 5),
                        new RingGroupDraft.MemberDraft("extension:218", 10)), null, null));
        Sipp.Run first = phone("proxy/uas-ring-cancelled", "217").start();
        Sipp.Run second = phone("proxy/uas-answer", "218").start();
        Sipp.Run caller = dial("routing/uac-call-any", "200", "651").start();

        ok(caller, first, second);
        expectEvents("651", "started 200->651 INTERNAL", "routed ringgroup:651", "routed ringgroup:651", "answered 218",
                "ended ANSWERED 200 CALLER");
    }

    @Test
    void ringGroupFallsBackWhenNobodyAnswers() {
        routing.createRingGroup(new RingGroupDraft("652", "Night", "SIMULTANEOUS", 5,
                java.util.List.of(new RingGroupDraft.MemberDraft("extension:219", null)), "extension:220", null));
        Sipp.Run member = phone("proxy/uas-ring-cancelled", "219").start();
        Sipp.Run fallback = phone("proxy/uas-answer", "220").start();
        Sipp.Run caller = dial("routing/uac-call-any", "200", "652").start();

        ok(caller, member, fallback);
        expectEvents("652", "started 200->652 INTERNAL", "routed ringgroup:652", "routed extension:220", "answered 220",
                "ended ANSWERED 200 CALLER");
    }

    @Test
    void ringGroupWithAnExternalMember() {
        routing.createRingGroup(new RingGroupDraft("653", "On call", "SIMULTANEOUS", 10,
                java.util.List.of(new RingGroupDraft.MemberDraft("extension:221", null),
                        new RingGroupDraft.MemberDraft("external:01709998877", null)), null, null));
        Sipp.Run desk = phone("proxy/uas-ring-cancelled", "221").start();
        Sipp.Run mobile = outside("proxy/uas-answer", "01709998877").start();
        Sipp.Run caller = dial("routing/uac-call-any", "200", "653").start();

        ok(caller, desk, mobile);
        expectEvents("653", "started 200->653 INTERNAL", "routed ringgroup:653", "answered 01709998877",
                "ended ANSWERED 200 CALLER");
    }

    @Test
    void doNotDisturbFeatureCodesSwitchItOnAndOffAndConfirmByHangingUp() {
        Sipp.Run on = dial("routing/uac-feature-code", "222", "*78").set("REASON", "Do not disturb on").start();
        ok(on);
        assertThat(routing.callSettings("222")).hasValueSatisfying(s -> assertThat(s.dnd()).isTrue());
        expectEvents("*78", "started 222->*78 INTERNAL", "routed feature:*78", "answered *78", "ended ANSWERED 200 SYSTEM");
        Sipp.Run refused = dial("routing/uac-rejected-any", "200", "222").set("STATUS", 486).start();
        ok(refused);

        Sipp.Run off = dial("routing/uac-feature-code", "222", "*79").set("REASON", "Do not disturb off").start();
        ok(off);
        assertThat(routing.callSettings("222")).hasValueSatisfying(s -> assertThat(s.dnd()).isFalse());
    }

    @Test
    void forwardFeatureCodesSetAndClearTheUnconditionalForward() {
        Sipp.Run on = dial("routing/uac-feature-code", "223", "*72224").set("REASON", "Calls forwarded to 224").start();
        ok(on);
        assertThat(routing.callSettings("223")).hasValueSatisfying(s ->
                assertThat(s.forwardAlways()).hasToString("extension:224"));
        Sipp.Run target = phone("proxy/uas-answer", "224").start();
        Sipp.Run forwarded = dial("routing/uac-call-any", "200", "223").start();
        ok(forwarded, target);

        Sipp.Run incomplete = dial("routing/uac-rejected-any", "223", "*72").set("STATUS", 484).start();
        Sipp.Run off = dial("routing/uac-feature-code", "223", "*73").set("REASON", "Call forwarding off").start();
        ok(incomplete, off);
        assertThat(routing.callSettings("223")).hasValueSatisfying(s -> assertThat(s.forwardAlways()).isNull());
    }

    @Test
    void refusedExternalNumbersAreRefusedWithTheRoutesReason() {
        Sipp.Run caller = dial("routing/uac-rejected-any", "225", "0044201234").set("STATUS", 403)
                .set("REASON_RE", "403 International calls are not allowed").start();

        ok(caller);
        expectEvents("0044201234", "started 225->0044201234 INTERNAL", "ended FAILED 403 SYSTEM");
    }

    /** The caller waits while {@code ringing} rings; the picker dials {@code code}; the caller swaps to the picker. */
    private void pickUp(String callerExt, String ringingExt, String pickerExt, String code) {
        Sipp.Run ringing = phone("proxy/uas-ring-cancelled", ringingExt).start();
        try (RawPhone caller = new RawPhone(SIP_PORT, DOMAIN, callerExt, "secret" + callerExt)) {
            RawPhone.Leg original = caller.invite(ringingExt);
            String ringingTag = RawPhone.tagOf(caller.response(original, 180).header("To"));

            Sipp.Run picker = dial("routing/uac-call-any", pickerExt, code).start();
            SipText replacing = caller.request("INVITE");
            // RFC 3891 §3: the picker replaces the ringing early dialog of the caller, only while it is early
            assertThat(replacing.header("Replaces"))
                    .isEqualTo(original.callId + ";to-tag=" + ringingTag + ";from-tag=" + original.localTag + ";early-only");
            assertThat(replacing.headers("Require")).anySatisfy(r -> assertThat(r).contains("replaces"));
            caller.respond(replacing, 200, "OK");
            caller.request("ACK");
            caller.cancel(original);
            caller.ackFailure(original, caller.response(original, 487));
            caller.respond(caller.request("BYE"), 200, "OK");
            ok(picker, ringing);
        }
        expectEvents(ringingExt, "started " + callerExt + "->" + ringingExt + " INTERNAL", "routed extension:" + ringingExt,
                "ended CANCELLED 487 CALLER");
        String pickedCallId = calls.callIdsDialling(ringingExt).get(0);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(calls.summary(code)).containsExactly(
                "started " + pickerExt + "->" + code + " INTERNAL", "routed " + (code.startsWith("**") ? "pickup:" + ringingExt
                        : "pickup:group:front"), "answered " + callerExt, "ended ANSWERED 200 CALLER"));
        assertThat(calls.of(calls.callIdsDialling(code).get(0)).get(0))
                .isInstanceOfSatisfying(CallStarted.class, s -> assertThat(s.linkedCallId()).isEqualTo(pickedCallId));
    }

    @Test
    void directedPickupTakesTheCallRingingAtOneExtension() {
        pickUp("226", "227", "228", "**227");
    }

    @Test
    void groupPickupTakesACallRingingInThePickersGroup() {
        settings("229", new CallSettingsDraft(false, null, null, null, null, null, null, null, "front"));
        settings("230", new CallSettingsDraft(false, null, null, null, null, null, null, null, "front"));
        pickUp("231", "229", "230", "*8");
    }

    @Test
    void pickupWithNothingRingingIsRefused() {
        Sipp.Run picker = dial("routing/uac-rejected-any", "228", "**201").set("STATUS", 480)
                .set("REASON_RE", "No call to pick up").start();
        ok(picker);
    }

    @Test
    void blindTransferThroughTheProxyIsLinkedToTheCallItContinues() {
        Sipp.Run target = phone("proxy/uas-answer", "234").start();
        blindTransfer("232", "233", "234", target);
    }

    @Test
    void blindTransferToAnExternalNumberGoesOutLikeADialledNumber() {
        Sipp.Run target = outside("proxy/uas-answer", "0309998877").start();
        blindTransfer("238", "239", "0309998877", target);
        assertThat(external.asked).anySatisfy(r -> {
            assertThat(r.number()).isEqualTo("0309998877");
            assertThat(r.callerExtension()).as("the transferee places the call").isEqualTo("238");
            assertThat(r.dialledByUser()).isTrue();
        });
    }

    /** A calls B; B refers A to {@code target}; A calls it (Referred-By), and the new call is linked. */
    private void blindTransfer(String aExt, String bExt, String targetNumber, Sipp.Run target) {
        try (RawPhone a = new RawPhone(SIP_PORT, DOMAIN, aExt, "secret" + aExt);
             RawPhone b = new RawPhone(SIP_PORT, DOMAIN, bExt, "secret" + bExt)) {
            b.register();
            RawPhone.Leg ab = a.invite(bExt);
            RawPhone.Leg ba = b.respond(b.request("INVITE"), 200, "OK");
            a.answered(ab);
            b.request("ACK");

            // RFC 3515: B refers A to the target; the REFER passes the proxy inside the dialog
            long refer = b.send(ba, "REFER", "Refer-To: <sip:" + targetNumber + "@" + DOMAIN + ">",
                    "Referred-By: <sip:" + bExt + "@" + DOMAIN + ">");
            SipText referred = a.request("REFER");
            assertThat(referred.header("Refer-To")).contains("sip:" + targetNumber + "@");
            a.respond(referred, 202, "Accepted");
            assertThat(b.finalResponse(ba, "REFER", refer).status()).isEqualTo(202);

            RawPhone.Leg ac = a.invite(targetNumber, "Referred-By: <sip:" + bExt + "@" + DOMAIN + ">");
            a.answered(ac);
            long bye = b.send(ba, "BYE");
            a.respond(a.request("BYE"), 200, "OK");
            assertThat(b.finalResponse(ba, "BYE", bye).status()).isEqualTo(200);
            assertThat(a.inDialog(ac, "BYE").status()).isEqualTo(200);
            ok(target);
            String original = ab.callId;
            boolean outside = !users.exists(targetNumber);
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(calls.summary(targetNumber)).containsExactly(
                    "started " + aExt + "->" + targetNumber + (outside ? " OUTBOUND" : " INTERNAL"),
                    "routed " + (outside ? "external:" : "extension:") + targetNumber, "answered " + targetNumber,
                    "ended ANSWERED 200 CALLER"));
            assertThat(calls.of(calls.callIdsDialling(targetNumber).get(0)).get(0))
                    .isInstanceOfSatisfying(CallStarted.class, s -> assertThat(s.linkedCallId()).isEqualTo(original));
        }
    }

    @Test
    void withBusyWhenAllTheCallIsBusyOnlyWhenEveryPhoneIsBusy() {
        settings("240", new CallSettingsDraft(false, null, "extension:225", null, null, null, null, "ALL", null));
        Sipp.Run first = phone("proxy/uas-busy", "240").start();
        Sipp.Run second = phone("proxy/uas-busy", "240").start();
        Sipp.Run fallback = phone("proxy/uas-answer", "225").start();
        Sipp.Run caller = dial("routing/uac-call-any", "200", "240").start();

        ok(caller, first, second, fallback);
        expectEvents("240", "started 200->240 INTERNAL", "routed extension:240", "routed extension:225 from 240",
                "answered 225", "ended ANSWERED 200 CALLER");
    }

    @Test
    void attendedTransferReplacesTheConsultationCallEvenWhenTheTargetForwards() {
        // forwarding must not apply to an INVITE with Replaces: it targets a dialog on that very phone
        settings("237", forwardAlways("extension:201"));
        try (RawPhone a = new RawPhone(SIP_PORT, DOMAIN, "235", "secret235");
             RawPhone b = new RawPhone(SIP_PORT, DOMAIN, "236", "secret236");
             RawPhone c = new RawPhone(SIP_PORT, DOMAIN, "237", "secret237")) {
            b.register();
            c.register();
            RawPhone.Leg ab = a.invite("236");
            RawPhone.Leg ba = b.respond(b.request("INVITE"), 200, "OK");
            a.answered(ab);
            b.request("ACK");
            settings("237", new CallSettingsDraft(false, null, null, null, null, null, null, null, null));
            RawPhone.Leg ac = a.invite("237");
            RawPhone.Leg ca = c.respond(c.request("INVITE"), 200, "OK");
            a.answered(ac);
            c.request("ACK");
            settings("237", forwardAlways("extension:201"));

            // RFC 3891 §7.1 via RFC 3515: A asks B to call C, replacing A's consultation call with C
            String replaces = ac.callId + ";to-tag=" + ca.localTag + ";from-tag=" + ac.localTag;
            long refer = a.send(ab, "REFER", "Refer-To: <sip:237@" + DOMAIN + "?Replaces="
                    + replaces.replace(";", "%3B").replace("=", "%3D") + ">");
            b.respond(b.request("REFER"), 202, "Accepted");
            assertThat(a.finalResponse(ab, "REFER", refer).status()).isEqualTo(202);

            RawPhone.Leg bc = b.invite("237", "Replaces: " + replaces);
            SipText replacing = c.request("INVITE");
            assertThat(replacing.header("Replaces")).isEqualTo(replaces);
            c.respond(replacing, 200, "OK");
            b.answered(bc);
            // C ends the replaced dialog with A, A ends its call with B
            long cBye = c.send(ca, "BYE");
            a.respond(a.request("BYE"), 200, "OK");
            assertThat(c.finalResponse(ca, "BYE", cBye).status()).isEqualTo(200);
            long aBye = a.send(ab, "BYE");
            b.respond(b.request("BYE"), 200, "OK");
            assertThat(a.finalResponse(ab, "BYE", aBye).status()).isEqualTo(200);

            String consultation = ac.callId;
            await().atMost(Duration.ofSeconds(5)).until(() -> calls.callIdsDialling("237").size() == 2);
            assertThat(calls.of(calls.callIdsDialling("237").get(1)).get(0))
                    .isInstanceOfSatisfying(CallStarted.class, s -> assertThat(s.linkedCallId()).isEqualTo(consultation));
        } finally {
            settings("237", new CallSettingsDraft(false, null, null, null, null, null, null, null, null));
        }
    }
}
