package org.tandem.pbx.voicemail.internal;

import gov.nist.javax.sip.message.SIPRequest;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sip.InvalidArgumentException;
import javax.sip.ServerTransaction;
import javax.sip.address.SipURI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.EventHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.RecordRouteHeader;
import javax.sip.header.RouteHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.tandem.pbx.auth.AuthOutcome;
import org.tandem.pbx.auth.SipAuthenticator;
import org.tandem.pbx.concurrent.SerialExecutors;
import org.tandem.pbx.concurrent.Workers;
import org.tandem.pbx.sip.EventNotifier;
import org.tandem.pbx.sip.FlowRequests;
import org.tandem.pbx.sip.InboundRequest;
import org.tandem.pbx.sip.LocalAddresses;
import org.tandem.pbx.sip.NewInvite;
import org.tandem.pbx.sip.SipHandlerSlot;
import org.tandem.pbx.sip.SipRequestHandler;
import org.tandem.pbx.sip.SipResponder;
import org.tandem.pbx.sip.SipTransports;
import org.tandem.pbx.voicemail.MessageCounts;
import org.tandem.pbx.voicemail.VoicemailBoxes;
import org.tandem.pbx.voicemail.VoicemailChanged;
import org.tandem.pbx.voicemail.VoicemailProperties;
import org.tandem.pbx.voicemail.VoicemailStore;

/**
 * Message-waiting indication: the notifier of the {@code message-summary} event package (RFC 3842)
 * over RFC 6665. A user subscribes to their own AOR (digest-authenticated as that user; anyone else
 * 403), gets 200 and at once a NOTIFY with the box's counts, then a NOTIFY on every change of the box;
 * refreshes extend the subscription, {@code Expires: 0} ends it, and one not refreshed in time ends with
 * {@code Subscription-State: terminated;reason=timeout}. Everything for a subscription runs on its
 * Call-ID stripe, from memory; SUBSCRIBEs for other event packages are answered
 * elsewhere (the presence notifiers, or 489 Bad Event).
 */
@Component
public class MessageSummaryNotifier implements SipRequestHandler, EventNotifier, AutoCloseable {

    static final String EVENT = "message-summary";
    private static final Logger log = LoggerFactory.getLogger(MessageSummaryNotifier.class);

    private final SipResponder responder;
    private final SipAuthenticator authenticator;
    private final SerialExecutors stripes;
    private final LocalAddresses local;
    private final SipTransports transports;
    private final FlowRequests requests;
    private final VoicemailBoxes boxes;
    private final VoicemailStore store;
    private final VoicemailProperties props;
    private final MwiNotifySender sender;
    private final Map<String, MwiSubscription> subscriptions = new ConcurrentHashMap<>();
    private final ScheduledExecutorService expiry;

