package org.tandem.pbx.proxy.internal;

import gov.nist.javax.sip.stack.HopImpl;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Function;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.address.Hop;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandem.media.srtp.SdesException;
import org.tandem.pbx.forwarding.BestResponse;
import org.tandem.pbx.routing.CallRequest;
import org.tandem.pbx.routing.RingOutcome;
import org.tandem.pbx.routing.RouteStep;
import org.tandem.pbx.sip.InboundRequest;
import org.tandem.pbx.sip.SipResponder;

/**
 * The response context of one proxied request (RFC 3261 §16.7): its server transaction, its
 * branches, the final responses collected so far. States: PROCEEDING (no final sent upstream),
 * COMPLETED (a final non-2xx sent), ACCEPTED (a 2xx sent; later 2xx are still forwarded, §16.7
 * step 5), HANDED_OVER (a user agent in this process answers the call). INVITE only: provisional
 * forwarding, CANCEL of the other branches, ring timers, and the call's route steps — each step a
 * set of parallel branches, the next step chosen when it ends unanswered (§16.7 step 4: new targets
 * after the first failed; forwarding, hunting). Every method runs on the request's Call-ID stripe.
 */
final class ResponseContext {

    private static final Logger log = LoggerFactory.getLogger(ResponseContext.class);

    /**
     * How long branches may still answer after the final response went upstream (64*T1, as RFC 3261
     * §16.8 allows a cancelled branch); then they are given up and the context is forgotten.
     */
    static final Duration BRANCH_GRACE = Duration.ofSeconds(32);

    enum State {
        PROCEEDING,
        COMPLETED,
        ACCEPTED,
        HANDED_OVER
    }

    private final ProxyRuntime runtime;
    private final Request request;
    private final ServerTransaction server;
    private final String key;
    private final String callId;
    private final boolean invite;
    private final String caller;
    private String callee;
    private final List<ProxyBranch> branches = new ArrayList<>();
    private final List<Response> finals = new ArrayList<>();
    private State state = State.PROCEEDING;
    private boolean forking;
    private ScheduledFuture<?> ringTimer;
    private boolean reaperScheduled;
    // a routed call (null for in-dialog and non-INVITE requests)
    private CallSession call;
    private RouteStep.Ring ring;
    private int stage;
    private boolean cancelledByCaller;

    /** What a routed call needs besides the request: built by the proxy for out-of-dialog INVITEs. */
    record CallSession(
            InboundRequest inbound,
            CallRequest request,
            CallAttempt attempt,
            RingBranches branches,
            Duration defaultRingTime) {}

    /**
     * @param request the request as received, after route preprocessing (§16.4)
     * @param caller  the local extension that placed the call (authenticated), or null
     * @param callee  the local extension called, or null (both null: no dialog events, e.g. re-INVITE)
     */
    ResponseContext(ProxyRuntime runtime, Request request, ServerTransaction server, String caller, String callee) {
        this.runtime = runtime;
        this.request = request;
        this.server = server;
        this.key = ResponseContexts.key(request);
        this.callId = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
        this.invite = Request.INVITE.equals(request.getMethod());
        SipResponder.keepOnlyTheAnswer(server); // this context keeps the request
        this.caller = caller;
        this.callee = callee;
    }

    /** Adds a branch for {@code copy} (already carrying our Via), to be sent by {@link #start}. */
    void addBranch(Request copy, Hop hop) {
        branches.add(new ProxyBranch(this, runtime.forwarder(), copy, hop, 0, null, null));
    }

    /** §16.6 step 10 for every branch at once (parallel forking), then timer C for INVITE (§16.6 step 11). */
    void start(Duration noAnswerTimeout) {
        runtime.contexts().add(key, this);
        forking = true;
        for (ProxyBranch branch : branches) {
            if (state == State.PROCEEDING || !invite) branch.send();
        }
        forking = false;
        if (invite && state == State.PROCEEDING && !allCompleted()) {
            ringTimer = runtime.scheduleOnStripe(callId, noAnswerTimeout, this::onRingTimeout);
        }
        maybeComplete();
    }

    /** Starts a routed call with its first step. */
    void startCall(CallSession session, RouteStep first) {
        this.call = session;
        runtime.contexts().add(key, this);
        runtime.dialogs().started(callId, caller, request);
        advance(first);
        maybeComplete();
    }

