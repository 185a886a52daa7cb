package org.tandem.pbx.forwarding;

import java.time.Instant;
import java.util.List;
import javax.sip.address.Hop;
import javax.sip.address.SipURI;
import javax.sip.header.FromHeader;
import javax.sip.header.RouteHeader;
import javax.sip.message.Request;
import org.tandem.pbx.sip.InboundRequest;

/**
 * The flow tokens ({@link FlowTokens}) in the Routes of ours that one request routed through our Record-Route
 * carried, each verified once: whether we recorded that dialog, when, and which flow the request goes on. Asking
 * the three questions of the tokens themselves would check each token's HMAC up to three times (issue 23).
 */
public final class RecordedFlows {

    private final List<SipURI> popped;
    /** per popped Route, in order: its {@code flow} and {@code callee-flow} tokens, null when absent or not ours */
    private final FlowTokens.Token[] callerFlows;

    private final FlowTokens.Token[] calleeFlows;

    RecordedFlows(List<SipURI> popped, FlowTokens.Token[] callerFlows, FlowTokens.Token[] calleeFlows) {
        this.popped = popped;
        this.callerFlows = callerFlows;
        this.calleeFlows = calleeFlows;
    }

    /** True when one of the Routes we removed is a Record-Route this proxy inserted for this call. */
    public boolean vouched() {
        for (FlowTokens.Token t : callerFlows) {
            if (t != null) return true;
        }
        return false;
    }

    /** When the newest valid flow token among the Routes we removed was issued; null when none is ours for this call. */
    public Instant issuedAt() {
        // a maximum, not a branch on which token is newer: that depends on whether the call's setup crossed a second
        // (tokens carry whole seconds), and C2, compiling from a profile where it rarely did, left that side out and
        // threw the in-dialog forwarding it was inlined in away when it came (bench/RESULTS.md, session 55)
        long newest = Long.MIN_VALUE;
        for (int i = 0; i < popped.size(); i++) {
            newest = Math.max(newest, Math.max(secondsOf(callerFlows[i]), secondsOf(calleeFlows[i])));
        }
        return newest == Long.MIN_VALUE ? null : Instant.ofEpochSecond(newest);
    }

    private static long secondsOf(FlowTokens.Token token) {
        return token == null ? Long.MIN_VALUE : token.issuedAt().getEpochSecond();
    }

    /**
     * §16.6 step 7 for a request routed through our Record-Route, when no Route is left after ours (we are the last
     * hop before the other party): from the caller, the callee's flow when we recorded one; from the callee, the
     * caller's flow. Null: the normal next hop (Route, registered Contact, Request-URI, see {@code
     * Forwarder.nextHop}).
     */
    public Hop flowFor(Request copy, InboundRequest inbound, Forwarder forwarder) {
        if (copy.getHeader(RouteHeader.NAME) != null) return null;
        Boolean fromCaller = fromCaller(copy);
        for (int i = 0; i < popped.size(); i++) {
            // a flow to or from ourselves was a spiral's: the party's own flow is further down
            if (Boolean.TRUE.equals(fromCaller)) {
                Hop callee = calleeFlows[i] == null ? null : calleeFlows[i].hop();
                if (callee != null && !forwarder.routes.isUs(callee)) return callee;
            } else {
                Hop caller = callerFlows[i] == null ? null : callerFlows[i].hop();
                if (caller != null
                        && (fromCaller != null || !isSame(caller, inbound))
                        && !forwarder.routes.isUs(caller)) {
                    return caller;
                }
            }
        }
        return null;
    }

    /** True/false from the {@code ftag} we recorded; null for a dialog recorded without one. */
    private Boolean fromCaller(Request request) {
        String tag = ((FromHeader) request.getHeader(FromHeader.NAME)).getTag();
        for (SipURI route : popped) {
            String ftag = route.getParameter(FlowTokens.FROM_TAG_PARAM);
            if (ftag != null) return ftag.equals(tag);
        }
        return null;
    }

    private static boolean isSame(Hop flow, InboundRequest inbound) {
        return flow.getPort() == inbound.sourcePort()
                && flow.getHost().equals(inbound.sourceAddress())
                && flow.getTransport().equalsIgnoreCase(inbound.transport());
    }
}