    public MessageSummaryNotifier(
            SipResponder responder,
            SipAuthenticator authenticator,
            @Qualifier("sipCallStripes") SerialExecutors stripes,
            LocalAddresses local,
            SipTransports transports,
            VoicemailBoxes boxes,
            VoicemailStore store,
            VoicemailProperties props,
            Workers workers) {
        this.responder = responder;
        this.authenticator = authenticator;
        this.stripes = stripes;
        this.local = local;
        this.transports = transports;
        this.requests = new FlowRequests(transports);
        this.boxes = boxes;
        this.store = store;
        this.props = props;
        this.sender = new MwiNotifySender(transports, local.domain());
        this.expiry = workers.timer("mwi-expiry");
        // only looks at the clock and hands due subscriptions to their stripes
        expiry.scheduleWithFixedDelay(this::expireDue, 1, 1, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        expiry.shutdownNow();
    }

    /** How many subscribers watch a box now: subscriptions whose NOTIFYs were answered 2xx. */
    public int subscribers(String box) {
        return (int) subscriptions.values().stream()
                .filter(s -> s.box().equals(box) && s.state().confirmed)
                .count();
    }

    @Override
    public Set<String> eventPackages() {
        return Set.of(EVENT);
    }

    @Override
    public SipHandlerSlot slot() {
        return SipHandlerSlot.MESSAGE_WAITING;
    }

    @Override
    public boolean mayAcceptNewInvite(NewInvite invite) {
        return false; // SUBSCRIBE only
    }

    @Override
    public boolean accepts(InboundRequest inbound) {
        if (!Request.SUBSCRIBE.equals(inbound.method())) return false;
        EventHeader event = (EventHeader) inbound.request().getHeader(EventHeader.NAME);
        if (event == null || !EVENT.equalsIgnoreCase(event.getEventType())) return false;
        String toTag = ((ToHeader) inbound.request().getHeader(ToHeader.NAME)).getTag();
        if (toTag != null)
            return subscriptions.containsKey(callId(inbound.request()))
                    || inbound.request().getHeader(RouteHeader.NAME) == null;
        return inbound.request().getHeader(RouteHeader.NAME) == null
                && local.isLocal(inbound.request().getRequestURI());
    }

    @Override
    public void handle(InboundRequest inbound) {
        SipResponder.ServerTransactionResult obtained = responder.obtainServerTransaction(inbound);
        if (obtained.retransmission()) return;
        ServerTransaction tx = obtained.transaction();
        Request request = inbound.request();
        String toTag = ((ToHeader) request.getHeader(ToHeader.NAME)).getTag();
        MwiSubscription existing = toTag == null ? null : subscriptions.get(callId(request));
        if (toTag != null
                && (existing == null
                        || !existing.localTag().equals(toTag)
                        || !existing.remoteTag().equals(((FromHeader) request.getHeader(FromHeader.NAME)).getTag()))) {
            responder.reply(tx, request, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST); // RFC 6665 §4.1.2.2
            return;
        }
        String box = existing != null ? existing.box() : ((SipURI) request.getRequestURI()).getUser();
        AuthOutcome outcome = authenticator.authenticateProxied(inbound);
        if (outcome instanceof AuthOutcome.Rejected rejected) {
            responder.send(tx, request, rejected.response());
            return;
        }
        String user = ((AuthOutcome.Authenticated) outcome).extension();
        if (box == null || !user.equals(box)) {
            log.info("{} from {} may not subscribe to the messages of {}", user, inbound.sourceAddress(), box);
            reply(tx, request, Response.FORBIDDEN, "Only the owner may watch a voicemail box");
            return;
        }
        if (existing == null && !boxes.find(box).map(b -> b.enabled()).orElse(false)) {
            reply(tx, request, Response.NOT_FOUND, "No voicemail box");
            return;
        }
        Integer expires = expires(request, tx);
        if (expires == null) return;
        if (existing == null) subscribe(inbound, tx, box, expires);
        else refresh(existing, request, tx, expires);
    }

    /** The granted duration, or null when refused (423 sent). RFC 6665 §4.2.1.1. */
    private Integer expires(Request request, ServerTransaction tx) {
        ExpiresHeader h = (ExpiresHeader) request.getHeader(ExpiresHeader.NAME);
        int asked = h == null ? props.mwiMaxExpires() : h.getExpires();
        if (asked == 0) return 0;
        if (asked < props.mwiMinExpires()) {
            Response r = responder.create(request, Response.INTERVAL_TOO_BRIEF);
            try {
                r.addHeader(transports.headerFactory().createMinExpiresHeader(props.mwiMinExpires()));
            } catch (InvalidArgumentException e) {
                throw new IllegalStateException(e);
            }
            responder.send(tx, request, r);
            return null;
        }
        return Math.min(asked, props.mwiMaxExpires());
    }

    private void subscribe(InboundRequest inbound, ServerTransaction tx, String box, int expires) {
        Request request = inbound.request();
        ContactHeader contact = (ContactHeader) request.getHeader(ContactHeader.NAME);
        if (contact == null) {
            reply(tx, request, Response.BAD_REQUEST, "SUBSCRIBE needs a Contact"); // RFC 6665 §4.1.2
            return;
        }
        Response ok = okWithContact(request, box, expires);
        String localTag = ((ToHeader) ok.getHeader(ToHeader.NAME)).getTag();
        FromHeader from = (FromHeader) request.getHeader(FromHeader.NAME);
        List<String> routeSet = new ArrayList<>();
        ListIterator<?> rr = request.getHeaders(RecordRouteHeader.NAME);
        while (rr.hasNext())
            routeSet.add(((RecordRouteHeader) rr.next()).getAddress().toString());
        EventHeader event = (EventHeader) request.getHeader(EventHeader.NAME);
        MwiSubscription s = new MwiSubscription(
                callId(request),
                localTag,
                from.getTag(),
                box,
                ((ToHeader) request.getHeader(ToHeader.NAME)).getAddress().toString(),
                from.getAddress().toString(),
                contact.getAddress().getURI().toString(),
                List.copyOf(routeSet),
                event.getEventId(),
                inbound.sourceAddress(),
                inbound.sourcePort(),
                inbound.transport(),
                new MwiSubscription.State(System.currentTimeMillis() + expires * 1000L, cseq(request)));
        responder.send(tx, request, ok);
        if (expires == 0) {
            // RFC 6665 §4.4.3: a fetch — one NOTIFY with the state, and no subscription
            sendNotify(s, "terminated;reason=timeout");
            return;
        }
        subscriptions.put(s.callId(), s);
        log.info(
                "Box {} watched by {}:{}/{} for {} s",
                box,
                inbound.sourceAddress(),
                inbound.sourcePort(),
                inbound.transport(),
                expires);
        sendNotify(s, "active;expires=" + expires);
    }

    private void refresh(MwiSubscription s, Request request, ServerTransaction tx, int expires) {
        long cseq = cseq(request);
        if (cseq <= s.state().remoteCseq) {
            reply(tx, request, Response.SERVER_INTERNAL_ERROR, "CSeq out of order"); // RFC 3261 §12.2.2
            return;
        }
        s.state().remoteCseq = cseq;
        responder.send(tx, request, okWithContact(request, s.box(), expires));
        if (expires == 0) {
            end(s, "terminated;reason=timeout"); // RFC 6665 §4.2.1.4: unsubscribed
            return;
        }
        s.state().expiresAtMs = System.currentTimeMillis() + expires * 1000L;
        sendNotify(s, "active;expires=" + expires);
    }

    /** A box changed: every subscriber of it gets a NOTIFY, each on its own stripe. */
    @EventListener
    void onChanged(VoicemailChanged change) {
        for (MwiSubscription s : subscriptions.values()) {
            if (!s.box().equals(change.box())) continue;
            stripes.execute(s.callId(), () -> {
                if (s.state().ended) return;
                long left = Math.max(1, (s.state().expiresAtMs - System.currentTimeMillis()) / 1000);
                sendNotify(s, "active;expires=" + left);
            });
        }
    }

    private void expireDue() {
        long now = System.currentTimeMillis();
        for (MwiSubscription s : subscriptions.values()) {
            if (s.state().expiresAtMs > now) continue;
            stripes.execute(s.callId(), () -> {
                if (!s.state().ended && s.state().expiresAtMs <= System.currentTimeMillis()) {
                    end(s, "terminated;reason=timeout"); // RFC 6665 §4.2.2: not refreshed in time
                }
            });
        }
    }

    private void end(MwiSubscription s, String state) {
        s.state().ended = true;
        subscriptions.remove(s.callId(), s);
        sendNotify(s, state);
    }

    private void sendNotify(MwiSubscription s, String state) {
        MessageCounts counts = store.counts(s.box());
        sender.send(s, counts, state, status -> {
            if (status < 300) s.state().confirmed = true;
            if (status >= 300 && !s.state().ended) {
                // RFC 6665 §4.2.2: a NOTIFY that fails (481, timeout, ...) ends the subscription
                log.info("message-summary NOTIFY for box {} answered {}: subscription ended", s.box(), status);
                s.state().ended = true;
                subscriptions.remove(s.callId(), s);
            }
        });
    }

    private Response okWithContact(Request request, String box, int expires) {
        Response ok = responder.create(request, Response.OK);
        try {
            String transport = request instanceof SIPRequest r && r.getTopmostVia() != null
                    ? r.getTopmostVia().getTransport().toLowerCase()
                    : "udp";
            ok.addHeader(requests.contact(box, transport));
            ok.addHeader(transports.headerFactory().createExpiresHeader(expires));
        } catch (ParseException | InvalidArgumentException e) {
            throw new IllegalStateException("Cannot build the 200 to SUBSCRIBE", e);
        }
        return ok;
    }

    private void reply(ServerTransaction tx, Request request, int status, String reason) {
        Response r = responder.create(request, status);
        try {
            r.setReasonPhrase(reason);
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
        responder.send(tx, request, r);
    }

    private static long cseq(Request request) {
        return ((CSeqHeader) request.getHeader(CSeqHeader.NAME)).getSeqNumber();
    }

    private static String callId(Request request) {
        return ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
    }
}