    /** Carries out {@code step}; steps that ring nobody are skipped to their successor at once. */
    private void advance(RouteStep step) {
        while (state == State.PROCEEDING) {
            if (step instanceof RouteStep.Refuse refuse) {
                ring = null;
                sendFinal(runtime.forwarder().responder().create(request, refuse.status()), refuse.reason());
                return;
            } else if (step instanceof RouteStep.GiveUp giveUp) {
                ring = null;
                if (giveUp.outcome().timedOut() || finals.isEmpty()) {
                    sendFinal(
                            runtime.forwarder()
                                    .responder()
                                    .create(request, giveUp.outcome().status()),
                            giveUp.outcome().timedOut() ? "No answer" : null);
                } else {
                    sendBest();
                }
                return;
            } else if (step instanceof RouteStep.Serve serve) {
                handOver(serve);
                return;
            } else {
                RouteStep.Ring next = (RouteStep.Ring) step;
                if (ringStep(next)) return;
                step = next.next().apply(outcome(false));
            }
        }
    }

    /** Who this ring step's call involves, for the recording rules (issue 18). */
    /** Starts the branches of a ring step; false when none could be sent (the step is over at once). */
    private boolean ringStep(RouteStep.Ring next) {
        stopRingTimer();
        stage++;
        finals.clear();
        ring = next;
        callee = extensionOf(next.destination());
        call.attempt().routed(next.destination(), next.ringGroup(), next.forwardedFrom());
        forking = true;
        List<RingBranches.Built> built = call.branches().build(request, next);
        if (!built.isEmpty()) runtime.forwarder().live().routed(callId); // our Record-Route is in them
        try {
            MediaHooks.newCall(
                    runtime.anchor(), call.inbound(), request, built, MediaHooks.involved(call.request(), built));
        } catch (SdesException e) {
            // RFC 4568 §7.1.2 / RFC 3261 §21.4.26: the offer's SRTP is not acceptable here; the reason says why
            log.info("Call {}: SRTP offer refused: {}", callId, e.getMessage());
            sendFinal(
                    runtime.forwarder().responder().create(request, Response.NOT_ACCEPTABLE_HERE),
                    "Not Acceptable Here (" + e.getMessage().replaceAll("[^\\x20-\\x7e]", "") + ")");
            return true;
        }
        for (RingBranches.Built b : built) {
            runtime.forwarder()
                    .masks()
                    .onRequest(
                            call.inbound().sourceAddress(),
                            b.copy(),
                            b.hop().getTransport(),
                            b.outside() ? b.providerHost() : b.hop().getHost());
        }
        for (RingBranches.Built b : built) {
            ProxyBranch branch =
                    new ProxyBranch(this, runtime.forwarder(), b.copy(), b.hop(), stage, b.label(), b.extension());
            branches.add(branch);
            if (state == State.PROCEEDING) branch.send();
        }
        forking = false;
        if (state != State.PROCEEDING) return true;
        if (stageCompleted()) return false;
        Duration ringTime = next.ringTime() != null ? next.ringTime() : call.defaultRingTime();
        ringTimer = runtime.scheduleOnStripe(callId, ringTime, this::onRingTimeout);
        return true;
    }

    /** Serve: a user agent in this process takes the INVITE's server transaction over. */
    private void handOver(RouteStep.Serve serve) {
        state = State.HANDED_OVER;
        runtime.ringing().over(callId);
        ring = null;
        stopRingTimer();
        cancelBranches();
        call.attempt().routed(serve.destination(), null, null);
        runtime.dialogs().served(callId);
        runtime.anchor().ended(callId, "served by " + serve.destination()); // the service answers the caller itself
        serve.service().serve(call.inbound(), server, call.request());
    }

    /** §16.7 step 5: provisionals other than 100 are forwarded at once. */
    void onProvisional(ProxyBranch branch, Response response) {
        if (state != State.PROCEEDING || response.getStatusCode() == Response.TRYING) return;
        Response up = runtime.forwarder().upstreamCopy(response);
        if (up == null) return;
        if (invite) MediaHooks.response(runtime.anchor(), up, branch.hop()); // early media
        if (branch.hop() != null)
            runtime.forwarder().masks().onResponse(up, branch.hop().getHost());
        String toTag = ((ToHeader) response.getHeader(ToHeader.NAME)).getTag();
        // pickable before the caller hears it ring: a picker who acts on this 180 (a lamp key, a pickup code) runs
        // on another thread, which may reach the ringing calls before this one comes back from the send
        if (call != null && branch.extension() != null && toTag != null) ringing(branch.extension(), toTag);
        runtime.forwarder().sendUpstream(server, up);
        if (call != null && invite && toTag != null) {
            // RFC 4235 §3.7.1: a provisional with a To tag makes an early dialog, per ringing extension
            runtime.dialogs()
                    .early(
                            callId,
                            branch.extension() != null ? branch.extension() : callee,
                            toTag,
                            ring != null ? ring.ringGroup() : null);
        }
    }

