package org.tandem.pbx.ua;

import gov.nist.javax.sip.stack.HopImpl;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
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
import org.tandem.media.sdp.MediaDescription;
import org.tandem.media.sdp.SessionDescription;
import org.tandem.pbx.call.HangupSide;
import org.tandem.pbx.registrar.Binding;
import org.tandem.pbx.sip.ClientTransactionListener;
import org.tandem.pbx.sip.InboundRequest;
import org.tandem.pbx.sip.NextHopRouter;

/**
 * A call this process places to one registered phone with media of its own (RFC 3261 §13 as a UAC), e.g. to a queue
 * agent: INVITE along the phone's registered flow with an offer of a media session of this process (PCMU, PCMA,
 * telephone-event), ringing until the phone answers or the ring time is over (then CANCEL, §9.1); the 2xx is ACKed and
 * its answer becomes the session's remote side; BYE either way. Everything runs on the call's Call-ID stripe; the
 * {@link Listener} is told there. Made by {@link MediaCalls#place}.
 */
public final class PlacedCall implements LocalDialogListener, MediaEvents {

    /** What became of a placed call; every method runs on the placed call's stripe. */
    public interface Listener {

        /** The phone answered: {@link #media()} flows both ways. */
        void answered(PlacedCall call);

        /** No answer: the phone's final error (486 busy, 603 declined), 487 after our CANCEL, 408 after the ring time. */
        void failed(PlacedCall call, int status);

        /** An answered call is over ({@code side} CALLEE: the phone hung up; SYSTEM: we did, or its RTP stopped). */
        void ended(PlacedCall call, HangupSide side);
    }

    private static final Logger log = LoggerFactory.getLogger(PlacedCall.class);

    private final MediaCalls parts;
    private final String callId;
    private final Binding phone;
    private final String transport;
    private final HopImpl hop;
    private final Listener listener;
    private final Executor stripe;
    private MediaSession media;
    private Dialog dialog;
    private ClientTransaction invite;
    private ScheduledFuture<?> ringTimer;
    private boolean answered;
    private boolean over;
    private boolean told;

    PlacedCall(MediaCalls parts, String callId, Binding phone, Listener listener) {
        this.parts = parts;
        this.callId = callId;
        this.phone = phone;
        this.listener = listener;
        this.transport = phone.transport().toLowerCase(Locale.ROOT);
        this.hop = new HopImpl(phone.sourceAddress(), phone.sourcePort(), transport.toUpperCase(Locale.ROOT));
        this.stripe = task -> {
            if (!parts.stripes().execute(callId, task)) log.warn("Placed call {}: stripe queue full, event dropped", callId);
        };
    }

    public String callId() {
        return callId;
    }

    /** The phone rung. */
    public Binding phone() {
        return phone;
    }

    /** The session of this leg (null before the INVITE went out). */
    public MediaSession media() {
        return media;
    }

    public boolean isAnswered() {
        return answered;
    }

    public boolean isOver() {
        return over;
    }

    /** Runs {@code task} on this call's stripe. */
    public void execute(Runnable task) {
        stripe.execute(task);
    }

