package org.tandem.pbx.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.tandem.pbx.call.DialogStateChanged;
import org.tandem.pbx.routing.CallSettingsDraft;
import org.tandem.pbx.routing.RingGroupDraft;

/**
 * The dial plan with real SIPp phones through the proxy: forwarding of each kind, do-not-disturb,
 * ring my mobile too, the busy policy, ring groups of both strategies, feature codes — each with
 * the call events that call records are built from.
 */
abstract class AbstractRoutingCallIT extends RoutingCallSupport {

    @Test
    void forwardAlwaysRingsTheTargetInstead() {
        settings("201", forwardAlways("extension:202"));
        Sipp.Run target = phone("proxy/uas-answer", "202").start();
        Sipp.Run caller = dial("routing/uac-call-any", "200", "201").start();

        ok(caller, target);
        expectEvents(
                "201",
                "started 200->201 INTERNAL",
                "routed extension:202 from 201",
                "answered 202",
                "ended ANSWERED 200 CALLER");
    }

    @Test
    void forwardOnBusyTakesOverWhenThePhoneSaysBusy() {
        settings("203", new CallSettingsDraft(false, null, "extension:204", null, null, null, null, null, null));
        Sipp.Run busy = phone("proxy/uas-busy", "203").start();
        Sipp.Run target = phone("proxy/uas-answer", "204").start();
        Sipp.Run caller = dial("routing/uac-call-any", "200", "203").start();

        ok(caller, busy, target);
        expectEvents(
                "203",
                "started 200->203 INTERNAL",
                "routed extension:203",
                "routed extension:204 from 203",
                "answered 204",
                "ended ANSWERED 200 CALLER");
    }

    @Test
    void forwardOnNoAnswerAfterTheUsersOwnRingTime() {
        settings("205", new CallSettingsDraft(false, null, null, "extension:206", 5, null, null, null, null));
        Sipp.Run unanswered = phone("proxy/uas-ring-cancelled", "205").start();
        Sipp.Run target = phone("proxy/uas-answer", "206").start();
        Sipp.Run caller = dial("routing/uac-call-any", "200", "205").start();

        ok(caller, unanswered, target);
        expectEvents(
                "205",
                "started 200->205 INTERNAL",
                "routed extension:205",
                "routed extension:206 from 205",
                "answered 206",
                "ended ANSWERED 200 CALLER");
    }

    @Test
    void forwardToAnExternalNumberGoesOutWithTheForwardingUsersRights() {
        settings("207", forwardAlways("external:0301234567"));
        Sipp.Run office = outside("proxy/uas-answer", "0301234567").start();
        Sipp.Run caller = dial("routing/uac-call-any", "200", "207").start();

        ok(caller, office);
        expectEvents(
                "207",
                "started 200->207 INTERNAL",
                "routed external:0301234567 from 207",
                "answered 0301234567",
                "ended ANSWERED 200 CALLER");
        assertThat(external.asked).anySatisfy(r -> {
            assertThat(r.number()).isEqualTo("0301234567");
            assertThat(r.callerExtension())
                    .as("the forwarding user's permission class applies")
                    .isEqualTo("207");
            assertThat(r.dialledByUser()).isFalse();
        });
    }

    @Test
    void doNotDisturbAnswersBusyOrForwardsOnBusy() {
        settings("208", new CallSettingsDraft(true, null, null, null, null, null, null, null, null));
        settings("209", new CallSettingsDraft(true, null, "extension:210", null, null, null, null, null, null));
        Sipp.Run target = phone("proxy/uas-answer", "210").start();

        Sipp.Run refused = dial("routing/uac-rejected-any", "200", "208")
                .set("STATUS", 486)
                .set("REASON_RE", "486 Do Not Disturb")
                .start();
        Sipp.Run forwarded = dial("routing/uac-call-any", "200", "209").start();

        ok(refused, forwarded, target);
        expectEvents("208", "started 200->208 INTERNAL", "ended BUSY 486 CALLEE");
        expectEvents(
                "209",
                "started 200->209 INTERNAL",
                "routed extension:210 from 209",
                "answered 210",
                "ended ANSWERED 200 CALLER");
    }

    @Test
    void ringMyMobileTooRingsBothAndTheMobileMayAnswer() {
        settings("211", new CallSettingsDraft(false, null, null, null, null, "01701112233", true, null, null));
        Sipp.Run desk = phone("proxy/uas-ring-cancelled", "211").start();
        Sipp.Run mobile = outside("proxy/uas-answer", "01701112233").start();
        Sipp.Run caller = dial("routing/uac-call-any", "200", "211").start();

        ok(caller, desk, mobile);
        expectEvents(
                "211",
                "started 200->211 INTERNAL",
                "routed extension:211",
                "answered 01701112233",
                "ended ANSWERED 200 CALLER");
    }

