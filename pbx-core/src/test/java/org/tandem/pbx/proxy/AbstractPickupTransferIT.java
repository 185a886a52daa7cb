package org.tandem.pbx.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.tandem.pbx.call.CallStarted;
import org.tandem.pbx.routing.CallSettingsDraft;
import org.tandem.pbx.testsupport.RawPhone;
import org.tandem.pbx.testsupport.SipText;

/**
 * Call pickup (directed and group, RFC 3891 early-only Replaces) and transfers through the proxy
 * (blind REFER, RFC 3515; attended with Replaces, RFC 3891), each linked to the call it continues.
 */
abstract class AbstractPickupTransferIT extends RoutingCallSupport {

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
                    .isEqualTo(original.callId + ";to-tag=" + ringingTag + ";from-tag=" + original.localTag
                            + ";early-only");
            assertThat(replacing.headers("Require"))
                    .anySatisfy(r -> assertThat(r).contains("replaces"));
            caller.respond(replacing, 200, "OK");
            caller.request("ACK");
            caller.cancel(original);
            caller.ackFailure(original, caller.response(original, 487));
            caller.respond(caller.request("BYE"), 200, "OK");
            ok(picker, ringing);
        }
        expectEvents(
                ringingExt,
                "started " + callerExt + "->" + ringingExt + " INTERNAL",
                "routed extension:" + ringingExt,
                "ended CANCELLED 487 CALLER");
        String pickedCallId = calls.callIdsDialling(ringingExt).get(0);
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(calls.summary(code))
                        .containsExactly(
                                "started " + pickerExt + "->" + code + " INTERNAL",
                                "routed " + (code.startsWith("**") ? "pickup:" + ringingExt : "pickup:group:front"),
                                "answered " + callerExt,
                                "ended ANSWERED 200 CALLER"));
        assertThat(calls.of(calls.callIdsDialling(code).get(0)).get(0))
                .isInstanceOfSatisfying(
                        CallStarted.class, s -> assertThat(s.linkedCallId()).isEqualTo(pickedCallId));
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
        Sipp.Run picker = dial("routing/uac-rejected-any", "228", "**201")
                .set("STATUS", 480)
                .set("REASON_RE", "No call to pick up")
                .start();
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
            long refer = b.send(
                    ba,
                    "REFER",
                    "Refer-To: <sip:" + targetNumber + "@" + DOMAIN + ">",
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
            await().atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(calls.summary(targetNumber))
                            .containsExactly(
                                    "started " + aExt + "->" + targetNumber + (outside ? " OUTBOUND" : " INTERNAL"),
                                    "routed " + (outside ? "external:" : "extension:") + targetNumber,
                                    "answered " + targetNumber,
                                    "ended ANSWERED 200 CALLER"));
            assertThat(calls.of(calls.callIdsDialling(targetNumber).get(0)).get(0))
                    .isInstanceOfSatisfying(
                            CallStarted.class, s -> assertThat(s.linkedCallId()).isEqualTo(original));
        }
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
            long refer = a.send(
                    ab,
                    "REFER",
                    "Refer-To: <sip:237@" + DOMAIN + "?Replaces="
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
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> calls.callIdsDialling("237").size() == 2);
            assertThat(calls.of(calls.callIdsDialling("237").get(1)).get(0))
                    .isInstanceOfSatisfying(
                            CallStarted.class, s -> assertThat(s.linkedCallId()).isEqualTo(consultation));
        } finally {
            settings("237", new CallSettingsDraft(false, null, null, null, null, null, null, null, null));
        }
    }
}
