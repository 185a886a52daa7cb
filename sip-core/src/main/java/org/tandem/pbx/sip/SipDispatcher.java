package org.tandem.pbx.sip;

import gov.nist.javax.sip.RequestEventExt;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.stack.MessageChannel;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javax.sip.ClientTransaction;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.SipListener;
import javax.sip.TimeoutEvent;
import javax.sip.Transaction;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.header.CallIdHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandem.pbx.concurrent.SerialExecutors;

/**
 * The only {@link SipListener}. Every event goes to the serial executor of its Call-ID, so everything that happens
 * to one call runs in order, one task at a time (docs/architecture.md, threading model). A received request or
 * response whose stripe is idle runs on the receive thread that parsed it, in place of a hand-over to the stripe's
 * thread ({@link SerialExecutors#executeHereIfIdle}); timeouts, from jain-sip's timer thread, are always handed over.
 * When a stripe is full, new requests are shed with 503 (RFC 3261 §21.5.4) instead of queueing without bound.
 */
public class SipDispatcher implements SipListener {

    private static final Logger log = LoggerFactory.getLogger(SipDispatcher.class);

    private final SerialExecutors stripes;
    private final List<SipRequestHandler> handlers;
    private final StrayResponseHandler strayResponses;
    private final InboundFilter filter;
    private final SipResponder responses;

    public SipDispatcher(
            SerialExecutors stripes,
            List<SipRequestHandler> handlers,
            StrayResponseHandler strayResponses,
            InboundFilter filter,
            SipResponder responses) {
        this.responses = responses;
        this.stripes = stripes;
        this.handlers = inChainOrder(handlers);
        this.strayResponses = strayResponses;
        this.filter = filter;
    }

    /** The handlers sorted by {@link SipHandlerSlot}; two in one slot would make the order a matter of chance. */
    static List<SipRequestHandler> inChainOrder(List<SipRequestHandler> handlers) {
        Map<SipHandlerSlot, SipRequestHandler> bySlot = new EnumMap<>(SipHandlerSlot.class);
        for (SipRequestHandler h : handlers) {
            SipRequestHandler other = bySlot.putIfAbsent(h.slot(), h);
            if (other != null) {
                throw new IllegalStateException(
                        "SIP handlers " + other.getClass().getSimpleName() + " and "
                                + h.getClass().getSimpleName() + " both claim slot " + h.slot());
            }
        }
        return List.copyOf(bySlot.values());
    }

    /**
     * Whether a new INVITE with these facts would reach the proxy: no handler before it in the chain could accept it
     * ({@link SipRequestHandler#mayAcceptNewInvite}), and there is a proxy.
     */
    public boolean proxyServesNewInvite(NewInvite invite) {
        for (SipRequestHandler handler : handlers) {
            if (handler.slot() == SipHandlerSlot.PROXY) return true;
            if (handler.mayAcceptNewInvite(invite)) return false;
        }
        return false;
    }

    @Override
    public void processRequest(RequestEvent event) {
        Request request = event.getRequest();
        String source = sourceAddress(event);
        if (!filter.admit(source, transport(request))) {
            return; // banned or over the rate limit: no answer at all, so a scanner learns nothing
        }
        InboundRequest inbound = new InboundRequest(event, request, source, sourcePort(event), transport(request));
        boolean queued = stripes.executeHereIfIdle(callId(request), () -> route(inbound));
        if (!queued && !Request.ACK.equals(request.getMethod())) {
            log.warn("Overloaded: shedding {} from {} with 503", request.getMethod(), source);
            responses.replyStateless(request, Response.SERVICE_UNAVAILABLE);
        }
    }

    private void route(InboundRequest inbound) {
        RequestSanity.Refusal refusal = RequestSanity.check(inbound.request());
        if (refusal != null) {
            log.info(
                    "Refused {} from {}:{}/{}: {}",
                    inbound.method(),
                    inbound.sourceAddress(),
                    inbound.sourcePort(),
                    inbound.transport(),
                    refusal.reason());
            if (!Request.ACK.equals(inbound.method())) {
                responses.replyStateless(inbound.request(), refusal.status(), refusal.reason());
            }
            return;
        }
        for (SipRequestHandler handler : handlers) {
            if (handler.accepts(inbound)) {
                try {
                    handler.handle(inbound);
                } catch (RuntimeException e) {
                    log.error(
                            "{} from {}:{} failed in {}",
                            inbound.method(),
                            inbound.sourceAddress(),
                            inbound.sourcePort(),
                            handler.getClass().getSimpleName(),
                            e);
                    if (!Request.ACK.equals(inbound.method())) {
                        responses.replyStateless(inbound.request(), Response.SERVER_INTERNAL_ERROR);
                    }
                }
                return;
            }
        }
        log.debug("No handler for {} from {}", inbound.method(), inbound.sourceAddress());
    }

    @Override
    public void processResponse(ResponseEvent event) {
        Response response = event.getResponse();
        ClientTransaction tx = event.getClientTransaction();
        stripes.executeHereIfIdle(callId(response), () -> {
            Object owner = tx == null ? null : tx.getApplicationData();
            if (owner instanceof ClientTransactionListener listener) {
                listener.onResponse(event);
            } else {
                strayResponses.onStrayResponse(event);
            }
        });
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        Transaction tx = event.isServerTransaction() ? event.getServerTransaction() : event.getClientTransaction();
        if (tx == null || !(tx.getApplicationData() instanceof ClientTransactionListener listener)) return;
        stripes.execute(callId(tx.getRequest()), () -> listener.onTimeout(event));
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
        log.debug("SIP I/O error towards {}:{}/{}", event.getHost(), event.getPort(), event.getTransport());
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
        // nothing: features clean up on final responses and timeouts
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
        // dialogs are not tracked by the stack (AUTOMATIC_DIALOG_SUPPORT=off)
    }

    static String callId(Message message) {
        CallIdHeader h = (CallIdHeader) message.getHeader(CallIdHeader.NAME);
        return h == null ? "" : h.getCallId();
    }

    static String sourceAddress(RequestEvent event) {
        if (event instanceof RequestEventExt ext && ext.getRemoteIpAddress() != null) return ext.getRemoteIpAddress();
        if (event.getRequest() instanceof SIPRequest r && r.getRemoteAddress() != null) {
            return r.getRemoteAddress().getHostAddress();
        }
        return "";
    }

    /**
     * The port the request's packet really came from. Not jain-sip's "remote port": for UDP requests that is the
     * port of the top Via's sent-by (UDPMessageChannel sets it from the Via), i.e. the phone's private port
     * behind a NAT, while the NAT's public port is only in the datagram — RFC 3581 §4 says to answer, and so to
     * reach the phone again, there. The channel keeps the datagram's port (TCP/TLS: the connection's).
     */
    static int sourcePort(RequestEvent event) {
        if (event.getRequest() instanceof SIPRequest r
                && r.getMessageChannel() instanceof MessageChannel ch
                && ch.getPeerPacketSourcePort() > 0) {
            return ch.getPeerPacketSourcePort();
        }
        if (event instanceof RequestEventExt ext && ext.getRemotePort() > 0) return ext.getRemotePort();
        return event.getRequest() instanceof SIPRequest r ? r.getRemotePort() : 0;
    }

    static String transport(Request request) {
        if (request instanceof SIPRequest r && r.getMessageChannel() instanceof MessageChannel ch) {
            return ch.getTransport().toLowerCase();
        }
        return "udp";
    }
}
