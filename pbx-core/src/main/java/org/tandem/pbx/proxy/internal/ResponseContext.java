package org.tandem.pbx.proxy.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.address.Hop;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The response context of one proxied request (RFC 3261 §16.7): its server transaction, its
 * branches, the final responses collected so far. States: PROCEEDING (no final sent upstream),
 * COMPLETED (a final non-2xx sent), ACCEPTED (a 2xx sent; later 2xx are still forwarded, §16.7
 * step 5). INVITE only: provisional forwarding, CANCEL of the other branches, the no-answer timer.
 * Every method runs on the request's Call-ID stripe.
 */
final class ResponseContext {

    private static final Logger log = LoggerFactory.getLogger(ResponseContext.class);

    /**
     * How long branches may still answer after the final response went upstream (64*T1, as RFC 3261
     * §16.8 allows a cancelled branch); then they are given up and the context is forgotten.
     */
    static final Duration BRANCH_GRACE = Duration.ofSeconds(32);

    enum State { PROCEEDING, COMPLETED, ACCEPTED }

    private final ProxyRuntime runtime;
    private final Request request;
    private final ServerTransaction server;
    private final String key;
    private final String callId;
    private final boolean invite;
    private final String caller;
    private final String callee;
    private final List<ProxyBranch> branches = new ArrayList<>();
    private final List<Response> finals = new ArrayList<>();
    private State state = State.PROCEEDING;
    private boolean forking;
    private boolean early;
    private ScheduledFuture<?> noAnswer;
    private boolean reaperScheduled;

    /**
     * @param request the request as received, after route preprocessing (§16.4)
     * @param caller  the local extension that placed the call (authenticated), or null
     * @param callee  the local extension called, or null (both null: no dialog events, e.g. re-INVITE)
     */
    ResponseContext(ProxyRuntime runtime, Request request, ServerTransaction server, String caller,
                    String callee) {
        this.runtime = runtime;
        this.request = request;
        this.server = server;
        this.key = ResponseContexts.key(request);
        this.callId = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
        this.invite = Request.INVITE.equals(request.getMethod());
        this.caller = caller;
        this.callee = callee;
    }

    /** Adds a branch for {@code copy} (already carrying our Via), to be sent by {@link #start}. */
    void addBranch(Request copy, Hop hop) {
        branches.add(new ProxyBranch(this, runtime.forwarder(), copy, hop));
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
            noAnswer = runtime.scheduleOnStripe(callId, noAnswerTimeout, this::onNoAnswer);
        }
        maybeComplete();
    }

    /** §16.7 step 5: provisionals other than 100 are forwarded at once. */
    void onProvisional(Response response) {
        if (state != State.PROCEEDING || response.getStatusCode() == Response.TRYING) return;
        Response up = runtime.forwarder().upstreamCopy(response);
        if (up == null) return;
        runtime.forwarder().responder.send(server, request, up);
        if (invite && !early && ((ToHeader) response.getHeader(ToHeader.NAME)).getTag() != null) {
            early = true;
            runtime.dialogs().early(callId, caller, callee);
        }
    }

    /**
     * A final response on a branch (received, or synthesised for a timeout or a send failure).
     *
     * @param first false for a retransmission of the branch's final response
     */
    void onFinal(Response response, boolean first) {
        int status = response.getStatusCode();
        if (status / 100 == 2) {
            onSuccess(response);
        } else if (first) {
            if (state == State.PROCEEDING) finals.add(response);
            if (invite && status >= 600 && state == State.PROCEEDING) cancelBranches(); // §16.7 step 5
        }
        maybeComplete();
    }

    /** §16.7 step 5: every 2xx to an INVITE is forwarded immediately; the first one ends the race. */
    private void onSuccess(Response response) {
        Response up = runtime.forwarder().upstreamCopy(response);
        if (up == null) return;
        if (state == State.PROCEEDING) {
            runtime.forwarder().responder.send(server, request, up);
            state = State.ACCEPTED;
            stopNoAnswerTimer();
            if (invite) {
                cancelBranches(); // §16.7 step 10: CANCEL the branches still pending
                runtime.dialogs().confirmed(callId, caller, callee);
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

    /** Timer C (§16.8), here a no-answer timer: CANCEL the branches and answer 408. */
    void onNoAnswer() {
        noAnswer = null;
        if (state != State.PROCEEDING) return;
        log.info("No answer to INVITE {} within the invite timeout: cancelling {} branch(es)", callId, branches.size());
        cancelBranches();
        sendFinal(runtime.forwarder().responder.create(request, Response.REQUEST_TIMEOUT));
    }

    /** §16.10: the caller cancelled. CANCEL every pending branch and end the INVITE with 487. */
    void onUpstreamCancel() {
        if (state != State.PROCEEDING) return;
        cancelBranches();
        sendFinal(runtime.forwarder().responder.create(request, Response.REQUEST_TERMINATED));
    }

    private void cancelBranches() {
        for (ProxyBranch b : branches) {
            if (!b.isCompleted()) b.cancel();
        }
    }

    private boolean allCompleted() {
        for (ProxyBranch b : branches) {
            if (!b.isCompleted()) return false;
        }
        return true;
    }

    private void maybeComplete() {
        if (forking) return;
        if (!allCompleted()) {
            if (state != State.PROCEEDING && !reaperScheduled) {
                // a branch that never answers its CANCEL must not keep this context forever
                reaperScheduled = true;
                runtime.scheduleOnStripe(callId, BRANCH_GRACE, this::abandonPendingBranches);
            }
            return;
        }
        if (state == State.PROCEEDING) sendBest();
        stopNoAnswerTimer();
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
            sendFinal(runtime.forwarder().responder.create(request, Response.REQUEST_TIMEOUT));
            return;
        }
        if (up.getStatusCode() == Response.SERVICE_UNAVAILABLE) {
            try {
                up.setStatusCode(Response.SERVER_INTERNAL_ERROR);
                up.setReasonPhrase("Next hop unavailable");
            } catch (java.text.ParseException e) {
                throw new IllegalStateException(e);
            }
        }
        BestResponse.aggregateChallenges(up, finals);
        ToHeader to = (ToHeader) up.getHeader(ToHeader.NAME);
        if (to.getTag() == null) {
            // a response we synthesised for a branch (timeout, send failure): §8.2.6.2 To tag
            Response own = runtime.forwarder().responder.create(request, up.getStatusCode());
            try {
                to.setTag(((ToHeader) own.getHeader(ToHeader.NAME)).getTag());
            } catch (java.text.ParseException e) {
                throw new IllegalStateException(e);
            }
        }
        sendFinal(up);
    }

    private void sendFinal(Response response) {
        state = State.COMPLETED;
        stopNoAnswerTimer();
        runtime.forwarder().responder.send(server, request, response);
        if (invite && early) runtime.dialogs().failed(callId, caller, callee);
    }

    private void stopNoAnswerTimer() {
        if (noAnswer != null) {
            noAnswer.cancel(false);
            noAnswer = null;
        }
    }

    State state() {
        return state;
    }
}
