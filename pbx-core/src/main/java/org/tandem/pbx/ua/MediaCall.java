package org.tandem.pbx.ua;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
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
import org.tandem.media.InvalidSdpException;
import org.tandem.media.MediaCapacityException;
import org.tandem.media.MediaEvents;
import org.tandem.media.MediaSession;
import org.tandem.media.NoCommonCodecException;
import org.tandem.media.PlaybackOutcome;
import org.tandem.media.srtp.SdesException;
import org.tandem.pbx.call.CallAnswered;
import org.tandem.pbx.call.CallEnded;
import org.tandem.pbx.call.Disposition;
import org.tandem.pbx.call.HangupSide;
import org.tandem.pbx.sip.InboundRequest;

/**
 * A call this process answers with media (RFC 3261 §13.3 UAS): voicemail, the voicemail menus,
 * conference, IVR. It owns the dialog and one {@link MediaSession}; a {@link MediaCallScript} decides
 * what the caller hears. Everything here — SIP requests of the dialog, DTMF, playback and recording
 * completions, timers — runs on the call's Call-ID stripe, so the script needs no locks.
 *
 * <p>Made by {@link MediaCalls#answer}. The script starts when the ACK arrives (§13.3.1.4); a call
 * whose ACK never comes is hung up after 64*T1.
 */
public final class MediaCall implements LocalDialogListener, MediaEvents {

    private static final Logger log = LoggerFactory.getLogger(MediaCall.class);
    /** §13.3.1.4: the UAS gives up on the ACK after 64*T1 and ends the dialog with a BYE. */
    static final Duration ACK_WAIT = Duration.ofSeconds(32);

    private final MediaCalls parts;
    private final String callId;
    private final String label;
    private MediaCallScript script;
    private final Executor stripe;
    private final InboundRequest invite;
    private MediaSession media;
    private RelayedService relayed; // a WebRTC caller's media through the relay (issue 16), else null
    private Dialog dialog;
    private ScheduledFuture<?> ackTimer;
    /** issue 20: our BYE and REFER reach a caller behind NAT along its INVITE's flow, not at its private Contact */
    private final CallerFlow flow;
    /** the last blind transfer of the caller (RFC 3515), whose NOTIFYs report its progress; else null */
    private BlindTransfer transfer;

    private boolean started;
    private boolean over;

    MediaCall(MediaCalls parts, InboundRequest invite, String label, MediaCallScript script) {
        this.parts = parts;
        this.invite = invite;
        this.flow = CallerFlow.of(invite);
        this.callId = ((CallIdHeader) invite.request().getHeader(CallIdHeader.NAME)).getCallId();
        this.label = label;
        this.script = script;
        this.stripe = parts.callEvents().of(callId, label); // a full stripe's refusal is counted and logged
    }

    /** The INVITE's source address (a numeric literal from the transport: never a DNS lookup), or null. */
    private static InetAddress sourceIp(InboundRequest invite) {
        return MediaCalls.numericAddress(invite.sourceAddress());
    }