    /** Makes this call available to pickup (once: the first phone that rings). */
    private void ringing(String extension, String toTag) {
        ContactHeader contact = (ContactHeader) request.getHeader(ContactHeader.NAME);
        if (contact == null) return;
        InboundRequest in = call.inbound();
        Hop callerHop =
                new HopImpl(in.sourceAddress(), in.sourcePort(), in.transport().toUpperCase(Locale.ROOT));
        String callerTag = ((FromHeader) request.getHeader(FromHeader.NAME)).getTag();
        runtime.ringing()
                .ringing(new RingingCalls.Ringing(
                        callId,
                        contact.getAddress().getURI().toString(),
                        callerHop,
                        callerTag,
                        call.request().callerNumber(),
                        extension,
                        toTag,
                        Instant.now()));
    }

    /**
     * A final response on a branch (received, or synthesised for a timeout or a send failure).
     *
     * @param first false for a retransmission of the branch's final response
     */
    void onFinal(ProxyBranch branch, Response response, boolean first) {
        int status = response.getStatusCode();
        if (invite && call == null && first) HoldHooks.answered(runtime.hold(), request, response);
        if (status / 100 == 2) {
            onSuccess(branch, response);
        } else if (first && state == State.PROCEEDING && branch.stage() == stage) {
            finals.add(response);
            if (invite && status >= 600) cancelStage(); // §16.7 step 5
        }
        maybeComplete();
    }

    /** §16.7 step 5: every 2xx to an INVITE is forwarded immediately; the first one ends the race. */
    private void onSuccess(ProxyBranch branch, Response response) {
        Response up = runtime.forwarder().upstreamCopy(response);
        if (up == null) return;
        MediaHooks.response(runtime.anchor(), up, branch.hop());
        if (branch.hop() != null)
            runtime.forwarder().masks().onResponse(up, branch.hop().getHost());
        runtime.forwarder().live().active(callId);
        if (state == State.PROCEEDING) {
            runtime.forwarder().sendUpstream(server, up);
            state = State.ACCEPTED;
            runtime.ringing().over(callId);
            stopRingTimer();
            if (invite) {
                cancelBranches(); // §16.7 step 10: CANCEL the branches still pending
                if (branch.extension() != null) callee = branch.extension();
                if (call != null && runtime.anchor().isAnchored(callId)) {
                    InboundRequest in = call.inbound();
                    runtime.anchoredDialogs()
                            .answered(
                                    request,
                                    new HopImpl(
                                            in.sourceAddress(),
                                            in.sourcePort(),
                                            in.transport().toUpperCase(Locale.ROOT)),
                                    up,
                                    branch.hop());
                }
                if (call != null) {
                    runtime.dialogs()
                            .confirmed(callId, callee, DialogEvents.toTag(up), ring != null ? ring.ringGroup() : null);
                }
                if (call != null) call.attempt().answered(branch.label(), runtime.answeredCalls());
            }
        } else if (invite) {
            // the transaction upstream is over: forward statelessly (2xx retransmissions, other forks)
            try {
                runtime.forwarder().sendStateless(up);
            } catch (SipException e) {
                log.debug("Cannot forward 2xx upstream: {}", e.getMessage());
            }
        }
    }

    /** The ring time of the current step ran out: CANCEL its branches, then the next step (or 408). */
    void onRingTimeout() {
        ringTimer = null;
        if (state != State.PROCEEDING) return;
        if (ring != null) {
            log.debug("No answer to INVITE {} on {} in time", callId, ring.destination());
            cancelStage();
            advance(ring.next().apply(new RingOutcome(Response.REQUEST_TIMEOUT, true)));
            maybeComplete();
            return;
        }
        log.info("No answer to INVITE {} within the invite timeout: cancelling {} branch(es)", callId, branches.size());
        cancelBranches();
        sendFinal(runtime.forwarder().responder().create(request, Response.REQUEST_TIMEOUT), null);
    }

    /** A routed call whose caller has no final answer yet. */
    boolean waitsForAnswer() {
        return invite && call != null && state == State.PROCEEDING;
    }

    /**
     * An operator sends the ringing call elsewhere (issue 15): what rings now is cancelled and the call goes on to
     * {@code to}'s step within the caller's same INVITE transaction (RFC 3261 §16.7 step 4: a proxy may try new
     * targets), as a forward on no answer does. A target the dial plan refuses (unknown, not permitted) changes
     * nothing: the call keeps ringing where it rang.
     *
     * @return 200 when the call goes there; the dial plan's refusal status; 404 when it no longer waits for an answer
     */
    int deflect(Function<CallRequest, RouteStep> to) {
        if (!waitsForAnswer()) return 404;
        RouteStep step = to.apply(call.request());
        if (step instanceof RouteStep.Refuse refused) return refused.status();
        stopRingTimer();
        cancelBranches();
        runtime.ringing().over(callId);
        advance(step);
        maybeComplete();
        return 200;
    }

