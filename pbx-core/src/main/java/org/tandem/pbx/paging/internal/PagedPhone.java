package org.tandem.pbx.paging.internal;

import gov.nist.javax.sip.stack.HopImpl;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.TimeoutEvent;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandem.media.MediaEvents;
import org.tandem.media.MediaSession;
import org.tandem.pbx.call.CallAnswered;
import org.tandem.pbx.call.CallDirection;
import org.tandem.pbx.call.CallEnded;
import org.tandem.pbx.call.CallRouted;
import org.tandem.pbx.call.CallStarted;
import org.tandem.pbx.call.Disposition;
import org.tandem.pbx.call.HangupSide;
import org.tandem.pbx.registrar.Binding;
import org.tandem.pbx.routing.AutoAnswer;
import org.tandem.pbx.sip.ClientTransactionListener;
import org.tandem.pbx.sip.InboundRequest;
import org.tandem.pbx.sip.NextHopRouter;
import org.tandem.pbx.ua.LocalDialogListener;

/**
 * Tandem's call to one member phone of a page (RFC 3261 §13 as a UAC), along the phone's registered flow: an INVITE
 * with the vendors' auto-answer headers ({@link AutoAnswer}) and <em>no</em> offer (§13.2.1), so the phone offers in
 * its 2xx and the media engine, which only answers offers, answers in the ACK (§13.2.2.4). The answered phone's
 * session joins the page's mixer muted: it hears the caller, nobody hears it. Every event of it runs on the page
 * caller's Call-ID stripe ({@link Page#run}), so the page needs no locks. Each leg is a call record of its own,
 * linked to the page caller's.
 */
final class PagedPhone implements LocalDialogListener, MediaEvents {

    private static final Logger log = LoggerFactory.getLogger(PagedPhone.class);

    enum State { RINGING, CONNECTED, OVER }

    private final PagingService parts;
    private final Page page;
    private final String extension;
    private final Binding phone;
    private final String callId;
    private final String transport;
    private final HopImpl hop;
    private ClientTransaction invite;
    private Dialog dialog;
    private MediaSession media;
    private State state = State.RINGING;
    private boolean provisional;
    private boolean cancelWhenProvisional;
    private boolean answered;

    PagedPhone(PagingService parts, Page page, String extension, Binding phone) {
        this.parts = parts;
        this.page = page;
        this.extension = extension;
        this.phone = phone;
        this.transport = phone.transport().toLowerCase(Locale.ROOT);
        this.hop = new HopImpl(phone.sourceAddress(), phone.sourcePort(), transport.toUpperCase(Locale.ROOT));
        this.callId = "page-" + UUID.randomUUID() + "@" + parts.transports().advertisedHost();
    }

    String extension() {
        return extension;
    }

    State state() {
        return state;
    }

    MediaSession media() {
        return media;
    }

