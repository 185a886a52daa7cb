package org.tandem.pbx.ua;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.sip.Dialog;
import javax.sip.ServerTransaction;
import javax.sip.address.AddressFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandem.media.MediaEvents;
import org.tandem.media.MediaSession;
import org.tandem.media.NoCommonCodecException;
import org.tandem.pbx.call.HangupSide;
import org.tandem.pbx.registrar.Binding;
import org.tandem.pbx.sip.InboundRequest;

/**
 * A call this process places to one registered phone with media of its own (RFC 3261 §13 as a UAC), e.g. to a queue
 * agent or to a member phone of a page: an INVITE along the phone's registered flow, ringing until the phone answers,
 * the ring time is over or the owner cancels (CANCEL only once a provisional response came, §9.1); the 2xx is ACKed;
 * BYE either way. The INVITE either offers a media session of this process (PCMU, PCMA, telephone-event; the phone's
 * answer in the 2xx sets its far end) or carries no offer (§13.2.1: the phone offers in its 2xx, and the media
 * engine, which only answers offers, answers in the ACK, §13.2.2.4). Every event runs on one executor (the call's own
 * Call-ID stripe, or that of the call it serves); the {@link Listener} is told there. Made by {@link MediaCalls#place}.
 */
public final class PlacedCall implements LocalDialogListener, MediaEvents {

    /** What became of a placed call; every method runs on the placed call's executor. */
    public interface Listener {

        /** The INVITE is about to go out (e.g. the call record starts). */
        default void dialing(PlacedCall call) {}

        /** The phone answered: {@link #media()} flows both ways. */
        void answered(PlacedCall call);

        /** No answer: the phone's final error (486 busy, 603 declined), 408 after the ring time. Not after our CANCEL. */
        void failed(PlacedCall call, int status);

        /** An answered call is over ({@code side} CALLEE: the phone hung up; SYSTEM: we did, or its RTP stopped). */
        void ended(PlacedCall call, HangupSide side);
    }

    /**
     * What the INVITE says.
     *
     * @param purpose the Call-ID's prefix, for logs ({@code placed}, {@code page})
     * @param display the name the phone shows for the caller
     * @param headers extra headers, {@code Name: value} (an Alert-Info, the auto-answer headers)
     * @param offer   whether the INVITE carries an SDP offer (else the phone offers in its 2xx)
     */
    public record Invitation(
            String purpose,
            String fromUser,
            String display,
            String toUser,
            String domain,
            List<String> headers,
            boolean offer) {}

    private static final Logger log = LoggerFactory.getLogger(PlacedCall.class);

    private final MediaCalls parts;
    private final String callId;
    private final Binding phone;
    private final Invitation invitation;
    private final UacInvite invite;
    private final Listener listener;
    private final Executor events;
    private MediaSession media;
    private ScheduledFuture<?> ringTimer;
    private boolean provisional;
    private boolean cancelWhenProvisional;
    private boolean answered;
    private boolean over;
    private boolean told;

    PlacedCall(
            MediaCalls parts, String callId, Binding phone, Invitation invitation, Executor events, Listener listener) {
        this.parts = parts;
        this.callId = callId;
        this.phone = phone;
        this.invitation = invitation;
        this.listener = listener;
        this.invite = new UacInvite(parts.transports(), phone);
        this.events = events;
    }

    public String callId() {
        return callId;
    }

    /** The phone rung. */
    public Binding phone() {
        return phone;
    }

    /** The session of this leg (null before there is one: with an offer, before the INVITE; without, before the 2xx). */
    public MediaSession media() {
        return media;
    }

    public boolean isAnswered() {
        return answered;
    }

    public boolean isOver() {
        return over;
    }

    /** Runs {@code task} on this call's executor. */
    public void execute(Runnable task) {
        events.execute(task);
    }