    /** §16.10: the caller cancelled. CANCEL every pending branch and end the INVITE with 487. */
    void onUpstreamCancel() {
        if (state != State.PROCEEDING) return;
        cancelledByCaller = true;
        cancelBranches();
        sendFinal(runtime.forwarder().responder().create(request, Response.REQUEST_TERMINATED), null);
    }

    private void cancelBranches() {
        for (ProxyBranch b : branches) {
            if (!b.isCompleted()) b.cancel();
        }
    }

    private void cancelStage() {
        for (ProxyBranch b : branches) {
            if (b.stage() == stage && !b.isCompleted()) b.cancel();
        }
    }

    private boolean allCompleted() {
        for (ProxyBranch b : branches) {
            if (!b.isCompleted()) return false;
        }
        return true;
    }

    private boolean stageCompleted() {
        for (ProxyBranch b : branches) {
            if (b.stage() == stage && !b.isCompleted()) return false;
        }
        return true;
    }

    private RingOutcome outcome(boolean timedOut) {
        Response best = BestResponse.choose(finals);
        return new RingOutcome(best == null ? Response.TEMPORARILY_UNAVAILABLE : best.getStatusCode(), timedOut);
    }

    private void maybeComplete() {
        if (forking) return;
        if (state == State.PROCEEDING && ring != null && stageCompleted()) {
            RouteStep.Ring finished = ring;
            stopRingTimer();
            advance(finished.next().apply(outcome(false)));
            if (forking) return;
        }
        if (!allCompleted()) {
            if (state != State.PROCEEDING && !reaperScheduled) {
                // a branch that never answers its CANCEL must not keep this context forever
                reaperScheduled = true;
                runtime.scheduleOnStripe(callId, BRANCH_GRACE, this::abandonPendingBranches);
            }
            return;
        }
        if (state == State.PROCEEDING) sendBest();
        stopRingTimer();
        runtime.contexts().remove(key, this);
    }

    private void abandonPendingBranches() {
        for (ProxyBranch b : branches) {
            if (!b.isCompleted()) b.abandon();
        }
        runtime.contexts().remove(key, this);
    }

    /** §16.7 step 6 and 7: the best stored response, 503 turned into 500, challenges aggregated. */
    private void sendBest() {
        Response best = BestResponse.choose(finals);
        Response up = best == null ? null : runtime.forwarder().upstreamCopy(best);
        if (up == null) {
            sendFinal(runtime.forwarder().responder().create(request, Response.REQUEST_TIMEOUT), null);
            return;
        }
        if (up.getStatusCode() == Response.SERVICE_UNAVAILABLE) {
            try {
                up.setStatusCode(Response.SERVER_INTERNAL_ERROR);
                up.setReasonPhrase("Next hop unavailable");
            } catch (ParseException e) {
                throw new IllegalStateException(e);
            }
        }
        BestResponse.aggregateChallenges(up, finals);
        ToHeader to = (ToHeader) up.getHeader(ToHeader.NAME);
        if (to.getTag() == null) {
            // a response we synthesised for a branch (timeout, send failure): §8.2.6.2 To tag
            Response own = runtime.forwarder().responder().create(request, up.getStatusCode());
            try {
                to.setTag(((ToHeader) own.getHeader(ToHeader.NAME)).getTag());
            } catch (ParseException e) {
                throw new IllegalStateException(e);
            }
        }
        sendFinal(up, null);
    }

    private void sendFinal(Response response, String reason) {
        if (reason != null) {
            try {
                response.setReasonPhrase(reason);
            } catch (ParseException e) {
                throw new IllegalStateException(e);
            }
        }
        state = State.COMPLETED;
        stopRingTimer();
        runtime.ringing().over(callId);
        runtime.forwarder().sendUpstream(server, response);
        if (response.getStatusCode() >= 300 && ((ToHeader) request.getHeader(ToHeader.NAME)).getTag() == null) {
            runtime.forwarder().live().failed(callId); // no dialog came of it: its Record-Route is worth nothing now
        }
        if (invite && call != null) runtime.dialogs().failed(callId, cancelledByCaller);
        if (call != null) {
            int status = response.getStatusCode();
            runtime.anchor().ended(callId, "INVITE failed with " + status);
            call.attempt().failed(status, cancelledByCaller, status == 486 || status == 600 || status == 603);
        }
    }

    private void stopRingTimer() {
        if (ringTimer != null) {
            ringTimer.cancel(false);
            ringTimer = null;
        }
    }

    private static String extensionOf(String destination) {
        return destination != null && destination.startsWith("extension:") ? destination.substring(10) : null;
    }

    State state() {
        return state;
    }
}
