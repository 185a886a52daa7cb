package org.tandem.pbx.trunk.internal;

import java.text.ParseException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import javax.sip.ClientTransaction;
import javax.sip.ResponseEvent;
import javax.sip.SipException;
import javax.sip.TimeoutEvent;
import javax.sip.address.URI;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.Header;
import javax.sip.header.ProxyAuthenticateHeader;
import javax.sip.header.ProxyAuthorizationHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandem.pbx.auth.ClientDigest;
import org.tandem.pbx.sip.ClientTransactionListener;

/**
 * The leg on which the gateway sends the INVITE (its user agent client side): to the trunks of the
 * route in failover order, or into the proxy. Per target: INVITE → (401/407 → INVITE with credentials,
 * RFC 3261 §22.2, same Call-ID, next CSeq) → provisionals → final. Fails over to the next target on
 * 5xx, 6xx, timeouts and transport failures, not on other 4xx (the callee's answer: 404, 486...).
 * Runs on the call's stripe (its Call-IDs are chosen to land there).
 */
final class UacLeg implements ClientTransactionListener {

    private static final Logger log = LoggerFactory.getLogger(UacLeg.class);

    /** What the leg tells its call. */
    interface Events {
        void attempt(UacTarget target);

        void attemptEnded(UacTarget target, int status);

        void provisional(Response response);

        void answered(Response response);

        void failed(int status, String reason);
    }

    private final GatewaySip sip;
    private final Message offer;
    private final String homeCallId;
    private final List<UacTarget> targets;
    private final Duration providerTimeout;
    private final Events events;
    private int index = -1;
    private UacTarget target;
    private ClientTransaction tx;
    private Request sent;
    private boolean challenged;
    private boolean provisionalSeen;
    private boolean cancelled;
    private boolean done;
    private ScheduledFuture<?> noAnswer;
    /** Call-IDs of attempts given up on, so that a late 2xx from one can be ended. */
    private final Map<String, UacTarget> formerTargets = new HashMap<>();

    final String contactUser;
    LegDialog dialog;

    UacLeg(
            GatewaySip sip,
            Message offer,
            String homeCallId,
            List<UacTarget> targets,
            Duration providerTimeout,
            String contactUser,
            Events events) {
        this.sip = sip;
        this.offer = offer;
        this.homeCallId = homeCallId;
        this.targets = targets;
        this.providerTimeout = providerTimeout;
        this.contactUser = contactUser;
        this.events = events;
    }

    void start() {
        next(0, null);
    }

    UacTarget target() {
        return target;
    }

    String transport() {
        return target.transport();
    }

    /** RFC 3261 §9.1: CANCEL once a provisional came; before that, as soon as one comes. */
    void cancel() {
        if (done || cancelled) return;
        cancelled = true;
        if (noAnswer != null) noAnswer.cancel(false);
        if (provisionalSeen) sendCancel();
    }

    private void next(int status, String reason) {
        if (noAnswer != null) noAnswer.cancel(false);
        if (target != null) {
            events.attemptEnded(target, status);
            formerTargets.put(dialog.callId, target);
        }
        index++;
        if (cancelled || index >= targets.size()) {
            done = true;
            events.failed(
                    status == 0 ? Response.SERVICE_UNAVAILABLE : status,
                    reason == null ? "No trunk could take the call" : reason);
            return;
        }
        target = targets.get(index);
        challenged = false;
        provisionalSeen = false;
        String callId = sip.callIdOnStripeOf(homeCallId);
        dialog = new LegDialog(callId, target.from(), sip.token(6), target.to(), 0);
        dialog.remoteTarget = target.requestUri();
        events.attempt(target);
        try {
            sendInvite(null);
        } catch (ParseException | SipException | RuntimeException e) {
            log.info("Cannot send INVITE to {} ({}): {}", target.hop(), target.trunk(), e.getMessage());
            next(Response.SERVICE_UNAVAILABLE, "Trunk " + target.trunk() + " unreachable");
        }
    }