    /** Answers with the media engine's SDP; on failure the INVITE gets its final error and false comes back. */
    boolean answer(ServerTransaction server) {
        Request request = invite.request();
        byte[] offer = request.getRawContent();
        if (offer == null || offer.length == 0) {
            // RFC 3264 §5 would have us offer in the 2xx; the engine only answers offers (docs/media/engine.md)
            return refuse(server, Response.NOT_ACCEPTABLE_HERE, "An SDP offer in the INVITE is required");
        }
        String offerText = new String(offer, StandardCharsets.UTF_8);
        try {
            relayed = parts.relayedService(invite, callId, offerText);
            if (relayed != null) {
                // issue 16: a browser's WebRTC is terminated by the relay; the engine gets plain RTP from the relay
                media = parts.engine().answer(relayed.offerToEngine(offerText), null, false, this, stripe);
            } else {
                // the caller's SIP source: where its RTP may come from when it is behind NAT (symmetric RTP)
                // over SIP-TLS an RTP/SAVP offer's SDES keys are taken (issue 22, RFC 4568 §8.3)
                media = parts.engine()
                        .answer(offerText, sourceIp(invite), "TLS".equalsIgnoreCase(invite.transport()), this, stripe);
            }
        } catch (NoCommonCodecException e) {
            endRelay("refused");
            return refuse(server, Response.NOT_ACCEPTABLE_HERE, "No common audio codec");
        } catch (SdesException e) {
            // RFC 4568 §7.1.2 / RFC 3261 §21.4.26: the offer's SRTP is not acceptable here; the reason says why
            endRelay("refused");
            return refuse(server, Response.NOT_ACCEPTABLE_HERE, e.getMessage().replaceAll("[^\\x20-\\x7e]", ""));
        } catch (InvalidSdpException e) {
            endRelay("refused");
            return refuse(server, Response.BAD_REQUEST, "Bad SDP: " + e.getMessage());
        } catch (MediaCapacityException e) {
            endRelay("refused");
            return refuse(server, Response.SERVICE_UNAVAILABLE, "No free media ports");
        }
        try {
            dialog = parts.transports().provider().getNewDialog(server);
            dialog.setApplicationData(this);
            Response ok = parts.responder().create(request, Response.OK);
            ok.setHeader(parts.contact(invite.transport(), invite.sourceAddress()));
            ok.setContent(
                    relayed != null
                            ? relayed.answerToCaller(media.answerSdp())
                            : parts.answerSeenBy(media.answerSdp(), invite.sourceAddress()),
                    sdpType());
            server.sendResponse(ok);
        } catch (SipException | ParseException | InvalidArgumentException | RuntimeException e) {
            log.warn("Cannot answer call {} ({}): {}", callId, label, e.getMessage());
            media.close();
            endRelay("failed");
            return refuse(server, Response.SERVER_INTERNAL_ERROR, "Cannot answer");
        }
        parts.events().publish(new CallAnswered(callId, Instant.now(), label));
        ackTimer = schedule(ACK_WAIT, () -> {
            if (!started) hangUp("No ACK");
        });
        return true;
    }

    private boolean refuse(ServerTransaction server, int status, String reason) {
        parts.refuse(invite, server, status, reason);
        return false;
    }

    public String callId() {
        return callId;
    }

    /** The answered INVITE as received (caller, headers). */
    public InboundRequest invite() {
        return invite;
    }

    public MediaSession media() {
        return media;
    }

    /** True once either side hung up (or the media timed out): play, record and timers are then no-ops. */
    public boolean isOver() {
        return over;
    }

    /** Runs {@code task} on this call's stripe after {@code delay}, unless the call is over by then. */
    public ScheduledFuture<?> schedule(Duration delay, Runnable task) {
        return parts.timer()
                .schedule(
                        () -> stripe.execute(() -> {
                            if (!over) task.run();
                        }),
                        delay.toMillis(),
                        TimeUnit.MILLISECONDS);
    }

    /**
     * Plays prompts one after the other; completes with the first outcome other than FINISHED (a newer
     * playback or a hang-up cut it), else FINISHED. Completes on the stripe.
     */
    public CompletionStage<PlaybackOutcome> playAll(List<short[]> prompts) {
        List<short[]> left = new ArrayList<>(prompts);
        CompletableFuture<PlaybackOutcome> done = new CompletableFuture<>();
        playNext(left, done);
        return done;
    }

    private void playNext(List<short[]> left, CompletableFuture<PlaybackOutcome> done) {
        if (over) {
            done.complete(PlaybackOutcome.SESSION_CLOSED);
        } else if (left.isEmpty()) {
            done.complete(PlaybackOutcome.FINISHED);
        } else {
            media.play(left.remove(0)).whenComplete((outcome, error) -> {
                if (error != null) done.completeExceptionally(error);
                else if (outcome != PlaybackOutcome.FINISHED) done.complete(outcome);
                else playNext(left, done);
            });
        }
    }