    @Test
    void busyWhenAnyDeviceIsInACall() {
        settings("212", new CallSettingsDraft(false, null, null, null, null, null, null, "ANY", null));
        events.publish(new DialogStateChanged(
                "other-call-212", "212", DialogStateChanged.State.CONFIRMED, DialogStateChanged.Direction.RECIPIENT));

        Sipp.Run refused = dial("routing/uac-rejected-any", "200", "212")
                .set("STATUS", 486)
                .start();
        ok(refused);

        events.publish(new DialogStateChanged(
                "other-call-212", "212", DialogStateChanged.State.TERMINATED, DialogStateChanged.Direction.RECIPIENT));
        Sipp.Run phone = phone("proxy/uas-answer", "212").start();
        Sipp.Run answered = dial("routing/uac-call-any", "200", "212").start();
        ok(answered, phone);
    }

    @Test
    void forwardingLoopsEndWithAClearRefusal() {
        settings("213", forwardAlways("extension:214"));
        settings("214", forwardAlways("extension:213"));

        Sipp.Run caller = dial("routing/uac-rejected-any", "200", "213")
                .set("STATUS", 480)
                .set("REASON_RE", "480 Too many forwards")
                .start();

        ok(caller);
    }

    @Test
    void simultaneousRingGroupRingsEveryoneWithThePrefixAndCancelsTheRest() {
        routing.createRingGroup(new RingGroupDraft(
                "650",
                "Sales",
                "SIMULTANEOUS",
                10,
                java.util.List.of(
                        new RingGroupDraft.MemberDraft("extension:215", null),
                        new RingGroupDraft.MemberDraft("extension:216", null)),
                null,
                "Sales: "));
        Sipp.Run loser = phone("proxy/uas-ring-cancelled", "215").start();
        Sipp.Run winner = phone("routing/uas-answer-from", "216")
                .set("FROM_RE", "\"Sales: ")
                .start();
        Sipp.Run caller = dial("routing/uac-call-any", "200", "650").start();

        ok(caller, winner, loser);
        expectEvents(
                "650",
                "started 200->650 INTERNAL",
                "routed ringgroup:650",
                "answered 216",
                "ended ANSWERED 200 CALLER");
    }

    @Test
    void sequentialRingGroupHuntsMemberByMember() {
        routing.createRingGroup(new RingGroupDraft(
                "651",
                "Support",
                "SEQUENTIAL",
                20,
                java.util.List.of(
                        new RingGroupDraft.MemberDraft("extension:217", 5),
                        new RingGroupDraft.MemberDraft("extension:218", 10)),
                null,
                null));
        Sipp.Run first = phone("proxy/uas-ring-cancelled", "217").start();
        Sipp.Run second = phone("proxy/uas-answer", "218").start();
        Sipp.Run caller = dial("routing/uac-call-any", "200", "651").start();

        ok(caller, first, second);
        expectEvents(
                "651",
                "started 200->651 INTERNAL",
                "routed ringgroup:651",
                "routed ringgroup:651",
                "answered 218",
                "ended ANSWERED 200 CALLER");
    }

    @Test
    void ringGroupFallsBackWhenNobodyAnswers() {
        routing.createRingGroup(new RingGroupDraft(
                "652",
                "Night",
                "SIMULTANEOUS",
                5,
                java.util.List.of(new RingGroupDraft.MemberDraft("extension:219", null)),
                "extension:220",
                null));
        Sipp.Run member = phone("proxy/uas-ring-cancelled", "219").start();
        Sipp.Run fallback = phone("proxy/uas-answer", "220").start();
        Sipp.Run caller = dial("routing/uac-call-any", "200", "652").start();

        ok(caller, member, fallback);
        expectEvents(
                "652",
                "started 200->652 INTERNAL",
                "routed ringgroup:652",
                "routed extension:220",
                "answered 220",
                "ended ANSWERED 200 CALLER");
    }

    @Test
    void ringGroupWithAnExternalMember() {
        routing.createRingGroup(new RingGroupDraft(
                "653",
                "On call",
                "SIMULTANEOUS",
                10,
                java.util.List.of(
                        new RingGroupDraft.MemberDraft("extension:221", null),
                        new RingGroupDraft.MemberDraft("external:01709998877", null)),
                null,
                null));
        Sipp.Run desk = phone("proxy/uas-ring-cancelled", "221").start();
        Sipp.Run mobile = outside("proxy/uas-answer", "01709998877").start();
        Sipp.Run caller = dial("routing/uac-call-any", "200", "653").start();

        ok(caller, desk, mobile);
        expectEvents(
                "653",
                "started 200->653 INTERNAL",
                "routed ringgroup:653",
                "answered 01709998877",
                "ended ANSWERED 200 CALLER");
    }

