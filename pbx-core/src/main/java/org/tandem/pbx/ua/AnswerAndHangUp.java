package org.tandem.pbx.ua;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sip.Dialog;
import javax.sip.InvalidArgumentException;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.ReasonHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandem.pbx.call.CallAnswered;
import org.tandem.pbx.call.CallEnded;
import org.tandem.pbx.call.CallEvents;
import org.tandem.pbx.call.Disposition;
import org.tandem.pbx.call.HangupSide;
import org.tandem.pbx.concurrent.SerialExecutors;
import org.tandem.pbx.sip.AdvertisedHosts;
import org.tandem.pbx.sip.InboundRequest;
import org.tandem.pbx.sip.SipResponder;
import org.tandem.pbx.sip.SipTransports;

/**
 * The shortest call there is: answer (200 OK, every media stream declined), and hang up as soon as
 * the ACK arrives (RFC 3261 §13.3.1.4, §15) — how a feature code confirms that it was carried out.
 * The BYE carries a Reason saying what was done. Until media services exist this is the confirmation
 * a phone shows; later a short tone plays first.
 */
public final class AnswerAndHangUp implements LocalDialogListener {

    private static final Logger log = LoggerFactory.getLogger(AnswerAndHangUp.class);
    /** The ACK should come at once; if it never does, hang up anyway (§13.3.1.4 gives 64*T1). */
    private static final Duration ACK_WAIT = Duration.ofSeconds(32);

    private final SipTransports transports;
    private final SipResponder responder;
    private final CallEvents events;
    private final String callId;
    private final String label;
    private final String reason;
    /** issue 20: the BYE reaches a caller behind NAT along its INVITE's flow */
    private final CallerFlow flow;

    private Dialog dialog;
    private boolean hungUp;

    private AnswerAndHangUp(
            SipTransports transports,
            SipResponder responder,
            CallEvents events,
            String callId,
            String label,
            String reason,
            CallerFlow flow) {
        this.transports = transports;
        this.flow = flow;
        this.responder = responder;
        this.events = events;
        this.callId = callId;
        this.label = label;
        this.reason = reason;
    }

    /**
     * Answers {@code invite} on {@code server}; on the call's stripe.
     *
     * @param label  what call records show as the answering party (the feature code)
     * @param reason what was done, for the BYE's Reason header (e.g. "Do not disturb on")
     */
    public static void answer(
            SipTransports transports,
            SipResponder responder,
            CallEvents events,
            ScheduledExecutorService timer,
            SerialExecutors stripes,
            InboundRequest invite,
            ServerTransaction server,
            String label,
            String reason,
            AdvertisedHosts hosts) {
        String callId = ((CallIdHeader) invite.request().getHeader(CallIdHeader.NAME)).getCallId();
        AnswerAndHangUp call =
                new AnswerAndHangUp(transports, responder, events, callId, label, reason, CallerFlow.of(invite));
        if (!call.sendOk(invite, server, hosts.hostFor(invite.sourceAddress()))) return;
        timer.schedule(() -> stripes.execute(callId, call::hangUp), ACK_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private boolean sendOk(InboundRequest invite, ServerTransaction server, String contactHost) {
        Request request = invite.request();
        try {
            dialog = transports.provider().getNewDialog(server);
            dialog.setApplicationData(this);
            Response ok = responder.create(request, Response.OK);
            String host = transports.advertisedHost();
            ok.setHeader(LocalContact.on(transports, invite.transport(), contactHost));
            ContentTypeHeader sdp = transports.headerFactory().createContentTypeHeader("application", "sdp");
            byte[] offer = request.getRawContent();
            String body = offer != null && offer.length > 0 ? Sdp.declineAll(offer, host) : Sdp.inactiveOffer(host);
            ok.setContent(body, sdp);
            server.sendResponse(ok);
            events.publish(new CallAnswered(callId, Instant.now(), label));
            return true;
        } catch (SipException | ParseException | InvalidArgumentException | RuntimeException e) {
            log.warn("Cannot answer {} for {}: {}", request.getMethod(), label, e.getMessage());
            responder.send(server, request, responder.create(request, Response.SERVER_INTERNAL_ERROR));
            events.publish(new CallEnded(callId, Instant.now(), Disposition.FAILED, 500, HangupSide.SYSTEM));
            return false;
        }
    }

    @Override
    public void onInDialogRequest(InboundRequest request) {
        String method = request.method();
        if (Request.ACK.equals(method)) {
            hangUp();
        } else if (Request.BYE.equals(method)) {
            ServerTransaction tx = responder.serverTransaction(request);
            responder.reply(tx, request.request(), Response.OK);
            ended(HangupSide.CALLER);
        } else {
            ServerTransaction tx = responder.serverTransaction(request);
            responder.reply(tx, request.request(), Response.OK);
        }
    }

    private void hangUp() {
        if (hungUp || dialog == null) return;
        hungUp = true;
        try {
            Request bye = dialog.createRequest(Request.BYE);
            ReasonHeader why = transports.headerFactory().createReasonHeader("SIP", 200, reason);
            bye.addHeader(why);
            flow.send(() -> {
                dialog.sendRequest(transports.provider().getNewClientTransaction(bye));
                return null;
            });
        } catch (SipException | ParseException | InvalidArgumentException | RuntimeException e) {
            log.debug("Cannot hang up {} ({}): {}", callId, label, e.getMessage());
        }
        ended(HangupSide.SYSTEM);
    }

    private void ended(HangupSide side) {
        if (dialog == null) return;
        dialog = null;
        hungUp = true;
        events.publish(new CallEnded(callId, Instant.now(), Disposition.ANSWERED, 200, side));
    }
}
