package org.tandem.pbx.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.directory.UserDraft;
import org.tandem.pbx.testsupport.PbxTestContext;
import org.tandem.pbx.testsupport.RawPhone;
import org.tandem.pbx.testsupport.SipText;

/**
 * The operator's hand on a ringing call (issue 15), with raw SIP phones: {@link CallControl#deflect} cancels the phone
 * that rings and sends the caller's same INVITE on to another extension (RFC 3261 §16.7 step 4), which answers the
 * caller; a target the dial plan does not know changes nothing (the phone rings on and can still answer); a call
 * that does not ring is 404.
 */
class OperatorCallsIT {

    @TempDir
    static Path data;

    static PbxTestContext pbx;
    static final String DOMAIN = PbxTestContext.DOMAIN;

    @BeforeAll
    static void start() {
        pbx = PbxTestContext.start(
                data,
                Map.of(
                        "tandem.auth.algorithms",
                        "MD5",
                        "tandem.sip.keepalive-interval",
                        "1h",
                        "tandem.media.relay",
                        "always"));
        UserDirectory users = pbx.bean(UserDirectory.class);
        for (String ext : new String[] {"651", "652", "653", "654", "655"}) {
            users.create(new UserDraft(ext, "User " + ext, "secret" + ext, null));
        }
    }

    @AfterAll
    static void stop() {
        if (pbx != null) pbx.close();
    }

    private static int deflect(String callId, String line, String target) throws Exception {
        return pbx.bean(CallControl.class).deflect(callId, line, target).get(5, TimeUnit.SECONDS);
    }

    @Test
    void aRingingCallGoesToTheOperatorsTargetAndAnUnknownTargetChangesNothing() throws Exception {
        try (RawPhone caller = new RawPhone(pbx.sipPort(), DOMAIN, "651", "secret651");
                RawPhone ringing = new RawPhone(pbx.sipPort(), DOMAIN, "652", "secret652");
                RawPhone operator = new RawPhone(pbx.sipPort(), DOMAIN, "653", "secret653")) {
            ringing.register();
            operator.register();

            // an unknown target: refused, the phone rings on and answers
            RawPhone.Leg first = caller.invite("652");
            SipText invite = ringing.request("INVITE");
            ringing.respond(invite, 180, "Ringing");
            caller.response(first, 180);
            assertThat(deflect(first.callId, "652", "6999")).isEqualTo(404);
            ringing.respond(invite, 200, "OK");
            caller.answered(first);
            ringing.request("ACK");
            assertThat(deflect(first.callId, "652", "653"))
                    .as("an answered call is no longer ringing")
                    .isEqualTo(404);
            caller.send(first, "BYE");
            ringing.respond(ringing.request("BYE"), 200, "OK");

            // the operator's target: what rang is cancelled, the caller's INVITE rings there and is answered there
            RawPhone.Leg second = caller.invite("652");
            SipText again = ringing.request("INVITE");
            ringing.respond(again, 180, "Ringing");
            caller.response(second, 180);
            assertThat(deflect(second.callId, "652", "653")).isEqualTo(200);
            SipText cancel = ringing.request("CANCEL");
            assertThat(cancel.header("Call-ID")).isEqualTo(second.callId);
            ringing.respond(cancel, 200, "OK");
            ringing.respond(again, 487, "Request Terminated");
            SipText atOperator = operator.request("INVITE");
            assertThat(atOperator.header("Call-ID")).isEqualTo(second.callId);
            assertThat(atOperator.header("From")).contains("sip:651@");
            operator.respond(atOperator, 200, "OK");
            caller.answered(second);
            operator.request("ACK");
            caller.send(second, "BYE");
            operator.respond(operator.request("BYE"), 200, "OK");
        }
    }

    /**
     * An answered call to someone's voicemail: the caller is REFERred (RFC 3515) to the leave-a-message code and the
     * box (*99 by default), and dialling that reaches the box without ringing its phones.
     */
    @Test
    void anAnsweredCallGoesToAVoicemailBoxThroughTheLeaveAMessageCode() throws Exception {
        try (RawPhone caller = new RawPhone(pbx.sipPort(), DOMAIN, "654", "secret654");
                RawPhone callee = new RawPhone(pbx.sipPort(), DOMAIN, "655", "secret655");
                RawPhone boxOwner = new RawPhone(pbx.sipPort(), DOMAIN, "653", "secret653")) {
            callee.register();
            boxOwner.register();
            RawPhone.Leg call = caller.invite("655");
            SipText invite = callee.request("INVITE");
            callee.respond(invite, 200, "OK");
            caller.answered(call);
            callee.request("ACK");

            var transfer = pbx.bean(CallControl.class).transfer(call.callId, true, "voicemail:653");
            SipText refer = caller.request("REFER");
            assertThat(refer.header("Refer-To")).contains("sip:*99653@");
            caller.respond(refer, 202, "Accepted");
            assertThat(transfer.get(5, TimeUnit.SECONDS)).isEqualTo(202);

            RawPhone.Leg toBox = caller.invite("*99653");
            caller.answered(toBox);
            assertThatThrownBy(() -> boxOwner.request("INVITE", Duration.ofMillis(500)))
                    .as("the box owner's phone does not ring");
            // the old call ends once the transferee has had its moment to call (RFC 5589 §6)
            callee.respond(callee.request("BYE"), 200, "OK");
            caller.respond(caller.request("BYE"), 200, "OK");
            caller.send(toBox, "BYE");
        }
    }

    @Test
    void aCallThatDoesNotRingIsNotFound() throws Exception {
        assertThat(deflect("no-such-call@127.0.0.1", "652", "653")).isEqualTo(404);
    }
}