    /**
     * Rings the phone (on the stripe) as {@code from} ({@code display} shown) calling {@code to}.
     *
     * @param headers extra headers, {@code Name: value} (e.g. an Alert-Info)
     */
    void ring(String fromUser, String display, String toUser, String domain, Duration ringFor, List<String> headers) {
        try {
            media = parts.engine().answer(offerShape(phone.sourceAddress()),
                    java.net.InetAddress.getByName(phone.sourceAddress()), this, stripe);
            AddressFactory addresses = parts.transports().addressFactory();
            HeaderFactory h = parts.transports().headerFactory();
            ViaHeader via = h.createViaHeader(parts.transports().advertisedHost(), parts.transports().port(transport),
                    transport, null);
            via.setRPort();
            Address from = addresses.createAddress(display, addresses.createSipURI(fromUser, domain));
            Request request = parts.transports().messageFactory().createRequest(addresses.createURI(phone.contactUri()),
                    Request.INVITE, h.createCallIdHeader(callId), h.createCSeqHeader(1L, Request.INVITE),
                    h.createFromHeader(from, Long.toHexString(ThreadLocalRandom.current().nextLong())),
                    h.createToHeader(addresses.createAddress(addresses.createSipURI(toUser, domain)), null),
                    new ArrayList<>(List.of(via)), h.createMaxForwardsHeader(70));
            request.addHeader(parts.contact(transport, phone.sourceAddress()));
            request.addHeader(h.createAllowHeader(MediaCall.ALLOW));
            for (String header : headers) {
                int colon = header.indexOf(':');
                request.addHeader(h.createHeader(header.substring(0, colon).strip(), header.substring(colon + 1).strip()));
            }
            request.setContent(parts.answerSeenBy(media.answerSdp(), phone.sourceAddress()),
                    h.createContentTypeHeader("application", "sdp"));
            invite = parts.transports().provider().getNewClientTransaction(request);
            dialog = parts.transports().provider().getNewDialog(invite);
            dialog.setApplicationData(this);
            invite.setApplicationData(new ClientTransactionListener() {
                @Override
                public void onResponse(ResponseEvent e) {
                    Response response = e.getResponse();
                    Dialog answeredIn = e.getDialog();
                    stripe.execute(() -> response(response, answeredIn));
                }

                @Override
                public void onTimeout(TimeoutEvent e) {
                    stripe.execute(() -> failed(Response.REQUEST_TIMEOUT));
                }
            });
            NextHopRouter.sendVia(hop, () -> {
                invite.sendRequest();
                return null;
            });
            ringTimer = parts.timer().schedule(() -> stripe.execute(this::ringTimeout), ringFor.toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            log.info("Placed call {}: cannot ring {} at {}:{}: {}", callId, toUser, phone.sourceAddress(),
                    phone.sourcePort(), e.toString());
            failed(Response.SERVICE_UNAVAILABLE);
        }
    }

    /**
     * The engine answers offers only: it is given the shape of the offer we want to make (PCMU, PCMA, RFC 4733 events,
     * the phone's address), and its answer is what we offer the phone; the phone's answer then sets the far end.
     */
    private static String offerShape(String phoneAddress) {
        SessionDescription sdp = SessionDescription.create("tandem", 1, 1, "-", phoneAddress);
        sdp.add(MediaDescription.create("audio", 9, "RTP/AVP", List.of("0", "8", "101"))
                .addAttribute("rtpmap", "0 PCMU/8000").addAttribute("rtpmap", "8 PCMA/8000")
                .addAttribute("rtpmap", "101 telephone-event/8000").addAttribute("fmtp", "101 0-16"));
        return sdp.toString();
    }

    private void response(Response response, Dialog answeredIn) {
        int code = response.getStatusCode();
        if (code < 200) return;
        if (code >= 300) {
            failed(code);
            return;
        }
        if (answeredIn != null && answeredIn != dialog) {
            answeredIn.setApplicationData(this);
            dialog = answeredIn;
        }
        if (answered) return; // a retransmitted 2xx: the stack re-sends our ACK
        answered = true;
        if (ringTimer != null) ringTimer.cancel(false);
        try {
            Request ack = dialog.createAck(1L);
            NextHopRouter.sendVia(hop, () -> {
                dialog.sendAck(ack);
                return null;
            });
        } catch (Exception e) {
            log.info("Placed call {}: cannot ACK: {}", callId, e.toString());
        }
        if (over) { // answered just after we gave up: RFC 3261 §9.1, the 2xx that crossed our CANCEL is ended by BYE
            bye("Cancelled");
            return;
        }
        byte[] sdp = response.getRawContent();
        try {
            media.updateRemote(new String(sdp == null ? new byte[0] : sdp, StandardCharsets.UTF_8));
            media.confirmed();
        } catch (Exception e) {
            log.info("Placed call {}: the phone's answer does not fit ({}); hanging up", callId, e.getMessage());
            hangUp("Bad SDP answer");
            return;
        }
        listener.answered(this);
    }

    private void ringTimeout() {
        if (answered || over) return;
        cancel();
        told = true;
        listener.failed(this, Response.REQUEST_TIMEOUT);
    }

    /** Stops ringing (CANCEL, RFC 3261 §9.1) or, once answered, hangs up. No listener call for a CANCEL we send. */
    public void cancel() {
        if (answered) {
            hangUp("Cancelled");
            return;
        }
        if (over) return;
        over = true;
        if (ringTimer != null) ringTimer.cancel(false);
        closeMedia();
        try {
            Request cancel = invite.createCancel();
            ClientTransaction ct = parts.transports().provider().getNewClientTransaction(cancel);
            NextHopRouter.sendVia(hop, () -> {
                ct.sendRequest();
                return null;
            });
        } catch (Exception e) {
            log.debug("Placed call {}: cannot CANCEL: {}", callId, e.toString());
        }
    }

    /** Ends an answered call from this side (BYE with a Reason, RFC 3326); the listener hears {@code ended(SYSTEM)}. */
    public void hangUp(String reason) {
        if (!answered || over) return;
        bye(reason);
        end(HangupSide.SYSTEM);
    }

    private void bye(String reason) {
        try {
            Request bye = dialog.createRequest(Request.BYE);
            bye.addHeader(parts.transports().headerFactory().createReasonHeader("SIP", 200, reason));
            ClientTransaction ct = parts.transports().provider().getNewClientTransaction(bye);
            NextHopRouter.sendVia(hop, () -> {
                dialog.sendRequest(ct);
                return null;
            });
        } catch (Exception e) {
            log.debug("Placed call {}: cannot send BYE: {}", callId, e.toString());
        }
    }

    /** A final error: the listener hears it once, unless we cancelled (then the 487 is ours). */
    private void failed(int status) {
        boolean cancelled = over;
        over = true;
        if (ringTimer != null) ringTimer.cancel(false);
        closeMedia();
        if (told || cancelled) return;
        told = true;
        listener.failed(this, status);
    }

    private void end(HangupSide side) {
        if (over) return;
        over = true;
        closeMedia();
        listener.ended(this, side);
    }

    private void closeMedia() {
        if (media != null) media.close();
    }

    @Override
    public void onInDialogRequest(InboundRequest request) {
        stripe.execute(() -> inDialog(request));
    }

    private void inDialog(InboundRequest request) {
        String method = request.method();
        if (Request.ACK.equals(method)) return;
        ServerTransaction tx = parts.responder().serverTransaction(request);
        if (tx == null) return;
        switch (method) {
            case Request.BYE -> {
                parts.responder().reply(tx, request.request(), Response.OK);
                end(HangupSide.CALLEE);
            }
            case Request.INVITE -> reInvite(tx, request);
            case Request.INFO -> {
                DtmfRelay.digit(request.request()).ifPresent(d -> {
                    if (!over) media.dtmfFromSipInfo(d);
                });
                parts.responder().reply(tx, request.request(), Response.OK);
            }
            case Request.OPTIONS, Request.UPDATE, Request.NOTIFY -> parts.responder().reply(tx, request.request(), Response.OK);
            default -> parts.responder().reply(tx, request.request(), Response.METHOD_NOT_ALLOWED);
        }
    }

    /** RFC 3264 §8: the phone's new offer (hold, resume) gets a new answer from the same session. */
    private void reInvite(ServerTransaction tx, InboundRequest request) {
        byte[] offer = request.request().getRawContent();
        try {
            if (over) {
                parts.responder().reply(tx, request.request(), Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
                return;
            }
            String answer = offer == null || offer.length == 0 ? media.answerSdp()
                    : media.updateRemote(new String(offer, StandardCharsets.UTF_8));
            Response ok = parts.responder().create(request.request(), Response.OK);
            ok.setHeader(parts.contact(request.transport(), request.sourceAddress()));
            ok.setContent(parts.answerSeenBy(answer, request.sourceAddress()),
                    parts.transports().headerFactory().createContentTypeHeader("application", "sdp"));
            parts.responder().send(tx, request.request(), ok);
        } catch (ParseException | RuntimeException | org.tandem.media.NoCommonCodecException e) {
            log.info("Re-INVITE of placed call {} refused: {}", callId, e.getMessage());
            parts.responder().reply(tx, request.request(), Response.NOT_ACCEPTABLE_HERE);
        }
    }

    @Override
    public void dtmf(char digit) {
        // a key the agent presses is not for the queue (yet)
    }

    @Override
    public void rtpTimeout() {
        log.info("Placed call {}: no RTP from the phone; hanging up", callId);
        hangUp("RTP timeout");
    }
}
