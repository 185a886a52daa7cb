package org.tandem.pbx.proxy.internal;

import java.time.Duration;
import java.util.List;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.address.Hop;
import javax.sip.address.SipURI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandem.media.srtp.SdesException;
import org.tandem.pbx.forwarding.ClosedFlow;
import org.tandem.pbx.forwarding.Forwarder;
import org.tandem.pbx.forwarding.RecordedFlows;
import org.tandem.pbx.sip.InboundRequest;

/**
 * Requests inside a dialog this proxy record-routed (RFC 3261 §16.6 with loose routing, §16.12): checked against
 * the flow tokens of our Record-Route and the dialog's liveness, then forwarded on one branch to the other party's
 * flow. Runs on the request's Call-ID stripe.
 */
final class InDialogRequests {

    private static final Logger log = LoggerFactory.getLogger(InDialogRequests.class);

    private final ProxyRuntime runtime;
    private final Forwarder forwarder;
    private final TransferorStamp transferors;
    private final Duration inviteTimeout;

    InDialogRequests(ProxyRuntime runtime, TransferorStamp transferors, Duration inviteTimeout) {
        this.runtime = runtime;
        this.forwarder = runtime.forwarder();
        this.transferors = transferors;
        this.inviteTimeout = inviteTimeout;
    }

    /** §16.6 for a request inside a dialog we record-routed: loose routing, one branch. */
    void forward(InboundRequest inbound, ServerTransaction server, List<SipURI> popped, String loopHash) {
        Request request = inbound.request();
        String callId = callId(request);
        RecordedFlows recorded = forwarder.flows().recorded(popped, callId); // each flow token checked once
        if (!recorded.vouched()) {
            log.info(
                    "Refused in-dialog {} from {}:{}: its Route was not recorded by us for this call",
                    request.getMethod(),
                    inbound.sourceAddress(),
                    inbound.sourcePort());
            reply(server, request, Response.FORBIDDEN, "No open relay: not a dialog routed by this server");
            return;
        }
        if (Request.NOTIFY.equals(request.getMethod())
                && TransferHooks.ourTransferProgress(
                        runtime, request, () -> reply(server, request, Response.OK, null))) {
            return;
        }
        if (!forwarder.live().isAlive(callId, recorded.issuedAt())) {
            // issue 22: a Record-Route of a failed or ended call is no licence to relay (RFC 3261 §12.2.2: 481)
            log.info(
                    "Refused in-dialog {} from {}:{}: call {} is not a live dialog of ours",
                    request.getMethod(),
                    inbound.sourceAddress(),
                    inbound.sourcePort(),
                    callId);
            reply(server, request, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, "No such dialog");
            return;
        }
        if (Request.BYE.equals(request.getMethod())) {
            forwarder.live().ending(callId);
        } else {
            forwarder.live().active(callId);
        }
        Request copy = forwarder.copy(request, null);
        forwarder.masks().unmask(copy); // the NATed party's own Contact again (ContactMasks)
        if (Request.INVITE.equals(request.getMethod())) HoldHooks.reInvite(runtime.hold(), copy);
        // issue 22: who asks for the transfer, for the class of the call it leads to
        String referrer = Request.REFER.equals(request.getMethod()) ? transferors.stamp(copy) : null;
        Hop flow = recorded.flowFor(copy, inbound, forwarder);
        if (forwarder.flowFailed(flow)) {
            ClosedFlow closed = ClosedFlow.of(flow, copy, forwarder.locations());
            log.info(
                    "In-dialog {} of call {}: the flow to {}:{} ({}) has closed: {}",
                    request.getMethod(),
                    callId,
                    flow.getHost(),
                    flow.getPort(),
                    flow.getTransport(),
                    closed.reopen() != null
                            ? "a new connection to its Contact"
                            : closed.status() + " " + closed.reason());
            if (closed.reopen() == null) {
                reply(server, request, closed.status(), closed.reason());
                return;
            }
            flow = closed.reopen();
        }
        Hop hop;
        try {
            hop = flow != null ? flow : forwarder.nextHop(copy);
        } catch (SipException e) {
            hop = null;
        }
        if (!forwarder.canSendOn(hop)) {
            reply(server, request, Response.SERVICE_UNAVAILABLE, "No route to the next hop");
            return;
        }
        try {
            MediaHooks.inDialog(runtime.anchor(), inbound, copy, hop);
        } catch (SdesException e) {
            // RFC 4568 §7.1.4 / RFC 3261 §14.2: a re-offer we cannot take is refused; the session stays as it was
            log.info("In-dialog {} of call {}: SRTP refused: {}", request.getMethod(), callId, e.getMessage());
            reply(server, request, Response.NOT_ACCEPTABLE_HERE, e.getMessage().replaceAll("[^\\x20-\\x7e]", ""));
            return;
        }
        if (Request.INVITE.equals(request.getMethod())) reply(server, request, Response.TRYING, null);
        forwarder.masks().onRequest(inbound.sourceAddress(), copy, hop.getTransport(), hop.getHost()); // target refresh
        runtime.anchoredDialogs().passed(request);
        forwarder.addVia(copy, hop.getTransport(), forwarder.branches().newBranch(loopHash));
        ResponseContext context = new ResponseContext(runtime, request, server, null, null);
        context.addBranch(copy, hop);
        if (Request.REFER.equals(request.getMethod())) TransferHooks.referred(runtime, transferors, request, referrer);
        if (Request.BYE.equals(request.getMethod())) {
            runtime.hold().onBye(callId(request));
            runtime.anchor().ended(callId(request), "BYE");
            runtime.anchoredDialogs().forget(callId(request));
            runtime.dialogs().ended(callId(request));
            runtime.answeredCalls().hungUp(callId(request), ((FromHeader) request.getHeader(FromHeader.NAME)).getTag());
        }
        context.start(inviteTimeout);
    }

    private void reply(ServerTransaction server, Request request, int status, String reason) {
        ProxyReplies.reply(forwarder, server, request, status, reason);
    }

    private static String callId(Request request) {
        return ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
    }
}
