package org.tandem.pbx.clicktocall.internal;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.TimeoutEvent;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.ContactHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.SubscriptionStateHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandem.media.sdp.Direction;
import org.tandem.media.sdp.MediaDescription;
import org.tandem.media.sdp.SessionDescription;
import org.tandem.pbx.clicktocall.ClickToCallStatus;
import org.tandem.pbx.clicktocall.ClickToCallStatus.State;
import org.tandem.pbx.concurrent.SerialExecutors;
import org.tandem.pbx.registrar.Binding;
import org.tandem.pbx.sip.ClientTransactionListener;
import org.tandem.pbx.sip.InboundRequest;
import org.tandem.pbx.sip.SipResponder;
import org.tandem.pbx.sip.SipTransports;
import org.tandem.pbx.ua.LocalDialogListener;
import org.tandem.pbx.ua.UacInvite;

/**
 * Tandem's call to the user's phone in a click-to-call (RFC 3261 §13 as a UAC): INVITE with an inactive audio
 * offer (RFC 3264 §5.1: no media is meant to flow), ringing until the user answers or {@code ringTimeout}; then a
 * REFER (RFC 3515) asking the phone to call the target, whose progress the phone's NOTIFYs report as
 * message/sipfrag (§2.4.5); once they report a final answer, or the phone ends the subscription, Tandem hangs up its
 * own leg. Everything goes along the phone's registered flow (its NAT binding, its TCP/TLS connection). All of it on
 * the call's Call-ID stripe.
 */
public final class PhoneLeg implements LocalDialogListener {

    private static final Logger log = LoggerFactory.getLogger(PhoneLeg.class);
    private static final Pattern SIPFRAG = Pattern.compile("^SIP/2\\.0 (\\d{3})");

    private final String callId;
    private final String from;
    private final String to;
    private final String domain;
    private final Binding phone;
    private final Instant startedAt;
    private final SipTransports transports;
    private final SipResponder responder;
    private final SerialExecutors stripes;
    private final ScheduledExecutorService timer;
    private final Duration ringTimeout;
    private final UacInvite invite;

    private volatile ClickToCallStatus status;
    private ScheduledFuture<?> ringTimer;
    private boolean answered;
    private boolean over;

    public PhoneLeg(
            String callId,
            String from,
            String to,
            String domain,
            Binding phone,
            Instant startedAt,
            SipTransports transports,
            SipResponder responder,
            SerialExecutors stripes,
            ScheduledExecutorService timer,
            Duration ringTimeout) {
        this.callId = callId;
        this.from = from;
        this.to = to;
        this.domain = domain;
        this.phone = phone;
        this.startedAt = startedAt;
        this.transports = transports;
        this.responder = responder;
        this.stripes = stripes;
        this.timer = timer;
        this.ringTimeout = ringTimeout;
        this.invite = new UacInvite(transports, phone);
        this.status = new ClickToCallStatus(callId, from, to, State.RINGING, null, startedAt);
    }

    public ClickToCallStatus status() {
        return status;
    }

    /** Rings the user's phone (on the stripe). */
    public void ring() {
        try {
            AddressFactory addresses = transports.addressFactory();
            // the phone shows whom it is about to call while it rings
            Request request = invite.create(
                    callId,
                    addresses.createAddress("Call " + to, addresses.createSipURI(to, domain)),
                    addresses.createAddress(addresses.createSipURI(from, domain)),
                    contact(),
                    "INVITE, ACK, BYE, CANCEL, NOTIFY, OPTIONS",
                    List.of());
            request.setContent(inactiveSdp(), transports.headerFactory().createContentTypeHeader("application", "sdp"));
            invite.send(
                    request,
                    this,
                    task -> stripes.execute(callId, task),
                    (response, answeredIn) -> inviteAnswered(response.getStatusCode()));
            ringTimer = timer.schedule(
                    () -> stripes.execute(callId, this::ringTimeout), ringTimeout.toMillis(), TimeUnit.MILLISECONDS);
            log.info(
                    "Click-to-call {}: ringing {} at {}:{}/{} to call {}",
                    callId,
                    from,
                    phone.sourceAddress(),
                    phone.sourcePort(),
                    invite.transport(),
                    to);
        } catch (Exception e) {
            log.info("Click-to-call {}: cannot ring {}: {}", callId, from, e.toString());
            fail("the phone could not be reached");
        }
    }

    private void inviteAnswered(int code) {
        if (code < 200) return;
        if (code >= 300) {
            if (ringTimer != null) ringTimer.cancel(false);
            if (!over) fail(describe(code, "the phone"));
            over = true;
            return;
        }
        if (answered) return;
        answered = true;
        if (ringTimer != null) ringTimer.cancel(false);
        try {
            invite.ack(null);
        } catch (Exception e) {
            log.info("Click-to-call {}: cannot ACK: {}", callId, e.toString());
        }
        if (over) {
            hangUp(); // answered just after we gave up
            return;
        }
        refer();
    }

    private void ringTimeout() {
        if (answered || over) return;
        over = true;
        fail("no answer within " + ringTimeout.toSeconds() + " s");
        try {
            invite.cancel();
        } catch (Exception e) {
            log.info("Click-to-call {}: cannot CANCEL: {}", callId, e.toString());
        }
    }

