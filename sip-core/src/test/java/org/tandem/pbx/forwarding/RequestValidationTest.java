package org.tandem.pbx.forwarding;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sip.message.Request;
import org.junit.jupiter.api.Test;

/** RFC 3261 §16.3 request validation. */
class RequestValidationTest {

    static Request request(String requestUri, String extraHeader) throws Exception {
        return BestResponseTest.MESSAGES.createRequest("OPTIONS " + requestUri + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK-1\r\n"
                + "From: <sip:100@tandem.test>;tag=a\r\nTo: <sip:101@tandem.test>\r\n"
                + "Call-ID: c1\r\nCSeq: 1 OPTIONS\r\n" + extraHeader + "Content-Length: 0\r\n\r\n");
    }

    @Test
    void aReasonableRequestPasses() throws Exception {
        assertThat(RequestValidation.check(request("sip:101@tandem.test", "Max-Forwards: 70\r\n")))
                .isNull();
    }

    @Test
    void maxForwardsZeroIs483() throws Exception {
        assertThat(RequestValidation.check(request("sip:101@tandem.test", "Max-Forwards: 0\r\n"))
                        .status())
                .isEqualTo(483);
    }

    @Test
    void unknownProxyRequireIs420ListingTheOptions() throws Exception {
        var r = RequestValidation.check(request("sip:101@tandem.test", "Proxy-Require: foo, bar\r\n"));
        assertThat(r.status()).isEqualTo(420);
        assertThat(r.unsupported()).containsExactly("foo", "bar");
    }

    @Test
    void foreignSchemesAre416AndHeadersInTheRequestUriAre400() throws Exception {
        assertThat(RequestValidation.check(request("tel:+15551234", "")).status())
                .isEqualTo(416);
        assertThat(RequestValidation.check(request("sip:101@tandem.test?Route=%3Csip:evil%3E", ""))
                        .status())
                .isEqualTo(400);
    }
}
