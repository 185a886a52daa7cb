package org.tandem.pbx.presence.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import javax.sip.ServerTransaction;
import javax.sip.address.SipURI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.EventHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.RecordRouteHeader;
import javax.sip.header.RouteHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.tandem.pbx.auth.AuthOutcome;
import org.tandem.pbx.auth.SipAuthenticator;
import org.tandem.pbx.config.SipDomain;
import org.tandem.pbx.presence.PresenceProperties;
import org.tandem.pbx.presence.ResourceLists;
import org.tandem.pbx.security.BanRegistry;
import org.tandem.pbx.sip.InboundRequest;
import org.tandem.pbx.sip.LocalAddresses;
import org.tandem.pbx.sip.NewInvite;
import org.tandem.pbx.sip.SipHandlerSlot;
import org.tandem.pbx.sip.SipRequestHandler;
import org.tandem.pbx.sip.SipResponder;
import org.tandem.pbx.sip.SipTransports;

/**
 * The SUBSCRIBE side (RFC 6665 §4.2.1) of every event package Tandem is the notifier of: the dialog package (RFC
 * 4235) for every extension, ring group and park orbit of the domain, what busy lamp field keys subscribe to, and
 * presence (RFC 3856) of every user. Any local user may watch (digest-authenticated like every request from a
 * phone: by default the users of the domain see each other, outsiders nothing); 200 with the granted Expires, then
 * at once a NOTIFY with the full state ({@link Subscriptions}). SUBSCRIBEs for other packages are not ours:
 * message-summary has its notifier, the rest get 489 ({@link UnservedEventPackages}). Runs on the SUBSCRIBE's Call-ID stripe,
 * from memory. This class handles the subscription's dialog (new, refresh, unsubscribe); the answers it sends are
 * {@link SubscribeResponses}', the members of a list subscription {@link EventLists}'.
 */
@Component
public class SubscribeHandler implements SipRequestHandler {

    private static final Logger log = LoggerFactory.getLogger(SubscribeHandler.class);

    private final SipResponder responder;
    private final SipAuthenticator authenticator;
    private final LocalAddresses local;
    private final SipDomain domain;
    private final BanRegistry bans;
    private final PresenceProperties props;
    private final Subscriptions subscriptions;
    private final SubscribeRate rate;
    private final SubscribeResponses responses;
    private final EventLists lists;

    public SubscribeHandler(
            SipResponder responder,
            SipAuthenticator authenticator,
            LocalAddresses local,
            SipTransports transports,
            SipDomain domain,
            BanRegistry bans,
            PresenceProperties props,
            Subscriptions subscriptions,
            List<ResourceLists> lists) {
        this.responder = responder;
        this.authenticator = authenticator;
        this.local = local;
        this.responses = new SubscribeResponses(responder, transports, props);
        this.lists = new EventLists(lists, responses, domain);
        this.domain = domain;
        this.bans = bans;
        this.props = props;
        this.subscriptions = subscriptions;
        this.rate = new SubscribeRate(props.subscribeLimit(), props.subscribeWindow());
    }

    @Override
    public SipHandlerSlot slot() {
        return SipHandlerSlot.EVENT_SUBSCRIPTIONS;
    }

    @Override
    public boolean mayAcceptNewInvite(NewInvite invite) {
        return false; // SUBSCRIBE only
    }

    @Override
    public boolean accepts(InboundRequest inbound) {
        if (!Request.SUBSCRIBE.equals(inbound.method())) return false;
        EventHeader event = (EventHeader) inbound.request().getHeader(EventHeader.NAME);
        if (event == null || subscriptions.eventPackage(event.getEventType()) == null) return false;
        Request request = inbound.request();
        if (((ToHeader) request.getHeader(ToHeader.NAME)).getTag() != null) {
            return subscriptions.find(callId(request)) != null || request.getHeader(RouteHeader.NAME) == null;
        }
        return request.getHeader(RouteHeader.NAME) == null && local.isLocal(request.getRequestURI());
    }

