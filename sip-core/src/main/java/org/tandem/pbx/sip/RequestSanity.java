package org.tandem.pbx.sip;

import gov.nist.javax.sip.header.MaxForwards;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPRequest;
import java.util.ListIterator;
import javax.sip.InvalidArgumentException;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * Checks every request gets before any feature sees it, in the spirit of Kamailio's sanity module.
 * Answers are stateless: a broken request must not create transaction state.
 */
final class RequestSanity {

    /** Why a request is refused, and with which status. */
    record Refusal(int status, String reason) {}

    private RequestSanity() {}

    /**
     * @return null when the request may be served (possibly after normalising it), else the refusal
     */
    static Refusal check(Request request) {
        if (request instanceof SIPRequest sip) {
            // RFC 3261 §8.2.2 / §21.5.7, RFC 4475 §3.1.2.16 (badvers): only SIP/2.0 is spoken here
            String version =
                    sip.getRequestLine() == null ? null : sip.getRequestLine().getSipVersion();
            if (version != null && !"SIP/2.0".equalsIgnoreCase(version)) {
                return new Refusal(Response.VERSION_NOT_SUPPORTED, "Version Not Supported: " + version);
            }
            if (sip.getApplicationData() instanceof DefectFlaggingParserFactory.Defect defect) {
                return new Refusal(defect.status(), defect.reason()); // RFC 3261 §7.3.1, §21.5.7
            }
        }
        ListIterator<?> vias = request.getHeaders(ViaHeader.NAME);
        while (vias.hasNext()) {
            if (vias.next() instanceof Via via
                    && via.getSentProtocol() != null
                    && !"2.0".equals(via.getSentProtocol().getProtocolVersion())) {
                return new Refusal(
                        Response.VERSION_NOT_SUPPORTED,
                        "Version Not Supported: Via SIP/"
                                + via.getSentProtocol().getProtocolVersion());
            }
        }
        // RFC 3261 §8.1.1 / §16.3 step 1: the mandatory headers are there, and CSeq names the request's
        // method (method names are case-sensitive, §7.1)
        if (request.getHeader(ToHeader.NAME) == null
                || request.getHeader(FromHeader.NAME) == null
                || request.getHeader(CallIdHeader.NAME) == null
                || request.getHeader(ViaHeader.NAME) == null) {
            return new Refusal(Response.BAD_REQUEST, "Bad Request: missing To, From, Call-ID or Via");
        }
        CSeqHeader cseq = (CSeqHeader) request.getHeader(CSeqHeader.NAME);
        if (cseq == null || !request.getMethod().equals(cseq.getMethod())) {
            return new Refusal(
                    Response.BAD_REQUEST, "Bad Request: CSeq missing or its method differs from the request's");
        }
        if (request.getHeader(MaxForwardsHeader.NAME) == null) {
            // RFC 3261 §16.6 step 3: a request without Max-Forwards (RFC 2543 UAs, RFC 4475 §3.4.1
            // inv2543) gets one of 70; jain-sip refuses to make a transaction without it.
            try {
                request.setHeader(new MaxForwards(70));
            } catch (InvalidArgumentException e) {
                throw new IllegalStateException(e);
            }
        }
        return null;
    }
}
