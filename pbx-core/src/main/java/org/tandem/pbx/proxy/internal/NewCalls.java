package org.tandem.pbx.proxy.internal;

import java.time.Duration;
import java.util.Optional;
import javax.sip.ServerTransaction;
import javax.sip.address.SipURI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.Header;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.tandem.pbx.call.CallDirection;
import org.tandem.pbx.call.CallEvents;
import org.tandem.pbx.forwarding.Forwarder;
import org.tandem.pbx.routing.CallRequest;
import org.tandem.pbx.routing.CallRouter;
import org.tandem.pbx.routing.RingTarget;
import org.tandem.pbx.routing.RouteStep;
import org.tandem.pbx.routing.TrustedOrigin;
import org.tandem.pbx.sip.InboundRequest;

/**
 * The start of a call through the proxy: an INVITE outside a dialog, already authenticated. Asks the
 * dial plan for the first step, classifies the call for call records (direction, the call it
 * continues) and hands it to a {@link ResponseContext} that runs the steps.
 */
final class NewCalls {

    private final ProxyRuntime runtime;
    private final Forwarder forwarder;
    private final CallRouter router;
    private final CallEvents events;
    private final Duration inviteTimeout;

    NewCalls(ProxyRuntime runtime, CallRouter router, CallEvents events, Duration inviteTimeout) {
        this.runtime = runtime;
        this.forwarder = runtime.forwarder();
        this.router = router;
        this.events = events;
        this.inviteTimeout = inviteTimeout;
    }

    /**
     * A new call: the dial plan decides the targets, step by step (forwarding, ring groups, feature
     * codes, external numbers); the call's lifecycle events are raised for call records.
     */
    void start(InboundRequest inbound, ServerTransaction server, String loopHash, String caller, TrustedOrigin origin) {
        Request request = inbound.request();
        String callId = callId(request);
        FromHeader from = (FromHeader) request.getHeader(FromHeader.NAME);
        String fromUser =
                from.getAddress().getURI() instanceof SipURI sip && sip.getUser() != null ? sip.getUser() : "anonymous";
        String dialled = ((SipURI) request.getRequestURI()).getUser();
        // issue 22: a phone that follows a REFER places the call on the referrer's behalf too
        String referrer = runtime.referrals().referrerOf(caller, dialled).orElse(null);
        CallRequest call = new CallRequest(
                callId,
                caller,
                fromUser,
                from.getAddress().getDisplayName(),
                dialled,
                origin,
                request.getHeader("Replaces") != null,
                referrer);
        forwarder.responder().send(server, request, forwarder.responder().create(request, Response.TRYING));
        RouteStep first = lampPickup(request, caller, call).orElseGet(() -> router.route(call));
        CallDirection direction = origin != null && origin.trunk() != null
                ? CallDirection.INBOUND
                : reachesOutside(first) ? CallDirection.OUTBOUND : CallDirection.INTERNAL;
        CallAttempt attempt =
                CallAttempt.start(events, call, from.getTag(), direction, linkedCall(request, first, dialled));
        ResponseContext context = new ResponseContext(runtime, request, server, caller, null);
        RingBranches branches = new RingBranches(
                forwarder,
                inbound.transport(),
                inbound.sourceAddress(),
                forwarder.flows().encode(inbound, callId),
                loopHash);
        context.startCall(new CallSession(inbound, call, attempt, branches, inviteTimeout), first);
    }

    /**
     * A local user's INVITE with Replaces that names a call ringing right now, and that no transfer sent (no
     * Referred-By, RFC 3892): a pickup from a busy lamp (see {@link ProxyPickup#fromLamp}).
     */
    private Optional<RouteStep> lampPickup(Request request, String caller, CallRequest call) {
        Header replaces = request.getHeader("Replaces");
        if (caller == null || replaces == null || request.getHeader("Referred-By") != null) return Optional.empty();
        String value = replaces.toString()
                .substring(replaces.toString().indexOf(':') + 1)
                .strip();
        return ProxyPickup.fromLamp(runtime.ringing(), call, value);
    }

    /**
     * The call this one continues, for call records: the call picked up, the dialog an attended
     * transfer replaces (RFC 3891), or the call whose REFER sent the transferee here (RFC 3892).
     */
    private String linkedCall(Request request, RouteStep first, String dialled) {
        if (first instanceof RouteStep.Ring ring) {
            for (RingTarget t : ring.targets()) {
                if (t instanceof RingTarget.Pickup p) return p.pickedCallId();
            }
        }
        Header replaces = request.getHeader("Replaces");
        if (replaces != null) {
            String value = replaces.toString()
                    .substring(replaces.toString().indexOf(':') + 1)
                    .strip();
            int semi = value.indexOf(';');
            return semi > 0 ? value.substring(0, semi).strip() : value;
        }
        if (request.getHeader("Referred-By") != null) return runtime.referrals().continues(dialled);
        return null;
    }

    private static boolean reachesOutside(RouteStep first) {
        // what was dialled decides: a call to an extension that is forwarded out stays internal
        if (first instanceof RouteStep.Refuse refused) {
            return refused.destination() != null && refused.destination().startsWith("external:");
        }
        return first instanceof RouteStep.Ring ring
                && !ring.targets().isEmpty()
                && ring.forwardedFrom() == null
                && ring.targets().stream().allMatch(t -> t instanceof RingTarget.Outside)
                && ring.destination() != null
                && ring.destination().startsWith("external:");
    }

    private static String callId(Request request) {
        return ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
    }
}
