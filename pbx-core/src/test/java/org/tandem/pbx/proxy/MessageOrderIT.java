package org.tandem.pbx.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
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
 * Messages of one call keep their order through the proxy over UDP (issue 23, "Correctness under timing"): a callee
 * that sends 180 Ringing and 200 OK back to back must have its caller see the 180 first, and a caller that sends the
 * ACK and the BYE back to back must have its callee see the ACK first. Two datagrams of one Call-ID parsed by two of
 * jain-sip's UDP threads reached the Call-ID's stripe swapped now and then: the 180 came after the 200 and was dropped,
 * or the BYE overtook the ACK (RoutingIT's SIPp callee aborted on "an unexpected BYE"). Bounded: a thousand calls, about 20 s.
 */
class MessageOrderIT {

    private static final int CALLS = 1000;

    @TempDir
    static Path data;

    static PbxTestContext pbx;

    @BeforeAll
    static void start() {
        pbx = PbxTestContext.start(data, Map.of("tandem.media.relay", "never"));
        UserDirectory users = pbx.bean(UserDirectory.class);
        users.create(new UserDraft("671", "Caller in a hurry", "secret671", null));
        users.create(new UserDraft("672", "Callee in a hurry", "secret672", null));
    }

    @AfterAll
    static void stop() {
        if (pbx != null) pbx.close();
    }

    @Test
    void ringingBeforeOkAndAckBeforeByeEveryTime() {
        try (RawPhone a = new RawPhone(pbx.sipPort(), PbxTestContext.DOMAIN, "671", "secret671");
                RawPhone b = new RawPhone(pbx.sipPort(), PbxTestContext.DOMAIN, "672", "secret672")) {
            b.register();
            for (int call = 1; call <= CALLS; call++) {
                RawPhone.Leg ab = a.invite("672");
                SipText invite = b.request("INVITE");
                String tag = "order" + call;
                b.respond(invite, 180, "Ringing", tag);
                RawPhone.Leg ba = b.respond(invite, 200, "OK", tag);

                SipText first = a.nextInviteResponse(ab, 180);
                assertThat(first.status())
                        .as("call %d: the callee's 180 comes before its 200", call)
                        .isEqualTo(180);
                a.answered(ab); // the 200, ACKed along the route set
                long bye = a.send(ab, "BYE"); // right behind the ACK

                SipText atCallee = b.nextRequest(ba.callId, "ACK", "BYE");
                assertThat(atCallee.startLine())
                        .as("call %d: the ACK comes before the BYE", call)
                        .startsWith("ACK ");
                b.respond(b.nextRequest(ba.callId, "BYE"), 200, "OK");
                assertThat(a.finalResponse(ab, "BYE", bye).status()).isEqualTo(200);
            }
        }
    }
}
