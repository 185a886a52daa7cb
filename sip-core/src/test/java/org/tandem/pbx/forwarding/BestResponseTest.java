package org.tandem.pbx.forwarding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import javax.sip.SipFactory;
import javax.sip.header.ProxyAuthenticateHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.Test;

class BestResponseTest {

    static final MessageFactory MESSAGES;

    static {
        try {
            SipFactory f = SipFactory.getInstance();
            f.setPathName("gov.nist");
            MESSAGES = f.createMessageFactory();
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    static Request invite() throws Exception {
        return MESSAGES.createRequest("""
                INVITE sip:101@tandem.test SIP/2.0\r
                Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK-1\r
                From: <sip:100@tandem.test>;tag=a\r
                To: <sip:101@tandem.test>\r
                Call-ID: c1\r
                CSeq: 1 INVITE\r
                Max-Forwards: 70\r
                Content-Length: 0\r
                \r
                """);
    }

    static Response response(int status) throws Exception {
        return MESSAGES.createResponse(status, invite());
    }

    @Test
    void anySixHundredWins() throws Exception {
        Response decline = response(603);
        assertThat(BestResponse.choose(List.of(response(486), decline, response(404))))
                .isSameAs(decline);
    }

    @Test
    void lowestClassWinsAndChallengesComeFirstWithinIt() throws Exception {
        Response challenge = response(407);
        assertThat(BestResponse.choose(List.of(response(503), response(486), challenge, response(302))))
                .extracting(Response::getStatusCode)
                .isEqualTo(302);
        assertThat(BestResponse.choose(List.of(response(486), challenge, response(404))))
                .isSameAs(challenge);
    }

    @Test
    void whatAUserAgentSaidBeatsTimeoutsAndTransportFailures() throws Exception {
        Response busy = response(486);
        assertThat(BestResponse.choose(List.of(response(408), busy, response(503))))
                .isSameAs(busy);
        assertThat(BestResponse.choose(List.of())).isNull();
    }

    @Test
    void challengesOfEveryBranchAreAggregated() throws Exception {
        Response a = response(407);
        a.addHeader(challenge("realm-a"));
        Response b = response(407);
        b.addHeader(challenge("realm-b"));
        BestResponse.aggregateChallenges(a, List.of(a, b));
        assertThat(a.getHeaders(ProxyAuthenticateHeader.NAME)).toIterable().hasSize(2);
    }

    private static ProxyAuthenticateHeader challenge(String realm) throws Exception {
        var h = SipFactory.getInstance().createHeaderFactory().createProxyAuthenticateHeader("Digest");
        h.setRealm(realm);
        h.setNonce("n");
        return h;
    }
}