    /** Rings the phone (on the executor); {@code ringFor} null: until the owner cancels. */
    void ring(Duration ringFor) {
        if (over) return;
        listener.dialing(this);
        try {
            AddressFactory addresses = parts.transports().addressFactory();
            String domain = invitation.domain();
            Request request = invite.create(
                    callId,
                    addresses.createAddress(
                            invitation.display(), addresses.createSipURI(invitation.fromUser(), domain)),
                    addresses.createAddress(addresses.createSipURI(invitation.toUser(), domain)),
                    parts.contact(invite.transport(), phone.sourceAddress()),
                    MediaCall.ALLOW,
                    invitation.headers());
            if (invitation.offer()) {
                media = parts.engine()
                        .answer(
                                Sdp.offerShape(phone.sourceAddress()),
                                InetAddress.getByName(phone.sourceAddress()),
                                this,
                                events);
                request.setContent(
                        parts.answerSeenBy(media.answerSdp(), phone.sourceAddress()),
                        parts.transports().headerFactory().createContentTypeHeader("application", "sdp"));
            }
            invite.send(request, this, events, this::response);
            log.info("Placed call {}: ringing {} at {}", callId, invitation.toUser(), invite.hop());
            if (ringFor != null) {
                ringTimer = parts.timer()
                        .schedule(() -> events.execute(this::ringTimeout), ringFor.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (Exception e) {
            log.info(
                    "Placed call {}: cannot ring {} at {}:{}: {}",
                    callId,
                    invitation.toUser(),
                    phone.sourceAddress(),
                    phone.sourcePort(),
                    e.toString());
            failed(Response.SERVICE_UNAVAILABLE);
        }
    }

    private void response(Response response, Dialog answeredIn) {
        int code = response.getStatusCode();
        if (code < 200) {
            provisional = true;
            if (cancelWhenProvisional) sendCancel();
            return;
        }
        if (code >= 300) {
            failed(code);
            return;
        }
        if (answered) return; // a retransmitted 2xx: the stack re-sends our ACK
        answered = true;
        if (ringTimer != null) ringTimer.cancel(false);
        byte[] sdp = response.getRawContent();
        String sdpText = new String(sdp == null ? new byte[0] : sdp, StandardCharsets.UTF_8);
        ack(invitation.offer() ? null : answerOfferIn(sdpText));
        if (over) { // answered just after we gave up: RFC 3261 §9.1, the 2xx that crossed our CANCEL is ended by BYE
            bye("Cancelled");
            closeMedia();
            return;
        }
        try {
            if (media == null) throw new IllegalStateException("no offer Tandem can take in the 2xx");
            if (invitation.offer()) media.updateRemote(sdpText);
            media.confirmed();
        } catch (Exception e) {
            log.info("Placed call {}: the phone's SDP does not fit ({}); hanging up", callId, e.getMessage());
            hangUp("Bad SDP");
            return;
        }
        listener.answered(this);
    }

    /** The phone's offer in its 2xx, answered by a new session (null: none fits; the ACK then carries no answer). */
    private String answerOfferIn(String offer) {
        try {
            if (offer.isEmpty()) throw new IllegalStateException("its 2xx carries no SDP offer");
            media = parts.engine()
                    .answer(
                            offer,
                            MediaCalls.numericAddress(phone.sourceAddress()),
                            "tls".equals(invite.transport()),
                            this,
                            events);
            return parts.answerSeenBy(media.answerSdp(), phone.sourceAddress());
        } catch (Exception e) {
            // RFC 3261 §13.2.2.4: the dialog exists now; it is acknowledged, then ended at once
            log.info("Placed call {}: the phone's offer cannot be taken: {}", callId, e.toString());
            return null;
        }
    }

    private void ack(String answer) {
        try {
            invite.ack(answer);
        } catch (Exception e) {
            log.info("Placed call {}: cannot ACK: {}", callId, e.toString());
        }
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
        // RFC 3261 §9.1: no CANCEL before a provisional response; it goes when one comes (a 2xx is BYEd)
        if (provisional) sendCancel();
        else cancelWhenProvisional = invite.sent();
    }

    private void sendCancel() {
        cancelWhenProvisional = false;
        try {
            invite.cancel();
        } catch (Exception e) {
            log.debug("Placed call {}: cannot CANCEL: {}", callId, e.toString());
        }
    }

    /**
     * Ends an answered call from this side (BYE with a Reason, RFC 3326, when {@code reason} is given); the listener
     * hears {@code ended(SYSTEM)}.
     */
    public void hangUp(String reason) {
        if (!answered || over) return;
        bye(reason);
        end(HangupSide.SYSTEM);
    }

    private void bye(String reason) {
        try {
            invite.bye(reason);
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
        events.execute(() -> inDialog(request));
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
                    if (!over && media != null) media.dtmfFromSipInfo(d);
                });
                parts.responder().reply(tx, request.request(), Response.OK);
            }
            case Request.OPTIONS, Request.UPDATE, Request.NOTIFY ->
                parts.responder().reply(tx, request.request(), Response.OK);
            default -> parts.responder().reply(tx, request.request(), Response.METHOD_NOT_ALLOWED);
        }
    }

    /** RFC 3264 §8: the phone's new offer (hold, resume, a codec change) gets a new answer from the same session. */
    private void reInvite(ServerTransaction tx, InboundRequest request) {
        byte[] offer = request.request().getRawContent();
        try {
            if (over || media == null) {
                parts.responder().reply(tx, request.request(), Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
                return;
            }
            String answer = offer == null || offer.length == 0
                    ? media.answerSdp()
                    : media.updateRemote(new String(offer, StandardCharsets.UTF_8));
            Response ok = parts.responder().create(request.request(), Response.OK);
            ok.setHeader(parts.contact(request.transport(), request.sourceAddress()));
            ok.setContent(
                    parts.answerSeenBy(answer, request.sourceAddress()),
                    parts.transports().headerFactory().createContentTypeHeader("application", "sdp"));
            parts.responder().send(tx, request.request(), ok);
        } catch (ParseException | RuntimeException | NoCommonCodecException e) {
            log.info("Re-INVITE of placed call {} refused: {}", callId, e.getMessage());
            parts.responder().reply(tx, request.request(), Response.NOT_ACCEPTABLE_HERE);
        }
    }

    @Override
    public void rtpTimeout() {
        log.info("Placed call {}: no RTP from the phone; hanging up", callId);
        hangUp("RTP timeout");
    }
}
