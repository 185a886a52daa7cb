package org.tandem.pbx.clicktocall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandem.pbx.clicktocall.ClickToCallStatus.State;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.directory.UserDraft;
import org.tandem.pbx.testsupport.PbxTestContext;
import org.tandem.pbx.testsupport.RawPhone;
import org.tandem.pbx.testsupport.SipText;
import org.tandem.pbx.validation.InvalidInputException;

/**
 * Click-to-call with raw SIP phones: Tandem rings the user's phone with an inactive offer, the user answers, Tandem
 * REFERs the phone to the target; the phone calls the target itself (its own authenticated call) and reports it by
 * NOTIFY (message/sipfrag), and Tandem hangs up its own leg. And what goes wrong: the user does not answer (CANCEL
 * after the ring timeout is not waited for here: the phone declines), the target is busy, bad input.
 */
class ClickToCallIT {

    @TempDir
    static Path data;

    static PbxTestContext pbx;
    static final String DOMAIN = PbxTestContext.DOMAIN;

    @BeforeAll
    static void start() {
        pbx = PbxTestContext.start(
                data, Map.of("tandem.auth.algorithms", "MD5,SHA-256", "tandem.sip.keepalive-interval", "1h"));
        UserDirectory users = pbx.bean(UserDirectory.class);
        for (String ext : new String[] {"601", "602", "603", "604"}) {
            users.create(new UserDraft(ext, "User " + ext, "secret" + ext, null));
        }
    }

    @AfterAll
    static void stop() {
        if (pbx != null) pbx.close();
    }

    private static ClickToCall clickToCall() {
        return pbx.bean(ClickToCall.class);
    }

    @Test
    void theUsersPhoneRingsThenCallsTheTargetItselfAndTandemLeaves() {
        try (RawPhone desk = new RawPhone(pbx.sipPort(), DOMAIN, "601", "secret601");
                RawPhone target = new RawPhone(pbx.sipPort(), DOMAIN, "602", "secret602")) {
            desk.register();
            target.register();
            ClickToCallStatus started = clickToCall().start("601", "602");
            assertThat(started.state()).isEqualTo(State.RINGING);

            SipText ring = desk.request("INVITE");
            assertThat(ring.header("From"))
                    .as("the phone shows whom it will call")
                    .contains("\"Call 602\"");
            assertThat(ring.header("Call-ID")).isEqualTo(started.id());
            assertThat(ring.body()).contains("a=inactive");
            desk.respond(ring, 180, "Ringing");
            RawPhone.Leg tandemLeg = desk.respond(ring, 200, "OK");
            desk.request("ACK");

            SipText refer = desk.request("REFER");
            assertThat(refer.header("Refer-To")).contains("sip:602@").contains(":" + pbx.sipPort());
            assertThat(refer.header("Referred-By")).contains("sip:601@" + DOMAIN);
            desk.respond(refer, 202, "Accepted");
            await().atMost(Duration.ofSeconds(5))
                    .until(() ->
                            clickToCall().status(started.id()).orElseThrow().state() == State.TRANSFERRING);

            // the phone's own call, authenticated as 601
            RawPhone.Leg call = desk.invite("602");
            SipText atTarget = target.request("INVITE");
            assertThat(atTarget.header("From")).contains("sip:601@");
            target.respond(atTarget, 200, "OK");
            desk.answered(call);
            target.request("ACK");

            long notify = desk.sendWithBody(
                    tandemLeg,
                    "NOTIFY",
                    "message/sipfrag",
                    "SIP/2.0 200 OK\r\n",
                    "Event: refer",
                    "Subscription-State: terminated;reason=noresource");
            assertThat(desk.finalResponse(tandemLeg, "NOTIFY", notify).status()).isEqualTo(200);
            assertThat(clickToCall().status(started.id()).orElseThrow().state()).isEqualTo(State.CONNECTED);
            SipText bye = desk.request("BYE");
            assertThat(bye.header("Call-ID"))
                    .as("Tandem leaves: its own leg ends")
                    .isEqualTo(started.id());
            desk.respond(bye, 200, "OK");

            long hangUp = desk.send(call, "BYE");
            target.respond(target.request("BYE"), 200, "OK");
            assertThat(desk.finalResponse(call, "BYE", hangUp).status()).isEqualTo(200);
        }
    }

    @Test
    void aDeclinedRingAndABusyTargetAreReportedAndBadInputIsRefusedByField() {
        try (RawPhone desk = new RawPhone(pbx.sipPort(), DOMAIN, "603", "secret603")) {
            desk.register();
            ClickToCallStatus declined = clickToCall().start("603", "604");
            SipText ring = desk.request("INVITE");
            desk.respond(ring, 603, "Decline");
            desk.request("ACK");
            await().atMost(Duration.ofSeconds(5))
                    .until(() ->
                            clickToCall().status(declined.id()).orElseThrow().state() == State.FAILED);
            assertThat(clickToCall().status(declined.id()).orElseThrow().detail())
                    .isEqualTo("the phone declined");

            ClickToCallStatus busy = clickToCall().start("603", "604");
            RawPhone.Leg tandemLeg = desk.respond(desk.request("INVITE"), 200, "OK");
            desk.request("ACK");
            desk.respond(desk.request("REFER"), 202, "Accepted");
            long notify = desk.sendWithBody(
                    tandemLeg,
                    "NOTIFY",
                    "message/sipfrag",
                    "SIP/2.0 486 Busy Here\r\n",
                    "Event: refer",
                    "Subscription-State: terminated;reason=noresource");
            assertThat(desk.finalResponse(tandemLeg, "NOTIFY", notify).status()).isEqualTo(200);
            assertThat(clickToCall().status(busy.id()).orElseThrow().detail()).isEqualTo("604 is busy");
            desk.respond(desk.request("BYE"), 200, "OK");
        }
        assertThatThrownBy(() -> clickToCall().start("604", "601")).isInstanceOf(NoPhoneRegisteredException.class);
        assertThatThrownBy(() -> clickToCall().start("699", "601"))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e ->
                        assertThat(((InvalidInputException) e).fieldErrors()).containsKey("from"));
        assertThatThrownBy(() -> clickToCall().start("603", "60<1>"))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e ->
                        assertThat(((InvalidInputException) e).fieldErrors()).containsKey("to"));
        assertThatThrownBy(() -> clickToCall().start("603", "603")).isInstanceOf(InvalidInputException.class);
    }
}
