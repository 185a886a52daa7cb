package org.tandem.pbx.sip;

import static org.assertj.core.api.Assertions.assertThat;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import java.nio.charset.StandardCharsets;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.message.Response;
import org.junit.jupiter.api.Test;

/** The checks every request passes before a feature sees it (RFC 3261 §7.3.1, §8.2.2, §16.6; RFC 4475). */
class RequestSanityTest {

    private static final String OPTIONS = "OPTIONS sip:127.0.0.1 SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-1\r\n"
            + "Max-Forwards: 70\r\n"
            + "From: <sip:a@127.0.0.1>;tag=1\r\n"
            + "To: <sip:127.0.0.1>\r\n"
            + "Call-ID: sanity@x\r\n"
            + "CSeq: 1 OPTIONS\r\n"
            + "Content-Length: 0\r\n\r\n";

    private static SIPRequest parse(String text) throws Exception {
        SIPMessage m = new DefectFlaggingParserFactory()
                .createMessageParser(null)
                .parseSIPMessage(text.getBytes(StandardCharsets.ISO_8859_1), true, false, null);
        return (SIPRequest) m;
    }

    @Test
    void aPlainRequestPasses() throws Exception {
        assertThat(RequestSanity.check(parse(OPTIONS))).isNull();
    }

    @Test
    void anotherSipVersionGets505() throws Exception {
        RequestSanity.Refusal r =
                RequestSanity.check(parse(OPTIONS.replace("sip:127.0.0.1 SIP/2.0", "sip:127.0.0.1 SIP/7.0")));
        assertThat(r).isNotNull();
        assertThat(r.status()).isEqualTo(Response.VERSION_NOT_SUPPORTED);
    }

    @Test
    void aSecondCallIdInCompactFormGets400() throws Exception {
        RequestSanity.Refusal r = RequestSanity.check(parse(OPTIONS.replace("CSeq: 1", "i: other@x\r\nCSeq: 1")));
        assertThat(r).isNotNull();
        assertThat(r.status()).isEqualTo(Response.BAD_REQUEST);
        assertThat(r.reason()).contains("Call-ID");
    }

    @Test
    void twoContentLengthsGet400() throws Exception {
        RequestSanity.Refusal r = RequestSanity.check(
                parse(OPTIONS.replace("Content-Length: 0\r\n", "Content-Length: 0\r\nContent-Length   : 0\r\n")));
        assertThat(r).isNotNull();
        assertThat(r.reason()).contains("Content-Length");
    }

    @Test
    void theRawScanMatchesNamesInAnyCaseLongOrCompactWithBlanksBeforeTheColon() {
        assertThat(scan(OPTIONS)).isNull();
        assertThat(scan(OPTIONS.replace("CSeq: 1 OPTIONS\r\n", "CSeq: 1 OPTIONS\r\ncseq \t: 2 OPTIONS\r\n")))
                .isEqualTo("CSeq");
        assertThat(scan(OPTIONS.replace("To: <sip:127.0.0.1>\r\n", "To: <sip:127.0.0.1>\r\nT: <sip:x@127.0.0.1>\r\n")))
                .isEqualTo("To");
        assertThat(scan(OPTIONS + "MAX-FORWARDS: 3\r\n"))
                .as("after the blank line: the body")
                .isNull();
        assertThat(scan(OPTIONS.replace("\r\n\r\n", "\r\nMAX-FORWARDS: 3\r\n\r\n")))
                .isEqualTo("Max-Forwards");
        assertThat(scan(OPTIONS.replace("\r\n\r\n", "\r\nTo-Do: x\r\nFromage: y\r\nT-: z\r\n\r\n")))
                .as("names that only begin like a single-instance one")
                .isNull();
        assertThat(scan(OPTIONS.replace("\r\n\r\n", "\r\nl: 0\r\n\r\n"))).isEqualTo("Content-Length");
    }

    private static String scan(String message) {
        return DefectFlaggingParserFactory.duplicateSingleHeader(message.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void aFoldedLineIsNotASecondHeader() {
        byte[] folded = OPTIONS.replace("To: <sip:127.0.0.1>\r\n", "To:\r\n <sip:127.0.0.1>\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        assertThat(DefectFlaggingParserFactory.duplicateSingleHeader(folded)).isNull();
    }

    @Test
    void aCseqMethodOtherThanTheRequestsGets400() throws Exception {
        RequestSanity.Refusal r = RequestSanity.check(parse(OPTIONS.replace("CSeq: 1 OPTIONS", "CSeq: 1 INVITE")));
        assertThat(r).isNotNull();
        assertThat(r.status()).isEqualTo(Response.BAD_REQUEST);
    }

    @Test
    void aMissingMaxForwardsIsAddedAs70() throws Exception {
        SIPRequest request = parse(OPTIONS.replace("Max-Forwards: 70\r\n", ""));
        assertThat(RequestSanity.check(request)).isNull();
        assertThat(((MaxForwardsHeader) request.getHeader(MaxForwardsHeader.NAME)).getMaxForwards())
                .isEqualTo(70);
    }
}