    @Override
    public void handle(InboundRequest inbound) {
        SipResponder.ServerTransactionResult obtained = responder.obtainServerTransaction(inbound);
        if (obtained.retransmission()) return;
        ServerTransaction tx = obtained.transaction();
        Request request = inbound.request();
        long now = System.currentTimeMillis();
        if (!rate.admit(inbound.sourceAddress(), now)) {
            refuseFlood(inbound, tx, now);
            return;
        }
        EventPackage eventPackage =
                subscriptions.eventPackage(((EventHeader) request.getHeader(EventHeader.NAME)).getEventType());
        String toTag = ((ToHeader) request.getHeader(ToHeader.NAME)).getTag();
        Subscription existing = toTag == null ? null : subscriptions.find(callId(request));
        if (toTag != null
                && (existing == null
                        || existing.state().ended
                        || !existing.event().equals(eventPackage.event())
                        || !existing.localTag().equals(toTag)
                        || !existing.remoteTag().equals(((FromHeader) request.getHeader(FromHeader.NAME)).getTag()))) {
            reply(tx, request, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, null); // RFC 6665 §4.1.2.2
            return;
        }
        AuthOutcome outcome = authenticator.authenticateProxied(inbound);
        if (outcome instanceof AuthOutcome.Rejected rejected) {
            responder.send(tx, request, rejected.response());
            return;
        }
        String user = ((AuthOutcome.Authenticated) outcome).extension();
        if (existing != null && !existing.subscriber().equals(user)) {
            reply(tx, request, Response.FORBIDDEN, "Only the subscriber may refresh its subscription");
            return;
        }
        if (!SubscribeResponses.accepts(request, eventPackage.contentType())) {
            reply(
                    tx,
                    request,
                    Response.NOT_ACCEPTABLE,
                    "Only " + eventPackage.contentType() + " is offered"); // RFC 6665 §4.1.3
            return;
        }
        Integer expires = responses.expires(request, tx);
        if (expires == null) return;
        if (existing != null) {
            refresh(existing, request, tx, expires);
            return;
        }
        String resource = ((SipURI) request.getRequestURI()).getUser();
        List<String> members = null;
        if (resource == null || !eventPackage.watchable(resource)) {
            var list = resource == null ? null : lists.find(resource, eventPackage.event());
            if (list == null) {
                reply(tx, request, Response.NOT_FOUND, "Nothing to watch at " + resource);
                return;
            }
            members = lists.members(tx, request, list, user, eventPackage);
            if (members == null) return;
        }
        EventPackage.Admission admission =
                members != null ? EventPackage.Admission.ACTIVE : eventPackage.admit(user, resource);
        if (admission == EventPackage.Admission.REJECTED) {
            // RFC 6665 §4.2.1.2: not authorized (e.g. RFC 5025 sub-handling "block", another user's watcher info)
            reply(tx, request, Response.FORBIDDEN, "Not authorized to watch " + resource);
            return;
        }
        if (subscriptions.count(user) >= props.maxSubscriptionsPerUser()) {
            log.warn("{} holds {} subscriptions already: refused another one", user, props.maxSubscriptionsPerUser());
            reply(tx, request, Response.SERVICE_UNAVAILABLE, "Too many subscriptions");
            return;
        }
        subscribe(
                inbound,
                tx,
                eventPackage,
                user,
                resource,
                expires,
                admission == EventPackage.Admission.PENDING,
                members);
    }

