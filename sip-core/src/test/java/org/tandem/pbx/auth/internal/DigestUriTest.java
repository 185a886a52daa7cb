package org.tandem.pbx.auth.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import javax.sip.message.Response;
import org.junit.jupiter.api.Test;
import org.tandem.pbx.auth.AuthOutcome;
import org.tandem.pbx.auth.DigestCredentials;
import org.tandem.pbx.auth.DigestDecision;
import org.tandem.pbx.testsupport.DigestAnswer;
import org.tandem.pbx.testsupport.SipText;

/**
 * The digest-uri must name the Request-URI (RFC 7616 §3.4.6, {@link DigestUri}): through the authenticator, for the
 * stack's requests and for a REGISTER read from its datagram.
 */
class DigestUriTest extends DigestAuthenticatorFixture {

    /**
     * Issue 22 (Low): the digest-uri must name the Request-URI (RFC 7616 §3.4.6). A valid answer computed for
     * INVITE sip:102@... replayed on an INVITE for another destination gets 400, and is no failure of the password.
     */
    @Test
    void credentialsForAnotherRequestUriAreRefusedWith400() {
        String right = "sip:102@tandem.test";
        SipText c = new SipText(
                rejected(auth.authenticateProxied(inbound(invite(right, null)))).toString());
        String credentials = inviteAnswer(c, right, 1);

        Response r = rejected(auth.authenticateProxied(inbound(invite("sip:0090012345@tandem.test", credentials))));
        assertThat(r.getStatusCode()).isEqualTo(400);
        assertThat(r.getReasonPhrase()).contains("Request-URI");
        assertThat(bans.current()).isEmpty();

        // the same answer on the request it was made for still authenticates (its nonce count was not used up)
        assertThat(auth.authenticateProxied(inbound(invite(right, credentials))))
                .isEqualTo(new AuthOutcome.Authenticated("101"));
        // a default port and URI parameters written differently are the same resource, and so are two names of
        // this appliance (SIPp writes the registrar's address in the digest-uri of a REGISTER to the domain)
        String other = inviteAnswer(c, "sip:102@TANDEM.test:5060", 2);
        assertThat(auth.authenticateProxied(inbound(invite(right + ";user=phone", other))))
                .isEqualTo(new AuthOutcome.Authenticated("101"));
        String byAddress = inviteAnswer(c, "sip:102@192.0.2.1:5060", 3);
        assertThat(auth.authenticateProxied(inbound(invite(right, byAddress))))
                .isEqualTo(new AuthOutcome.Authenticated("101"));
        String serverOnly = inviteAnswer(c, "sip:192.0.2.1:5060", 5);
        assertThat(auth.authenticateProxied(inbound(invite(right, serverOnly))))
                .as("SIPp's digest-uri: the appliance itself")
                .isEqualTo(new AuthOutcome.Authenticated("101"));
        // but not the same user at another host
        String elsewhere = inviteAnswer(c, "sip:102@provider.example", 4);
        assertThat(rejected(auth.authenticateProxied(inbound(invite(right, elsewhere))))
                        .getStatusCode())
                .isEqualTo(400);
    }

    /** 101's MD5 answer to the 407 {@code c} for an INVITE, computed for {@code digestUri}. */
    static String inviteAnswer(SipText c, String digestUri, int nc) {
        return DigestAnswer.authorization(
                DigestAnswer.challenge(c, "Proxy-Authenticate", "MD5"),
                "MD5",
                "101",
                "s3cret-101",
                "INVITE",
                digestUri,
                nc,
                "cn");
    }

    /**
     * A REGISTER read from its datagram (decideRegister): a digest-uri written as the Request-URI, or as a SIP URI
     * without user naming this appliance, is told from its text; any other is parsed and compared, and a server-only
     * URI naming another host or another port of this one is still another resource.
     */
    @Test
    void registerDigestUriToldFromItsTextAsTheParseWouldTell() {
        SipText c = new SipText(rejected(auth.authenticateRegister(inbound(register("101", null))))
                .toString());
        Map<String, Boolean> cases = new java.util.LinkedHashMap<>();
        cases.put("sip:tandem.test", true); // as the Request-URI is written
        cases.put("sip:192.0.2.1:5060", true); // SIPp's: the registrar's address and port
        cases.put("sip:192.0.2.1", true); // its address, the default port (ours)
        cases.put("sip:192.0.2.1:5060;transport=udp", true);
        cases.put("SIP:TANDEM.test", true); // parsed: scheme and host compared without case
        cases.put("sip:192.0.2.99:5060", false); // another host
        cases.put("sip:192.0.2.1:5070", false); // a port that is not ours
        cases.put("sip:101@provider.example", false); // a user at another host
        int nc = 1;
        for (Map.Entry<String, Boolean> e : cases.entrySet()) {
            DigestCredentials credentials = DigestCredentials.fromHeader(DigestAnswer.authorization(
                    DigestAnswer.challenge(c, "WWW-Authenticate", "MD5"),
                    "MD5",
                    "101",
                    "s3cret-101",
                    "REGISTER",
                    e.getKey(),
                    nc++,
                    "cr"));
            DigestDecision decision =
                    auth.decideRegister(credentials, "sip:tandem.test", "101", "192.0.2.7", 5060, null);
            assertThat(decision)
                    .as(e.getKey())
                    .isEqualTo(
                            e.getValue()
                                    ? new DigestDecision.Authenticated("101")
                                    : new DigestDecision.OtherResource());
        }
        assertThat(bans.current()).isEmpty();
    }
}