    @Test
    void doNotDisturbFeatureCodesSwitchItOnAndOffAndConfirmByHangingUp() {
        Sipp.Run on = dial("routing/uac-feature-code", "222", "*78")
                .set("REASON", "Do not disturb on")
                .start();
        ok(on);
        assertThat(routing.callSettings("222"))
                .hasValueSatisfying(s -> assertThat(s.dnd()).isTrue());
        // issue 17: in the audit log as a change by phone, made by the caller's extension
        awaitAuditEntry("222", "dialled *78: Do not disturb on");
        expectEvents(
                "*78", "started 222->*78 INTERNAL", "routed feature:*78", "answered *78", "ended ANSWERED 200 SYSTEM");
        Sipp.Run refused = dial("routing/uac-rejected-any", "200", "222")
                .set("STATUS", 486)
                .start();
        ok(refused);

        Sipp.Run off = dial("routing/uac-feature-code", "222", "*79")
                .set("REASON", "Do not disturb off")
                .start();
        ok(off);
        assertThat(routing.callSettings("222"))
                .hasValueSatisfying(s -> assertThat(s.dnd()).isFalse());
    }

    @Test
    void forwardFeatureCodesSetAndClearTheUnconditionalForward() {
        Sipp.Run on = dial("routing/uac-feature-code", "223", "*72224")
                .set("REASON", "Calls forwarded to 224")
                .start();
        ok(on);
        assertThat(routing.callSettings("223"))
                .hasValueSatisfying(s -> assertThat(s.forwardAlways()).hasToString("extension:224"));
        Sipp.Run target = phone("proxy/uas-answer", "224").start();
        Sipp.Run forwarded = dial("routing/uac-call-any", "200", "223").start();
        ok(forwarded, target);

        Sipp.Run incomplete = dial("routing/uac-rejected-any", "223", "*72")
                .set("STATUS", 484)
                .start();
        Sipp.Run off = dial("routing/uac-feature-code", "223", "*73")
                .set("REASON", "Call forwarding off")
                .start();
        ok(incomplete, off);
        assertThat(routing.callSettings("223"))
                .hasValueSatisfying(s -> assertThat(s.forwardAlways()).isNull());
    }

    @Test
    void refusedExternalNumbersAreRefusedWithTheRoutesReason() {
        Sipp.Run caller = dial("routing/uac-rejected-any", "225", "0044201234")
                .set("STATUS", 403)
                .set("REASON_RE", "403 International calls are not allowed")
                .start();

        ok(caller);
        expectEvents("0044201234", "started 225->0044201234 OUTBOUND", "ended FAILED 403 SYSTEM");
    }

    @Test
    void withBusyWhenAllTheCallIsBusyOnlyWhenEveryPhoneIsBusy() {
        settings("240", new CallSettingsDraft(false, null, "extension:225", null, null, null, null, "ALL", null));
        Sipp.Run first = phone("proxy/uas-busy", "240").start();
        Sipp.Run second = phone("proxy/uas-busy", "240").start();
        Sipp.Run fallback = phone("proxy/uas-answer", "225").start();
        Sipp.Run caller = dial("routing/uac-call-any", "200", "240").start();

        ok(caller, first, second, fallback);
        expectEvents(
                "240",
                "started 200->240 INTERNAL",
                "routed extension:240",
                "routed extension:225 from 240",
                "answered 225",
                "ended ANSWERED 200 CALLER");
    }

    @Test
    void intercomAsksThePhoneToAnswerAtOnceAndCallersCannot() {
        Sipp.Run phone =
                phone("routing/uas-answer-auto", "226").set("CHECK", "check_it").start();
        Sipp.Run caller = dial("routing/uac-call-any", "227", "*80226").start();
        ok(caller, phone);
        expectEvents(
                "*80226",
                "started 227->*80226 INTERNAL",
                "routed extension:226",
                "answered 226",
                "ended ANSWERED 200 CALLER");

        // a caller's own auto-answer headers never reach the phone
        Sipp.Run plain = phone("routing/uas-answer-auto", "228")
                .set("CHECK", "check_it_inverse")
                .start();
        Sipp.Run sneaky = dial("routing/uac-call-auto-answer", "227", "228").start();
        ok(sneaky, plain);
    }

    @Test
    void intercomToABusyOrUnregisteredExtensionIsRefused() {
        settings("229", new CallSettingsDraft(true, null, null, null, null, null, null, null, null));
        Sipp.Run busy = dial("routing/uac-rejected-any", "227", "*80229")
                .set("STATUS", 486)
                .start();
        Sipp.Run away = dial("routing/uac-rejected-any", "227", "*80230")
                .set("STATUS", 480)
                .start();
        ok(busy, away);
    }

    @org.springframework.beans.factory.annotation.Autowired
    org.tandem.pbx.audit.AuditLog audit;

    /** Audit entries are written just after the change, on the audit IO thread. */
    private void awaitAuditEntry(String who, String action) {
        org.awaitility.Awaitility.await("audit entry '" + action + "' by " + who + " by phone")
                .atMost(java.time.Duration.ofSeconds(10))
                .pollInterval(java.time.Duration.ofMillis(50))
                .until(() -> audit.find(null, null, who, 50).stream()
                        .anyMatch(e -> e.action().equals(action)
                                && e.who().equals(who)
                                && e.channel() == org.tandem.pbx.audit.AuditChannel.PHONE
                                && who.equals(e.target())));
    }
}