    /** Asks the phone to call the target (RFC 3515), at the address the phone reaches Tandem by. */
    private void refer() {
        status = new ClickToCallStatus(callId, from, to, State.TRANSFERRING, null, startedAt);
        try {
            AddressFactory addresses = transports.addressFactory();
            HeaderFactory headers = transports.headerFactory();
            SipURI target = addresses.createSipURI(to, transports.advertisedHost());
            target.setPort(transports.port(invite.transport()));
            if (!"udp".equals(invite.transport())) target.setTransportParam(invite.transport());
            Request refer = invite.inDialog(Request.REFER);
            refer.addHeader(headers.createReferToHeader(addresses.createAddress(target)));
            refer.addHeader(headers.createHeader("Referred-By", "<sip:" + from + "@" + domain + ">"));
            invite.send(refer, listener(code -> {
                if (code >= 300 && !over) {
                    fail(describe(code, "the phone") + " when asked to call " + to);
                    hangUp();
                }
            }));
        } catch (Exception e) {
            log.info("Click-to-call {}: cannot send REFER: {}", callId, e.toString());
            fail("the phone could not be asked to call " + to);
            hangUp();
        }
    }

    @Override
    public void onInDialogRequest(InboundRequest request) {
        if (!stripes.execute(callId, () -> inDialog(request))) {
            log.warn("Click-to-call {}: overloaded, {} dropped", callId, request.method());
        }
    }

    private void inDialog(InboundRequest request) {
        String method = request.method();
        if (Request.ACK.equals(method)) return;
        ServerTransaction tx = responder.serverTransaction(request);
        if (tx == null) return;
        switch (method) {
            case Request.NOTIFY -> {
                // the progress is recorded before the 200 goes out: whoever saw the NOTIFY answered sees the state
                boolean done = referProgress(request.request());
                responder.reply(tx, request.request(), Response.OK);
                if (done) hangUp(); // our part is done: the phone's own call goes on
            }
            case Request.BYE -> {
                responder.reply(tx, request.request(), Response.OK);
                over = true;
            }
            // the phone holds our leg before it calls the target (RFC 5589 §6): answered, still inactive
            case Request.INVITE -> {
                try {
                    Response ok = responder.create(request.request(), Response.OK);
                    ok.setHeader(contact());
                    ok.setContent(
                            inactiveSdp(), transports.headerFactory().createContentTypeHeader("application", "sdp"));
                    responder.send(tx, request.request(), ok);
                } catch (ParseException e) {
                    throw new IllegalStateException(e);
                }
            }
            case Request.OPTIONS, Request.UPDATE, Request.INFO -> responder.reply(tx, request.request(), Response.OK);
            default -> responder.reply(tx, request.request(), Response.METHOD_NOT_ALLOWED);
        }
    }

    /**
     * RFC 3515 §2.4.5: the sipfrag's status line is the progress of the phone's call to the target. True once it is
     * final or the phone ended the implicit subscription.
     */
    private boolean referProgress(Request notify) {
        byte[] body = notify.getRawContent();
        Matcher m = SIPFRAG.matcher(body == null ? "" : new String(body, StandardCharsets.UTF_8).strip());
        int code = m.find() ? Integer.parseInt(m.group(1)) : 0;
        if (code >= 200 && code < 300) {
            status = new ClickToCallStatus(callId, from, to, State.CONNECTED, null, startedAt);
        } else if (code >= 300) {
            fail(describe(code, to));
        }
        SubscriptionStateHeader state = (SubscriptionStateHeader) notify.getHeader(SubscriptionStateHeader.NAME);
        boolean ended = state != null && SubscriptionStateHeader.TERMINATED.equalsIgnoreCase(state.getState());
        return code >= 200 || ended;
    }

    private void hangUp() {
        if (over) return;
        over = true;
        try {
            invite.bye(null);
        } catch (Exception e) {
            log.debug("Click-to-call {}: cannot send BYE: {}", callId, e.toString());
        }
    }

    private void fail(String why) {
        if (status.state() == State.FAILED) return;
        log.info("Click-to-call {} from {} to {} failed: {}", callId, from, to, why);
        status = new ClickToCallStatus(callId, from, to, State.FAILED, why, startedAt);
    }

    private static String describe(int code, String who) {
        return switch (code) {
            case 486, 600 -> who + " is busy";
            case 480, 408, 487 -> who + " did not answer";
            case 603 -> who + " declined";
            case 404, 484 -> who + " is no number Tandem knows";
            case 403 -> who + " may not be called by this user";
            default -> who + " answered " + code;
        };
    }

    private ContactHeader contact() throws ParseException {
        SipURI uri = transports.addressFactory().createSipURI("tandem", transports.advertisedHost());
        uri.setPort(transports.port(invite.transport()));
        uri.setTransportParam(invite.transport());
        return transports
                .headerFactory()
                .createContactHeader(transports.addressFactory().createAddress(uri));
    }

    /** RFC 3264 §5.1: an audio offer of PCMU and PCMA, inactive (written with the one SDP model). */
    private String inactiveSdp() {
        long version = System.currentTimeMillis() / 1000;
        return SessionDescription.create("tandem", version, version, "click-to-call", transports.advertisedHost())
                .add(MediaDescription.create("audio", 9, "RTP/AVP", List.of("0", "8"))
                        .addAttribute("rtpmap", "0 PCMU/8000")
                        .addAttribute("rtpmap", "8 PCMA/8000")
                        .setDirection(Direction.INACTIVE))
                .toString();
    }

    private ClientTransactionListener listener(IntConsumer onFinal) {
        return new ClientTransactionListener() {
            @Override
            public void onResponse(ResponseEvent e) {
                int code = e.getResponse().getStatusCode();
                stripes.execute(callId, () -> onFinal.accept(code));
            }

            @Override
            public void onTimeout(TimeoutEvent e) {
                stripes.execute(callId, () -> onFinal.accept(Response.REQUEST_TIMEOUT));
            }
        };
    }
}
