package org.tandem.pbx.trunk.internal;

import java.text.ParseException;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.header.ContactHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leg on which the gateway received the INVITE (its user agent server side): the proxy's spiral
 * for an outbound call, the provider's INVITE for an inbound one. States: PROCEEDING (provisionals may
 * go back) → ANSWERED (2xx sent, retransmitted on UDP until the ACK, RFC 3261 §13.3.1.4) → CONFIRMED,
 * or ENDED (a final non-2xx went back, or CANCEL). Runs on the call's stripe.
 */
final class UasLeg {

    private static final Logger log = LoggerFactory.getLogger(UasLeg.class);
    private static final Duration T1 = Duration.ofMillis(500);
    private static final Duration T2 = Duration.ofSeconds(4);

    enum State {
        PROCEEDING,
        ANSWERED,
        CONFIRMED,
        ENDED
    }

    private final GatewaySip sip;
    private final ServerTransaction server;
    final Request invite;
    final String contactUser;
    final String transport;
    final LegDialog dialog;
    private State state = State.PROCEEDING;
    private Response answer;
    private ScheduledFuture<?> retransmit;
    private Duration interval = T1;
    private long answeredAt;
    private Runnable onAckTimeout = () -> {};

    UasLeg(GatewaySip sip, ServerTransaction server, Request invite, String contactUser, String transport) {
        this.sip = sip;
        this.server = server;
        this.invite = invite;
        this.contactUser = contactUser;
        this.transport = transport;
        this.dialog = LegDialog.asUas(invite, sip.token(6));
    }

    State state() {
        return state;
    }

    /** 100 Trying, at once: the provider or the proxy stops retransmitting (§17.2.1). */
    void trying() {
        sip.responder().reply(server, invite, Response.TRYING);
    }

    /** A provisional (180, 183 with early media SDP) from the other leg, passed on with our tag. */
    void provisional(Response from) {
        if (state != State.PROCEEDING) return;
        send(response(from.getStatusCode(), from.getReasonPhrase(), from));
    }

    /** The other leg answered: 2xx with its SDP, retransmitted until the ACK on unreliable transports. */
    void answer(Response from, Runnable ackTimedOut) {
        if (state != State.PROCEEDING) return;
        answer = response(from.getStatusCode(), from.getReasonPhrase(), from);
        onAckTimeout = ackTimedOut;
        state = State.ANSWERED;
        answeredAt = System.nanoTime();
        send(answer);
        if ("udp".equalsIgnoreCase(transport)) retransmit = sip.later(dialog.callId, interval, this::retransmit);
    }

    /** A final non-2xx answer (from the other leg, or ours), unless one was already sent. */
    void fail(int status, String reason) {
        if (state != State.PROCEEDING) return;
        state = State.ENDED;
        send(response(status, reason, null));
    }

    /** The ACK for our 2xx arrived. */
    void acked() {
        if (state == State.ANSWERED) state = State.CONFIRMED;
        if (retransmit != null) retransmit.cancel(false);
    }

    void end() {
        state = State.ENDED;
        if (retransmit != null) retransmit.cancel(false);
    }

    private void retransmit() {
        if (state != State.ANSWERED) return;
        if (Duration.ofNanos(System.nanoTime() - answeredAt).compareTo(T1.multipliedBy(64)) >= 0) {
            // §13.3.1.4: no ACK within 64*T1: the dialog is confirmed and then ended with a BYE
            log.info("No ACK for the 2xx of call {}; ending it", dialog.callId);
            onAckTimeout.run();
            return;
        }
        try {
            sip.transports().provider().sendResponse(answer);
        } catch (SipException | RuntimeException e) {
            log.debug("Retransmitting 2xx of {}: {}", dialog.callId, e.getMessage());
        }
        interval = interval.multipliedBy(2).compareTo(T2) > 0 ? T2 : interval.multipliedBy(2);
        retransmit = sip.later(dialog.callId, interval, this::retransmit);
    }

    private Response response(int status, String reason, Message bodyFrom) {
        Response r = sip.responder().create(invite, status);
        try {
            ((ToHeader) r.getHeader(ToHeader.NAME)).setTag(dialog.localTag);
            if (reason != null) r.setReasonPhrase(reason);
            if (status < 300) {
                ContactHeader contact = sip.contact(contactUser, transport);
                r.setHeader(contact);
            }
            if (bodyFrom != null) GatewaySip.copyBody(bodyFrom, r);
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
        return r;
    }

    private void send(Response r) {
        sip.responder().send(server, invite, r);
    }

    boolean isInviteServerTransaction(ServerTransaction tx) {
        return tx == server;
    }
}