    /**
     * Hands the answered call to another service in the same dialog (an IVR choice that leads to voicemail or a
     * conference): playback stops and {@code next} starts at once. On the stripe.
     */
    public void switchTo(MediaCallScript next) {
        if (over) return;
        media.stopPlayback();
        media.stopRecording();
        script = next;
        next.started(this);
    }

    /** Runs {@code task} on this call's stripe (for other calls' scripts, e.g. a retrieved park call). */
    public void execute(Runnable task) {
        stripe.execute(task);
    }

    /**
     * Plays {@code samples} over and over (music on hold) until another playback replaces it, or
     * {@link MediaSession#stopPlayback()}, or the call ends.
     */
    public void loop(short[] samples) {
        if (over) return;
        media.play(samples).whenComplete((outcome, error) -> {
            if (error == null && outcome == PlaybackOutcome.FINISHED && !over) loop(samples);
        });
    }

    /**
     * Blind transfer of the caller (RFC 3515): REFER with {@code Refer-To: referTo} and {@code Referred-By}. The
     * caller's phone places the new call itself; {@code outcome} gets the REFER's final status (202 accepted) or,
     * later, the status line the NOTIFYs report for the new call (RFC 3515 §2.4.5, message/sipfrag), on this
     * call's stripe. 408 when the REFER timed out.
     */
    public void refer(String referTo, String referredBy, IntConsumer outcome) {
        if (over) return;
        transfer = new BlindTransfer(parts, dialog, flow, callId, label, stripe, this::isOver, outcome);
        transfer.send(referTo, referredBy);
    }

    /** Plays {@code prompts} (e.g. "goodbye"), then hangs up with {@code reason}, also when the playing was cut. */
    public void sayAndHangUp(List<short[]> prompts, String reason) {
        if (over) return;
        playAll(prompts).whenComplete((outcome, error) -> hangUp(reason));
    }

    /** Ends the call from this side: BYE with a Reason (RFC 3326) saying why. Idempotent. */
    public void hangUp(String reason) {
        if (over) return;
        try {
            Request bye = dialog.createRequest(Request.BYE);
            ReasonHeader why = parts.transports().headerFactory().createReasonHeader("SIP", 200, reason);
            bye.addHeader(why);
            flow.send(() -> {
                dialog.sendRequest(parts.transports().provider().getNewClientTransaction(bye));
                return null;
            });
        } catch (SipException | ParseException | InvalidArgumentException | RuntimeException e) {
            log.debug("Cannot send BYE for {} ({}): {}", callId, label, e.getMessage());
        }
        end(HangupSide.SYSTEM);
    }

    @Override
    public void onInDialogRequest(InboundRequest request) {
        String method = request.method();
        if (Request.ACK.equals(method)) {
            if (!started && !over) {
                started = true;
                if (ackTimer != null) ackTimer.cancel(false);
                media.confirmed(); // the RTP timeout counts from the ACK, not from our answer
                script.started(this);
            }
            return;
        }
        ServerTransaction tx = parts.responder().serverTransaction(request);
        if (tx == null) return;
        switch (method) {
            case Request.BYE -> {
                parts.responder().reply(tx, request.request(), Response.OK);
                end(HangupSide.CALLER);
            }
            case Request.INVITE -> reInvite(tx, request);
            case Request.INFO -> {
                DtmfRelay.digit(request.request()).ifPresent(d -> {
                    if (!over) media.dtmfFromSipInfo(d);
                });
                parts.responder().reply(tx, request.request(), Response.OK);
            }
            case Request.OPTIONS, Request.UPDATE -> parts.responder().reply(tx, request.request(), Response.OK);
            // RFC 3515 §2.4.4: the progress of a REFER we sent, as message/sipfrag
            case Request.NOTIFY -> {
                parts.responder().reply(tx, request.request(), Response.OK);
                if (transfer != null) transfer.progress(request.request());
            }
            default -> {
                // §8.2.1: a method this user agent does not do in a dialog
                Response refused = parts.responder().create(request.request(), Response.METHOD_NOT_ALLOWED);
                try {
                    refused.setHeader(parts.transports().headerFactory().createAllowHeader(ALLOW));
                } catch (ParseException e) {
                    throw new IllegalStateException(e);
                }
                parts.responder().send(tx, request.request(), refused);
            }
        }
    }

