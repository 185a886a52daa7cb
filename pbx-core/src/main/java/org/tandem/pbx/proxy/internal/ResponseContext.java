package org.tandem.pbx.proxy.internal;

import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Function;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.address.Hop;
import javax.sip.header.CallIdHeader;
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
    private final ProxyBranches branches = new ProxyBranches();
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
        if (invite && state == State.PROCEEDING && !branches.allCompleted()) {
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

    /** Starts the branches of a ring step; false when none could be sent (the step is over at once). */
    private boolean ringStep(RouteStep.Ring next) {
        stopRingTimer();
        stage++;
        finals.clear();
        ring = next;
        callee = next.extension();
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
        call.maskContacts(runtime.forwarder().masks(), built);
        for (RingBranches.Built b : built) {
            ProxyBranch branch =
                    new ProxyBranch(this, runtime.forwarder(), b.copy(), b.hop(), stage, b.label(), b.extension());
            branches.add(branch);
            if (state == State.PROCEEDING) branch.send();
        }
        forking = false;
        if (state != State.PROCEEDING) return true;
        if (branches.completed(stage)) return false;
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
        branches.cancelPending();
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
        RingingCalls.Ringing r =
                RingingCalls.Ringing.of(request, call.inbound(), call.request().callerNumber(), extension, toTag);
        if (r != null) runtime.ringing().ringing(r);
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
            if (invite && status >= 600) branches.cancelPending(stage); // §16.7 step 5
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
                branches.cancelPending(); // §16.7 step 10: CANCEL the branches still pending
                if (branch.extension() != null) callee = branch.extension();
                if (call != null) {
                    if (runtime.anchor().isAnchored(callId)) {
                        runtime.anchoredDialogs()
                                .answered(request, call.inbound().sourceHop(), up, branch.hop());
                    }
                    runtime.dialogs()
                            .confirmed(callId, callee, DialogEvents.toTag(up), ring != null ? ring.ringGroup() : null);
                    call.attempt().answered(branch.label(), runtime.answeredCalls());
                }
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
            branches.cancelPending(stage);
            advance(ring.next().apply(new RingOutcome(Response.REQUEST_TIMEOUT, true)));
            maybeComplete();
            return;
        }
        log.info("No answer to INVITE {} within the invite timeout: cancelling {} branch(es)", callId, branches.size());
        branches.cancelPending();
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
        branches.cancelPending();
        runtime.ringing().over(callId);
        advance(step);
        maybeComplete();
        return 200;
    }

    /** §16.10: the caller cancelled. CANCEL every pending branch and end the INVITE with 487. */
    void onUpstreamCancel() {
        if (state != State.PROCEEDING) return;
        cancelledByCaller = true;
        branches.cancelPending();
        sendFinal(runtime.forwarder().responder().create(request, Response.REQUEST_TERMINATED), null);
    }

    private RingOutcome outcome(boolean timedOut) {
        Response best = BestResponse.choose(finals);
        return new RingOutcome(best == null ? Response.TEMPORARILY_UNAVAILABLE : best.getStatusCode(), timedOut);
    }

    private void maybeComplete() {
        if (forking) return;
        if (state == State.PROCEEDING && ring != null && branches.completed(stage)) {
            RouteStep.Ring finished = ring;
            stopRingTimer();
            advance(finished.next().apply(outcome(false)));
            if (forking) return;
        }
        if (!branches.allCompleted()) {
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
        branches.abandonPending();
        runtime.contexts().remove(key, this);
    }

    /** §16.7 steps 6 and 7: the best stored response goes upstream. */
    private void sendBest() {
        sendFinal(UpstreamFinal.best(runtime.forwarder(), request, finals), null);
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

    State state() {
        return state;
    }
}