    /** Calls the phone (on the page's stripe). */
    void ring() {
        Instant now = Instant.now();
        parts.events().publishEvent(new CallStarted(callId, now, page.callerExtension(), page.callerNumber(),
                page.callerName(), extension, CallDirection.INTERNAL, null, null, page.callId()));
        parts.events().publishEvent(new CallRouted(callId, now, "extension:" + extension, null, null));
        try {
            var transports = parts.transports();
            AddressFactory addresses = transports.addressFactory();
            HeaderFactory headers = transports.headerFactory();
            String domain = parts.domain().current();
            ViaHeader via = headers.createViaHeader(transports.advertisedHost(), transports.port(transport), transport,
                    null);
            via.setRPort();
            // the phones show who pages, and that it is a page
            Address from = addresses.createAddress("Page: " + page.callerDisplay(),
                    addresses.createSipURI(page.callerNumber(), domain));
            Request request = transports.messageFactory().createRequest(addresses.createURI(phone.contactUri()),
                    Request.INVITE, headers.createCallIdHeader(callId), headers.createCSeqHeader(1L, Request.INVITE),
                    headers.createFromHeader(from, Long.toHexString(ThreadLocalRandom.current().nextLong())),
                    headers.createToHeader(addresses.createAddress(addresses.createSipURI(extension, domain)), null),
                    new ArrayList<>(List.of(via)), headers.createMaxForwardsHeader(70));
            request.addHeader(parts.calls().contact(transport, phone.sourceAddress()));
            request.addHeader(headers.createAllowHeader("INVITE, ACK, BYE, CANCEL, OPTIONS, INFO, UPDATE"));
            for (String[] h : AutoAnswer.headers(domain)) request.addHeader(headers.createHeader(h[0], h[1]));
            invite = transports.provider().getNewClientTransaction(request);
            dialog = transports.provider().getNewDialog(invite);
            dialog.setApplicationData(this);
            invite.setApplicationData(new ClientTransactionListener() {
                @Override
                public void onResponse(ResponseEvent e) {
                    Response response = e.getResponse();
                    Dialog in = e.getDialog();
                    page.run(() -> responded(response, in));
                }

                @Override
                public void onTimeout(TimeoutEvent e) {
                    page.run(() -> failed(Response.REQUEST_TIMEOUT));
                }
            });
            NextHopRouter.sendVia(hop, () -> {
                invite.sendRequest();
                return null;
            });
            log.info("Page {}: calling {} at {}:{}/{} ({})", page.callId(), extension, phone.sourceAddress(),
                    phone.sourcePort(), transport, callId);
        } catch (Exception e) {
            log.info("Page {}: cannot call {}: {}", page.callId(), extension, e.toString());
            failed(Response.SERVER_INTERNAL_ERROR);
        }
    }

    private void responded(Response response, Dialog answeredIn) {
        int code = response.getStatusCode();
        if (code < 200) {
            provisional = true;
            if (cancelWhenProvisional) cancel();
            return;
        }
        if (code >= 300) {
            failed(code);
            return;
        }
        if (answered) return; // a retransmitted 2xx: the stack repeats our ACK
        answered = true;
        if (answeredIn != null && answeredIn != dialog) {
            answeredIn.setApplicationData(this);
            dialog = answeredIn;
        }
        byte[] offer = response.getRawContent();
        String answer = null;
        try {
            if (offer == null || offer.length == 0) throw new IllegalStateException("its 2xx carries no SDP offer");
            media = parts.engine().answer(new String(offer, StandardCharsets.UTF_8),
                    org.tandem.pbx.ua.MediaCalls.numericAddress(phone.sourceAddress()),
                    "tls".equals(transport), this, page::run);
            answer = parts.calls().answerSeenBy(media.answerSdp(), phone.sourceAddress());
        } catch (Exception e) {
            // RFC 3261 §13.2.2.4: the dialog exists now; it is acknowledged, then ended at once
            log.info("Page {}: {} answered with an offer Tandem cannot take: {}", page.callId(), extension, e.toString());
        }
        ack(answer);
        if (media == null || state == State.OVER) {
            state = State.CONNECTED;
            hangUp(HangupSide.SYSTEM);
            return;
        }
        state = State.CONNECTED;
        media.confirmed();
        parts.events().publishEvent(new CallAnswered(callId, Instant.now(), extension));
        page.connected(this);
    }

    private void ack(String answer) {
        try {
            Request ack = dialog.createAck(1L);
            if (answer != null) {
                ack.setContent(answer, parts.transports().headerFactory().createContentTypeHeader("application", "sdp"));
            }
            NextHopRouter.sendVia(hop, () -> {
                dialog.sendAck(ack);
                return null;
            });
        } catch (Exception e) {
            log.info("Page {}: cannot ACK {}: {}", page.callId(), extension, e.toString());
        }
    }

    /** The page is over (the caller hung up): a ringing phone is cancelled, a connected one gets a BYE. */
    void end() {
        if (state == State.CONNECTED) {
            hangUp(HangupSide.CALLER);
        } else if (state == State.RINGING) {
            state = State.OVER;
            // RFC 3261 §9.1: no CANCEL before a provisional response; it goes when one comes (a 2xx is BYEd)
            if (provisional) cancel();
            else cancelWhenProvisional = true;
            parts.events().publishEvent(new CallEnded(callId, Instant.now(), Disposition.CANCELLED, 487, HangupSide.CALLER));
        }
    }