    private void subscribe(
            InboundRequest inbound,
            ServerTransaction tx,
            EventPackage eventPackage,
            String user,
            String resource,
            int expires,
            boolean pending,
            List<String> members) {
        Request request = inbound.request();
        ContactHeader contact = (ContactHeader) request.getHeader(ContactHeader.NAME);
        if (contact == null) {
            reply(tx, request, Response.BAD_REQUEST, "SUBSCRIBE needs a Contact"); // RFC 6665 §4.1.2
            return;
        }
        Response ok = responses.ok(request, resource, expires);
        if (members != null) responses.requireEventlist(ok); // RFC 4662 §5
        FromHeader from = (FromHeader) request.getHeader(FromHeader.NAME);
        List<String> routeSet = new ArrayList<>();
        ListIterator<?> rr = request.getHeaders(RecordRouteHeader.NAME);
        while (rr.hasNext())
            routeSet.add(((RecordRouteHeader) rr.next()).getAddress().toString());
        Subscription s = new Subscription(
                eventPackage.event(),
                callId(request),
                ((ToHeader) ok.getHeader(ToHeader.NAME)).getTag(),
                from.getTag(),
                resource,
                user,
                "sip:" + resource + "@" + domain.current(),
                ((ToHeader) request.getHeader(ToHeader.NAME)).getAddress().toString(),
                from.getAddress().toString(),
                contact.getAddress().getURI().toString(),
                List.copyOf(routeSet),
                ((EventHeader) request.getHeader(EventHeader.NAME)).getEventId(),
                inbound.sourceAddress(),
                inbound.sourcePort(),
                inbound.transport(),
                new Subscription.State(System.currentTimeMillis() + expires * 1000L, cseq(request)));
        s.state().pending = pending;
        try {
            var type = (ContentTypeHeader) request.getHeader(ContentTypeHeader.NAME);
            eventPackage.subscribing(
                    s,
                    type == null ? null : type.getContentType() + "/" + type.getContentSubType(),
                    request.getRawContent() == null ? new byte[0] : request.getRawContent());
        } catch (IllegalArgumentException e) {
            reply(tx, request, Response.BAD_REQUEST, e.getMessage());
            return;
        }
        if (members != null) lists.start(s, members);
        responder.send(tx, request, ok);
        if (expires == 0) {
            subscriptions.fetch(s);
            return;
        }
        log.info(
                "{} of {} watched by {} at {}:{}/{} for {} s{}",
                eventPackage.event(),
                resource,
                user,
                inbound.sourceAddress(),
                inbound.sourcePort(),
                inbound.transport(),
                expires,
                pending ? ", pending" : "");
        subscriptions.start(s, expires);
    }

    private void refresh(Subscription s, Request request, ServerTransaction tx, int expires) {
        long cseq = cseq(request);
        if (cseq <= s.state().remoteCseq) {
            reply(tx, request, Response.SERVER_INTERNAL_ERROR, "CSeq out of order"); // RFC 3261 §12.2.2
            return;
        }
        s.state().remoteCseq = cseq;
        if (s.state().members != null && expires > 0) lists.relist(s, subscriptions.eventPackage(s.event()));
        responder.send(tx, request, responses.ok(request, s.resource(), expires));
        if (expires == 0) subscriptions.end(s, "timeout"); // RFC 6665 §4.2.1.4: unsubscribed
        else subscriptions.refresh(s, expires);
    }

    /**
     * Over the per-source limit: 503 with Retry-After (RFC 3261 §21.5.4). Over TCP/TLS the source is proven, so
     * every refused SUBSCRIBE also counts towards a ban; a UDP source may be spoofed and is never banned for it.
     */
    private void refuseFlood(InboundRequest inbound, ServerTransaction tx, long now) {
        Request request = inbound.request();
        if (inbound.isReliableTransport()) bans.recordFailure(inbound.sourceAddress(), "SUBSCRIBE flood");
        responses.slowDown(tx, request, rate.retryAfter(inbound.sourceAddress(), now));
    }

    private void reply(ServerTransaction tx, Request request, int status, String reason) {
        responses.reply(tx, request, status, reason);
    }

    private static long cseq(Request request) {
        return ((CSeqHeader) request.getHeader(CSeqHeader.NAME)).getSeqNumber();
    }

    private static String callId(Request request) {
        return ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
    }
}
