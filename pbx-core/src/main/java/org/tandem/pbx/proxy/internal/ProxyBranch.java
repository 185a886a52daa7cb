package org.tandem.pbx.proxy.internal;

import gov.nist.javax.sip.ReleaseReferencesStrategy;
import gov.nist.javax.sip.stack.SIPClientTransaction;
import javax.sip.ClientTransaction;
import javax.sip.ObjectInUseException;
import javax.sip.ResponseEvent;
import javax.sip.SipException;
import javax.sip.TimeoutEvent;
import javax.sip.address.Hop;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandem.pbx.forwarding.Forwarder;
import org.tandem.pbx.sip.ClientTransactionListener;
import org.tandem.pbx.sip.NextHopRouter;

/**
 * One forwarded copy of a request and its client transaction (RFC 3261 §16.6 step 10). States:
 * CALLING (sent, nothing back) → PROCEEDING (provisional received) → COMPLETED (final received,
 * timed out, or could not be sent). Runs on the Call-ID stripe, like its response context.
 */
final class ProxyBranch implements ClientTransactionListener {

    private static final Logger log = LoggerFactory.getLogger(ProxyBranch.class);

    /**
     * What a non-INVITE client transaction answers to once its branch has its final response. Such a transaction
     * stays Completed for Timer K (T4, 5 s over UDP, RFC 3261 §17.1.2.2) and absorbs retransmitted finals itself; a
     * branch in COMPLETED ignored anything else that came. As the transaction's application data the branch kept its
     * request and its response context (that one's request too) for those seconds: two parsed BYEs per call, most of
     * a call's heap that young collections copied at 1,000 calls/s (issue 23). So the branch lets go of its
     * transaction and this stands in for it.
     */
    private static final ClientTransactionListener ANSWERED = new ClientTransactionListener() {
        @Override
        public void onResponse(ResponseEvent event) {
            // a late provisional or a duplicate final of a branch already answered: nothing to do (as COMPLETED)
        }

        @Override
        public void onTimeout(TimeoutEvent event) {
            // the branch has its final response already
        }
    };

    enum State {
        CALLING,
        PROCEEDING,
        COMPLETED
    }

    private final ResponseContext context;
    private final Forwarder forwarder;
    private final Request request;
    private final Hop hop;
    private final int stage;
    private final String label;
    private final String extension;
    private ClientTransaction transaction;
    private State state = State.CALLING;
    private boolean cancelWanted;

    /**
     * @param stage     the route step this branch belongs to (0 for requests that are not routed calls)
     * @param label     what call records show if this branch answers, or null
     * @param extension the local extension this branch rings, or null
     */
    ProxyBranch(
            ResponseContext context,
            Forwarder forwarder,
            Request request,
            Hop hop,
            int stage,
            String label,
            String extension) {
        this.stage = stage;
        this.label = label;
        this.extension = extension;
        this.context = context;
        this.forwarder = forwarder;
        this.request = request;
        this.hop = hop;
    }

    /** Sends the copy in a new client transaction; a failure counts as a 503 (§16.9). */
    void send() {
        try {
            NextHopRouter.sendVia(hop, () -> {
                transaction = forwarder.transports().provider().getNewClientTransaction(request);
                transaction.setApplicationData(this);
                keepNoCopyOfTheRequest(transaction);
                transaction.sendRequest();
                return null;
            });
        } catch (SipException | RuntimeException e) {
            log.info(
                    "Cannot send {} to {} ({}): {}", request.getMethod(), hop, request.getRequestURI(), e.getMessage());
            complete(Response.SERVICE_UNAVAILABLE);
        }
    }