    private void cancel() {
        cancelWhenProvisional = false;
        try {
            ClientTransaction ct = parts.transports().provider().getNewClientTransaction(invite.createCancel());
            NextHopRouter.sendVia(hop, () -> {
                ct.sendRequest();
                return null;
            });
        } catch (Exception e) {
            log.info("Page {}: cannot CANCEL {}: {}", page.callId(), extension, e.toString());
        }
    }

    private void failed(int code) {
        if (state != State.RINGING) return;
        state = State.OVER;
        log.info("Page {}: {} did not take the page: {}", page.callId(), extension, code);
        parts.events().publishEvent(new CallEnded(callId, Instant.now(), Disposition.ofFailure(code, false), code,
                HangupSide.CALLEE));
        page.left(this);
    }

    /** Ends a connected leg from this side (BYE); {@code side} is whom the call record names. */
    private void hangUp(HangupSide side) {
        if (state != State.CONNECTED) return;
        try {
            Request bye = dialog.createRequest(Request.BYE);
            ClientTransaction ct = parts.transports().provider().getNewClientTransaction(bye);
            NextHopRouter.sendVia(hop, () -> {
                dialog.sendRequest(ct);
                return null;
            });
        } catch (Exception e) {
            log.debug("Page {}: cannot send BYE to {}: {}", page.callId(), extension, e.toString());
        }
        over(side);
    }

    private void over(HangupSide side) {
        boolean wasAnswered = media != null;
        state = State.OVER;
        page.left(this);
        if (media != null) media.close();
        parts.events().publishEvent(new CallEnded(callId, Instant.now(),
                wasAnswered ? Disposition.ANSWERED : Disposition.FAILED, wasAnswered ? 200 : 488, side));
    }

    @Override
    public void onInDialogRequest(InboundRequest request) {
        page.run(() -> inDialog(request));
    }

    private void inDialog(InboundRequest request) {
        String method = request.method();
        if (Request.ACK.equals(method)) return;
        ServerTransaction tx = parts.responder().serverTransaction(request);
        if (tx == null) return;
        switch (method) {
            case Request.BYE -> {
                // a member may leave the page alone; the others go on hearing it
                parts.responder().reply(tx, request.request(), Response.OK);
                if (state == State.CONNECTED) over(HangupSide.CALLEE);
            }
            case Request.INVITE -> reInvite(tx, request);
            case Request.OPTIONS, Request.INFO, Request.UPDATE -> parts.responder().reply(tx, request.request(), Response.OK);
            default -> parts.responder().reply(tx, request.request(), Response.METHOD_NOT_ALLOWED);
        }
    }

    /** RFC 3264 §8: hold, resume or a codec change from the phone; answered from the same session. */
    private void reInvite(ServerTransaction tx, InboundRequest request) {
        byte[] offer = request.request().getRawContent();
        if (state != State.CONNECTED || media == null) {
            parts.responder().reply(tx, request.request(), Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
            return;
        }
        try {
            String answer = offer == null || offer.length == 0 ? media.answerSdp()
                    : media.updateRemote(new String(offer, StandardCharsets.UTF_8));
            Response ok = parts.responder().create(request.request(), Response.OK);
            ok.setHeader(parts.calls().contact(request.transport(), request.sourceAddress()));
            ok.setContent(parts.calls().answerSeenBy(answer, request.sourceAddress()),
                    parts.transports().headerFactory().createContentTypeHeader("application", "sdp"));
            parts.responder().send(tx, request.request(), ok);
        } catch (Exception e) {
            log.info("Page {}: re-INVITE of {} refused: {}", page.callId(), extension, e.toString());
            parts.responder().reply(tx, request.request(), Response.NOT_ACCEPTABLE_HERE);
        }
    }

    @Override
    public void rtpTimeout() {
        log.info("Page {}: no RTP from {}; hanging up its leg", page.callId(), extension);
        hangUp(HangupSide.SYSTEM);
    }
}