    private void sendInvite(Header credentials) throws ParseException, SipException {
        Request invite = dialog.newRequest(sip, Request.INVITE);
        invite.setRequestURI((URI) target.requestUri().clone());
        invite.addFirst(sip.via(target.transport(), target.hop().getHost()));
        invite.setHeader(
                sip.contact(contactUser, target.transport(), target.hop().getHost()));
        for (Header h : target.headers().apply(dialog.callId)) invite.addHeader(h);
        if (credentials != null) invite.addHeader(credentials);
        GatewaySip.copyBody(offer, invite);
        if (target.offer() != null) {
            invite.setContent(target.offer(), sip.headers().createContentTypeHeader("application", "sdp"));
        }
        sent = invite;
        tx = sip.send(invite, target.hop(), this);
        noAnswer = sip.later(homeCallId, providerTimeout, this::providerSilent);
    }

    private void providerSilent() {
        if (done || provisionalSeen) return;
        log.info(
                "No answer from {} within {}; trying the next trunk",
                target.trunk() == null ? "the proxy" : "trunk " + target.trunk(),
                providerTimeout);
        // the transaction is left to time out (timer B): a late answer still reaches us and is ended
        next(Response.REQUEST_TIMEOUT, "Trunk " + target.trunk() + " did not answer");
    }

    @Override
    public void onResponse(ResponseEvent event) {
        Response r = event.getResponse();
        if (event.getClientTransaction() != tx) {
            // a former attempt's transaction: end what it brings (§9.1 CANCEL once it rings, or ACK + BYE)
            if (r.getStatusCode() / 100 == 2) lateAnswer(r);
            else if (r.getStatusCode() > 100 && r.getStatusCode() < 200) cancelFormer(event.getClientTransaction(), r);
            return;
        }
        int status = r.getStatusCode();
        if (status < 200) {
            if (status > 100) {
                if (!provisionalSeen && noAnswer != null) noAnswer.cancel(false);
                provisionalSeen = true;
                if (cancelled) {
                    sendCancel();
                    return;
                }
                events.provisional(r);
            } else {
                provisionalSeen = true; // 100 Trying: the provider is there; ringing time is the callee's
                if (noAnswer != null) noAnswer.cancel(false);
                if (cancelled) sendCancel();
            }
            return;
        }
        if (noAnswer != null) noAnswer.cancel(false);
        if (done) {
            if (status / 100 == 2) lateAnswer(r);
            return;
        }
        if ((status == 401 || status == 407) && !challenged && !cancelled && target.authUser() != null) {
            challenged = true;
            if (answerChallenge(r)) return;
        }
        if (status / 100 == 2) {
            done = true;
            dialog.confirmAsUac(r);
            events.attemptEnded(target, status);
            if (cancelled) {
                ack(r, null);
                bye();
                return;
            }
            events.answered(r);
            return;
        }
        boolean failover = status >= 500 || status == 401 || status == 407 || status == 408;
        if (failover && !cancelled && index + 1 < targets.size()) {
            log.info("Trunk {} answered {} {}; trying the next trunk", target.trunk(), status, r.getReasonPhrase());
            next(status, r.getReasonPhrase());
            return;
        }
        done = true;
        events.attemptEnded(target, status);
        events.failed(
                status == 401 || status == 407 ? Response.FORBIDDEN : status,
                status == 401 || status == 407 ? "The provider refused the trunk's credentials" : r.getReasonPhrase());
    }

    private boolean answerChallenge(Response r) {
        ListIterator<?> it =
                r.getHeaders(r.getStatusCode() == 401 ? WWWAuthenticateHeader.NAME : ProxyAuthenticateHeader.NAME);
        while (it != null && it.hasNext()) {
            WWWAuthenticateHeader challenge = (WWWAuthenticateHeader) it.next();
            var value = ClientDigest.answer(
                    challenge,
                    Request.INVITE,
                    target.requestUri().toString(),
                    target.authUser(),
                    target.password() == null ? "" : target.password(),
                    1);
            if (value.isEmpty()) continue;
            try {
                String name = r.getStatusCode() == 401 ? AuthorizationHeader.NAME : ProxyAuthorizationHeader.NAME;
                sendInvite(sip.headers().createHeader(name, value.get()));
                return true;
            } catch (ParseException | SipException | RuntimeException e) {
                log.info("Cannot answer the challenge of trunk {}: {}", target.trunk(), e.getMessage());
                return false;
            }
        }
        log.info("Trunk {} challenged with no algorithm we know", target.trunk());
        return false;
    }

