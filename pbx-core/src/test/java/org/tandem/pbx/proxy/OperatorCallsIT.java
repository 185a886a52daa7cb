package org.tandem.pbx.proxy;

import static org.assertj.core.api.Assertions.assertThat;

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
        pbx = PbxTestContext.start(data, Map.of("tandem.auth.algorithms", "MD5", "tandem.sip.keepalive-interval", "1h"));
        UserDirectory users = pbx.bean(UserDirectory.class);
        for (String ext : new String[] {"651", "652", "653"}) {
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
            assertThat(deflect(first.callId, "652", "653")).as("an answered call is no longer ringing").isEqualTo(404);
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

    @Test
    void aCallThatDoesNotRingIsNotFound() throws Exception {
        assertThat(deflect("no-such-call@127.0.0.1", "652", "653")).isEqualTo(404);
    }
}