    /**
     * This branch keeps its request ({@link #request}) while it needs it, so a non-INVITE's client transaction need
     * keep no copy once answered: jain-sip's "Aggressive" release for this one transaction, under which it keeps
     * neither the parsed request nor its bytes (~0.5 KB a forwarded BYE) in its Completed state, Timer K (T4, 5 s
     * over UDP, RFC 3261 §17.1.2.2), when it only absorbs retransmitted finals. Issue 23: those bytes were the
     * largest part of what a call left alive for its first seconds. An INVITE's keeps its request: in Completed it
     * acknowledges retransmitted non-2xx finals from it (§17.1.1.3), and a CANCEL is built from it (§9.1).
     */
    private static void keepNoCopyOfTheRequest(ClientTransaction tx) {
        if (tx instanceof SIPClientTransaction ct && !Request.INVITE.equals(ct.getMethod())) {
            ct.setReleaseReferencesStrategy(ReleaseReferencesStrategy.Aggressive);
        }
    }

    /**
     * RFC 3261 §16.10 / §9.1: CANCEL this branch. A CANCEL may only follow a provisional response, so
     * a branch still CALLING is cancelled as soon as its first provisional arrives.
     */
    void cancel() {
        if (!Request.INVITE.equals(request.getMethod())) return;
        if (state == State.PROCEEDING) {
            sendCancel();
        } else if (state == State.CALLING) {
            cancelWanted = true;
        }
    }

    private void sendCancel() {
        cancelWanted = false;
        try {
            Request cancel = transaction.createCancel();
            NextHopRouter.sendVia(hop, () -> {
                ClientTransaction ct = forwarder.transports().provider().getNewClientTransaction(cancel);
                ct.sendRequest();
                return null;
            });
        } catch (SipException | RuntimeException e) {
            log.debug("CANCEL towards {} failed: {}", hop, e.getMessage());
        }
    }

    @Override
    public void onResponse(ResponseEvent event) {
        Response response = event.getResponse();
        int status = response.getStatusCode();
        if (status < 200) {
            if (state == State.COMPLETED) return;
            if (state == State.CALLING) {
                state = State.PROCEEDING;
                if (cancelWanted) sendCancel();
            }
            context.onProvisional(this, response);
            return;
        }
        boolean first = state != State.COMPLETED;
        state = State.COMPLETED;
        context.onFinal(this, response, first);
        if (status / 100 == 2 && transaction != null && Request.INVITE.equals(request.getMethod())) {
            // §16.7 step 5: the first 2xx went upstream through the context; the transaction is over (§17.1.1.2), and
            // what it still passes up, 2xx retransmissions, goes the stray way as after its removal: forwarded
            // statelessly, its SDP anchored (StatelessForwarding). Meanwhile it kept the branch, the context and
            // both parsed INVITEs alive, most of what a young collection copied of a call (issue 23)
            transaction.setApplicationData(null);
        } else {
            releaseIfNotInvite();
        }
    }

    /**
     * A non-INVITE branch with its final response needs nothing more ({@link #ANSWERED}); an INVITE branch with a
     * non-2xx final stays (its transaction absorbs retransmissions itself, Timer D), one answered 2xx lets go of it
     * in {@link #onResponse}.
     */
    private void releaseIfNotInvite() {
        if (transaction != null && !Request.INVITE.equals(request.getMethod())) {
            transaction.setApplicationData(ANSWERED);
        }
    }

    @Override
    public void onTimeout(TimeoutEvent event) {
        // §16.8 / §16.7: a client transaction timeout is a 408 from this branch
        if (state != State.COMPLETED) complete(Response.REQUEST_TIMEOUT);
    }

    private void complete(int status) {
        state = State.COMPLETED;
        Response synthetic = forwarder.responder().create(request, status);
        context.onFinal(this, synthetic, true);
        releaseIfNotInvite();
    }

    /** Gives up on a branch that answered nothing in time (its transaction is ended, not answered). */
    void abandon() {
        state = State.COMPLETED;
        if (transaction != null) {
            try {
                transaction.terminate();
            } catch (ObjectInUseException | RuntimeException e) {
                log.debug("Ending the transaction towards {}: {}", hop, e.getMessage());
            }
        }
    }

    boolean isCompleted() {
        return state == State.COMPLETED;
    }

    int stage() {
        return stage;
    }

    String label() {
        return label;
    }

    String extension() {
        return extension;
    }

    Hop hop() {
        return hop;
    }
}
