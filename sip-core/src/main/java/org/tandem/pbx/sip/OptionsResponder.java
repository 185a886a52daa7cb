package org.tandem.pbx.sip;

import java.text.ParseException;
import javax.sip.address.SipURI;
import javax.sip.header.AcceptHeader;
import javax.sip.header.AllowHeader;
import javax.sip.header.SupportedHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * OPTIONS addressed to the server itself (no user part, or a Max-Forwards of 0 reaching us) is
 * answered here with what we support (RFC 3261 §11.2). OPTIONS to a user is proxied like any request.
 */
public class OptionsResponder implements SipRequestHandler {

    static final String ALLOW =
            "INVITE, ACK, CANCEL, BYE, OPTIONS, REGISTER, MESSAGE, SUBSCRIBE, NOTIFY, REFER, INFO, UPDATE, PRACK";

    private final SipTransports transports;
    private final SipResponder responder;
    private final LocalAddresses local;

    public OptionsResponder(SipTransports transports, SipResponder responder, LocalAddresses local) {
        this.transports = transports;
        this.responder = responder;
        this.local = local;
    }

    @Override
    public SipHandlerSlot slot() {
        return SipHandlerSlot.SERVER_OPTIONS;
    }

    @Override
    public boolean mayAcceptNewInvite(NewInvite invite) {
        return false; // OPTIONS only
    }

    @Override
    public boolean accepts(InboundRequest inbound) {
        Request r = inbound.request();
        return Request.OPTIONS.equals(r.getMethod())
                && r.getRequestURI() instanceof SipURI uri
                && uri.getUser() == null
                && local.isLocal(uri);
    }

    @Override
    public void handle(InboundRequest inbound) {
        // Stateless (RFC 3261 §8.2.7): a keepalive probe needs no transaction state, and none is left in
        // jain-sip's branch-keyed table for another sender's OPTIONS with the same branch to be mistaken
        // for a retransmission of (RFC 3261 §17.2.3 matches on branch AND sent-by).
        Response ok = responder.create(inbound.request(), Response.OK);
        try {
            var headers = transports.headerFactory();
            AllowHeader allow = headers.createAllowHeader(ALLOW);
            AcceptHeader accept = headers.createAcceptHeader("application", "sdp");
            SupportedHeader supported = headers.createSupportedHeader("path, outbound, replaces");
            ok.addHeader(allow);
            ok.addHeader(accept);
            ok.addHeader(supported);
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
        responder.send(null, inbound.request(), ok);
    }
}
