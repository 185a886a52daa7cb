package org.tandem.pbx.routing.internal;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandem.pbx.routing.CallRequest;
import org.tandem.pbx.routing.ExternalCallRequest;
import org.tandem.pbx.routing.ExternalCalls;
import org.tandem.pbx.routing.ExternalRoute;
import org.tandem.pbx.routing.RingTarget;
import org.tandem.pbx.routing.RouteStep;
import org.tandem.pbx.routing.TrustedOrigin;

/**
 * The dial plan's way out: an external number through the outbound routes, for whom it is called. The local
 * user who caused the call (its caller, a referrer, the user whose forward it is) must be allowed the number by
 * their permission class (issue 22: no toll fraud through a transfer or a forward). {@link DialPlanRouter} decides
 * that a number is external; this class whether and how it leaves the PBX.
 */
final class ExternalNumbers {

    private static final Logger log = LoggerFactory.getLogger(ExternalNumbers.class);

    private final ExternalCalls external;

    ExternalNumbers(ExternalCalls external) {
        this.external = external;
    }

    /** A number a local caller (or a call this process vouches for) dialled. */
    RouteStep dialled(CallRequest call, String dialled) {
        if (call.callerExtension() == null && call.origin().askedForByNobody()) {
            // issue 22: a transfer nobody local asked for (e.g. a REFER that bypassed the proxy)
            log.info("Call {}: transfer to {} refused: nobody local asked for it", call.callId(), dialled);
            return new RouteStep.Refuse(
                    403,
                    "Forbidden: a transfer to " + dialled + " must come from a local user's phone",
                    "external:" + dialled);
        }
        RouteStep refused = refusedForReferrer(call, dialled);
        if (refused != null) return refused;
        // a transfer is checked against the transferor's class, not waved through as the trunk's call
        return ring(call, dialled, onBehalfOf(call), true, null);
    }

    /** The step that rings {@code number} alone, on {@code onBehalfOf}'s permission class. */
    RouteStep ring(CallRequest call, String number, String onBehalfOf, boolean dialled, String forwardedFrom) {
        ExternalRoute route = external.route(request(call, number, onBehalfOf, dialled));
        if (route instanceof ExternalRoute.Refused r) {
            // a number the caller dialled (not a forward target) that an outbound route took but refused
            // (permission class 403, no trunk 503) is an outbound attempt in the call records; a number no
            // route matches (404) is a wrong number that never left the PBX
            boolean outboundAttempt = forwardedFrom == null && r.status() != 404;
            return new RouteStep.Refuse(r.status(), r.reason(), outboundAttempt ? "external:" + number : null);
        }
        RingTarget target = new RingTarget.Outside(number, (ExternalRoute.Through) route);
        return new RouteStep.Ring(
                List.of(target), null, RouteStep.GiveUp::new, "external:" + number, null, forwardedFrom, null);
    }

    /** An extra external branch (mobile, ring group member); null when it may not or cannot be reached. */
    RingTarget branch(CallRequest call, String number, String onBehalfOf) {
        ExternalRoute route = external.route(request(call, number, onBehalfOf, false));
        if (route instanceof ExternalRoute.Refused r) {
            log.info("Call {}: not ringing {} too: {} {}", call.callId(), number, r.status(), r.reason());
            return null;
        }
        return new RingTarget.Outside(number, (ExternalRoute.Through) route);
    }

    /**
     * Issue 22: a phone that follows a REFER dials for the referrer too, so that an internal-class user cannot
     * have a colleague's phone (or a referred outside party's) call what they may not: the referrer's class
     * must allow the number as well; a referral by someone who is no local user reaches no external number.
     */
    private RouteStep refusedForReferrer(CallRequest call, String dialled) {
        if (call.referrer() == null) return null;
        if (TrustedOrigin.NOBODY.equals(call.referrer())) {
            log.info(
                    "Call {}: {} was referred to {} by someone who is no local user: refused",
                    call.callId(),
                    call.callerExtension(),
                    dialled);
            return new RouteStep.Refuse(
                    403,
                    "Forbidden: a transfer to " + dialled + " must come from a local user's phone",
                    "external:" + dialled);
        }
        ExternalRoute referrers = external.route(request(call, dialled, call.referrer(), true));
        if (referrers instanceof ExternalRoute.Refused r && r.status() == 403) {
            log.info(
                    "Call {}: {} was referred to {} by {}, who may not call it",
                    call.callId(),
                    call.callerExtension(),
                    dialled,
                    call.referrer());
            return new RouteStep.Refuse(403, r.reason(), "external:" + dialled);
        }
        return null;
    }

    /**
     * The local user who caused this call (issue 22): its authenticated caller, else the user a part of this
     * process placed it for (the transferor of a trunk call); null when the process itself vouches for it.
     */
    private static String onBehalfOf(CallRequest call) {
        if (call.callerExtension() != null) return call.callerExtension();
        return call.origin() == null ? null : call.origin().extensionOnBehalfOf();
    }

    private static ExternalCallRequest request(CallRequest call, String number, String onBehalfOf, boolean dialled) {
        // the party that would be connected out is an outside caller (a trunk's, an anonymous one) unless a
        // local user placed the call: forwarding such a caller out again needs a permission of its own
        return new ExternalCallRequest(
                call.callId(),
                onBehalfOf,
                call.callerNumber(),
                call.callerName(),
                number,
                dialled,
                call.origin() == null ? null : call.origin().trunk(),
                call.callerExtension() == null);
    }
}
