package org.tandem.pbx.sip;

import java.text.ParseException;
import javax.sip.InvalidArgumentException;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds and sends the responses the appliance itself generates (as a UAS, RFC 3261 §8.2.6). */
public class SipResponder {

    private static final Logger log = LoggerFactory.getLogger(SipResponder.class);

    private final SipTransports transports;

    public SipResponder(SipTransports transports) {
        this.transports = transports;
    }

    /**
     * A response to {@code request}. RFC 3261 §8.2.6.2: a UAS adds a To tag to every response but
     * 100 when the request had none; it is derived from Call-ID and branch so that the same request
     * always gets the same tag (retransmissions, stateless replies).
     */
    public Response create(Request request, int status) {
        try {
            Response response = transports.messageFactory().createResponse(status, request);
            ToHeader to = (ToHeader) response.getHeader(ToHeader.NAME);
            if (status != Response.TRYING && to != null && to.getTag() == null) {
                to.setTag(localTag(request));
            }
            return response;
        } catch (ParseException e) {
            throw new IllegalStateException("Cannot build a " + status + " response", e);
        }
    }

    /**
     * The server transaction for a new request, or null when the request is a retransmission of
     * one that already has a transaction (the stack absorbs it) or when none can be made (ACK).
     */
    public ServerTransaction serverTransaction(InboundRequest inbound) {
        ServerTransaction existing = inbound.existingServerTransaction();
        if (existing != null) return existing;
        if (Request.ACK.equals(inbound.method())) return null;
        try {
            return transports.provider().getNewServerTransaction(inbound.request());
        } catch (TransactionAlreadyExistsException e) {
            return null; // retransmission that raced the first copy: the stack answers it
        } catch (SipException e) {
            log.debug("No server transaction for {} from {}: {}", inbound.method(), inbound.sourceAddress(),
                    e.getMessage());
            return null;
        }
    }

    /** Sends {@code response} in {@code tx}, or statelessly when there is no transaction. */
    public void send(ServerTransaction tx, Request request, Response response) {
        try {
            if (tx != null) {
                tx.sendResponse(response);
            } else {
                transports.provider().sendResponse(response);
            }
        } catch (SipException | InvalidArgumentException e) {
            log.debug("Could not send {} to {}: {}", response.getStatusCode(), request.getMethod(), e.getMessage());
        } catch (RuntimeException e) {
            // jain-sip throws unchecked exceptions for transactions that ended meanwhile
            log.debug("Could not send {} to {}", response.getStatusCode(), request.getMethod(), e);
        }
    }

    public void reply(ServerTransaction tx, Request request, int status) {
        send(tx, request, create(request, status));
    }

    public void replyStateless(Request request, int status) {
        send(null, request, create(request, status));
    }

    static String localTag(Request request) {
        CallIdHeader callId = (CallIdHeader) request.getHeader(CallIdHeader.NAME);
        ViaHeader via = (ViaHeader) request.getHeader(ViaHeader.NAME);
        String seed = (callId == null ? "" : callId.getCallId()) + "|" + (via == null ? "" : via.getBranch());
        return "tdm" + Integer.toHexString(seed.hashCode() & 0x7fffffff);
    }
}