    static final String ALLOW = "INVITE, ACK, BYE, CANCEL, INFO, OPTIONS, UPDATE, NOTIFY";

    /** RFC 3264 §8: a new offer in the dialog (hold, resume, a codec change) gets a new answer from the same session. */
    private void reInvite(ServerTransaction tx, InboundRequest request) {
        byte[] offer = request.request().getRawContent();
        try {
            String answer = over
                    ? null
                    : offer == null || offer.length == 0
                            ? media.answerSdp()
                            : relayed != null
                                    ? relayed.answerToCaller(media.updateRemote(
                                            relayed.reOfferToEngine(new String(offer, StandardCharsets.UTF_8))))
                                    : media.updateRemote(new String(offer, StandardCharsets.UTF_8));
            if (answer == null) {
                parts.responder().reply(tx, request.request(), Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
                return;
            }
            Response ok = parts.responder().create(request.request(), Response.OK);
            ok.setHeader(parts.contact(request.transport(), request.sourceAddress()));
            ok.setContent(relayed != null ? answer : parts.answerSeenBy(answer, request.sourceAddress()), sdpType());
            parts.responder().send(tx, request.request(), ok);
        } catch (NoCommonCodecException e) {
            parts.responder().reply(tx, request.request(), Response.NOT_ACCEPTABLE_HERE);
        } catch (SdesException e) {
            // RFC 4568 §7.1.4: a re-offer's keys we cannot take; the session keeps its current keys
            log.info("Re-INVITE of {} ({}) refused: {}", callId, label, e.getMessage());
            Response refused = parts.responder().create(request.request(), Response.NOT_ACCEPTABLE_HERE);
            try {
                refused.setReasonPhrase(e.getMessage().replaceAll("[^\\x20-\\x7e]", ""));
            } catch (ParseException unused) {
                // the standard phrase then
            }
            parts.responder().send(tx, request.request(), refused);
        } catch (ParseException | RuntimeException e) {
            log.info("Re-INVITE of {} ({}) refused: {}", callId, label, e.getMessage());
            parts.responder().reply(tx, request.request(), Response.NOT_ACCEPTABLE_HERE);
        }
    }

    @Override
    public void dtmf(char digit) {
        if (!over && started) script.dtmf(this, digit);
    }

    @Override
    public void rtpTimeout() {
        log.info("Call {} ({}): no RTP from the caller; hanging up", callId, label);
        hangUp("RTP timeout");
    }

    private void end(HangupSide side) {
        if (over) return;
        over = true;
        if (ackTimer != null) ackTimer.cancel(false);
        if (media != null) media.close();
        endRelay(side.name().toLowerCase(Locale.ROOT));
        parts.events().publish(new CallEnded(callId, Instant.now(), Disposition.ANSWERED, 200, side));
        try {
            script.ended(this, side);
        } catch (RuntimeException e) {
            log.warn("Call {} ({}): script failed at hang-up: {}", callId, label, e.toString());
        }
    }

    /** The relay's ports of a WebRTC caller's leg are freed (issue 16); nothing when the call was not relayed. */
    private void endRelay(String why) {
        RelayedService r = relayed;
        relayed = null;
        if (r != null) r.ended(why);
    }

    private ContentTypeHeader sdpType() throws ParseException {
        return parts.transports().headerFactory().createContentTypeHeader("application", "sdp");
    }
}