    @Override
    public void onTimeout(TimeoutEvent event) {
        if (done || event.getClientTransaction() != tx) return;
        next(Response.REQUEST_TIMEOUT, "Trunk " + target.trunk() + " did not answer");
    }

    private void cancelFormer(ClientTransaction former, Response provisional) {
        UacTarget t = formerTargets.get(((CallIdHeader) provisional.getHeader(CallIdHeader.NAME)).getCallId());
        if (t == null || former == null) return;
        try {
            sip.send(former.createCancel(), t.hop(), new IgnoreResponses());
        } catch (SipException | RuntimeException e) {
            log.debug("CANCEL of a former attempt failed: {}", e.getMessage());
        }
    }

    private void sendCancel() {
        try {
            Request cancel = tx.createCancel();
            sip.send(cancel, target.hop(), new IgnoreResponses());
        } catch (SipException | RuntimeException e) {
            log.debug("CANCEL towards {} failed: {}", target.hop(), e.getMessage());
        }
    }

    /** §13.2.2.4: ACK for a 2xx, outside any transaction, with the offer's answer when the INVITE had none. */
    void ack(Response ok, Request bodyFrom) {
        ack(dialog, target, ok, bodyFrom);
    }

    private void ack(LegDialog d, UacTarget t, Response ok, Request bodyFrom) {
        try {
            long cseq = ((CSeqHeader) ok.getHeader(CSeqHeader.NAME)).getSeqNumber();
            Request ack = d.newRequest(sip, Request.ACK, cseq);
            ack.addFirst(sip.via(t.transport()));
            if (bodyFrom != null) GatewaySip.copyBody(bodyFrom, ack);
            sip.sendStateless(ack, d.routeSet.isEmpty() ? t.hop() : null);
        } catch (ParseException | SipException | RuntimeException e) {
            log.info("Cannot ACK the answer on {}: {}", d.callId, e.getMessage());
        }
    }

    /**
     * A 2xx that is not the answer we wait for. A retransmission of the one we took is ACKed again
     * (§13.2.2.4); one from a former attempt (a trunk we gave up on, a race with CANCEL) is ACKed and
     * ended with BYE, so the provider does not keep a call open that nobody is in.
     */
    private void lateAnswer(Response r) {
        String callId = ((CallIdHeader) r.getHeader(CallIdHeader.NAME)).getCallId();
        boolean current = dialog != null && callId.equals(dialog.callId);
        if (current && dialog.remoteTag != null && !cancelled) {
            if (offerHadBody()) ack(r, null);
            return;
        }
        UacTarget former = current ? target : formerTargets.get(callId);
        if (former == null) return;
        FromHeader from = (FromHeader) r.getHeader(FromHeader.NAME);
        ToHeader to = (ToHeader) r.getHeader(ToHeader.NAME);
        LegDialog stray = new LegDialog(
                callId,
                from.getAddress(),
                from.getTag(),
                to.getAddress(),
                ((CSeqHeader) r.getHeader(CSeqHeader.NAME)).getSeqNumber());
        stray.remoteTarget = former.requestUri();
        stray.confirmAsUac(r);
        log.info(
                "Late answer on {} from {}: ACK and BYE",
                callId,
                former.trunk() == null ? "the proxy" : former.trunk());
        ack(stray, former, r, null);
        bye(stray, former);
    }

    void bye() {
        bye(dialog, target);
    }

    private void bye(LegDialog d, UacTarget t) {
        try {
            Request bye = d.newRequest(sip, Request.BYE);
            bye.addFirst(sip.via(t.transport()));
            sip.send(bye, d.routeSet.isEmpty() ? t.hop() : null, new IgnoreResponses());
        } catch (ParseException | SipException | RuntimeException e) {
            log.debug("BYE on {} failed: {}", d.callId, e.getMessage());
        }
    }

    boolean offerHadBody() {
        return offer.getRawContent() != null && offer.getRawContent().length > 0;
    }

    Request sentInvite() {
        return sent;
    }

    /** For requests whose answer nobody waits for (CANCEL, BYE of an ended call). */
    static final class IgnoreResponses implements ClientTransactionListener {
        @Override
        public void onResponse(ResponseEvent event) {}

        @Override
        public void onTimeout(TimeoutEvent event) {}
    }
}
