package org.tandem.pbx.fuzz;

import gov.nist.javax.sip.address.AddressFactoryImpl;
import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.MessageFactoryImpl;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.parser.StringMsgParser;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * The path every byte sequence from the network takes before our handlers see it, driven without a
 * socket: jain-sip's {@link StringMsgParser} (what its UDP and stream channels call), the message
 * factory's string entry, re-encoding, and what the appliance does first with any request — read
 * Call-ID, top Via and the Request-URI, and build an answer (400/200/401, RFC 3261 §8.2.6) with a To
 * tag. The only acceptable failure is {@link ParseException}: anything else thrown here would escape
 * a SIP thread and could stop a transport.
 */
final class SipMessageEntry {

    private static final MessageFactoryImpl MESSAGES = new MessageFactoryImpl();
    private static final HeaderFactoryImpl HEADERS = new HeaderFactoryImpl();
    private static final AddressFactoryImpl ADDRESSES = new AddressFactoryImpl();

    private SipMessageEntry() {}

    /** Runs {@code data} through the whole entry path; returns normally or throws (a finding). */
    static void exercise(byte[] data) {
        SIPMessage message;
        try {
            // as the stack does for a datagram: read the body, not strict (RFC 4475 liberal parsing)
            message = new StringMsgParser().parseSIPMessage(data, true, false, null);
        } catch (ParseException malformed) {
            return;
        }
        if (message == null) return;
        String encoded = message.encode();
        if (message instanceof SIPRequest request) {
            answer(request);
            reparse(encoded);
        } else if (message instanceof SIPResponse response) {
            response.getStatusCode();
            response.getTopmostVia();
        }
    }

    /** What a handler does first with a request: its identifiers, then an answer with a To tag. */
    private static void answer(SIPRequest request) {
        request.getMethod();
        request.getRequestURI();
        CallIdHeader callId = (CallIdHeader) request.getHeader(CallIdHeader.NAME);
        if (callId != null) callId.getCallId();
        ViaHeader via = (ViaHeader) request.getHeader(ViaHeader.NAME);
        if (via != null) {
            via.getBranch();
            via.getHost();
            via.getPort();
            via.getTransport();
        }
        for (int status : new int[] {Response.BAD_REQUEST, Response.OK, Response.UNAUTHORIZED}) {
            try {
                Response r = MESSAGES.createResponse(status, request);
                ToHeader to = (ToHeader) r.getHeader(ToHeader.NAME);
                if (to != null && to.getTag() == null) to.setTag("fuzz");
                r.toString();
            } catch (ParseException cannotAnswer) {
                // the stack's own verdict on a message it cannot answer: dropped, fine
            }
        }
        if (Request.REGISTER.equals(request.getMethod())) {
            request.getHeaders("Contact");
            request.getExpires();
        }
    }

    /** The string entry of the factory (createRequest(String)) must accept what the parser produced. */
    private static void reparse(String encoded) {
        try {
            MESSAGES.createRequest(encoded);
        } catch (ParseException e) {
            // tolerated: a liberal first parse may yield text the strict entry refuses
        }
        try {
            HEADERS.createHeader("Via", "SIP/2.0/UDP 127.0.0.1;branch=z9hG4bK1");
            ADDRESSES.createURI("sip:127.0.0.1");
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    static void exercise(String text) {
        exercise(text.getBytes(StandardCharsets.ISO_8859_1));
    }
}
