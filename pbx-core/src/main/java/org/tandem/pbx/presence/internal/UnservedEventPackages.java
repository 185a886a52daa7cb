package org.tandem.pbx.presence.internal;

import java.text.ParseException;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import javax.sip.ServerTransaction;
import javax.sip.address.SipURI;
import javax.sip.header.EventHeader;
import javax.sip.header.RouteHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.tandem.pbx.auth.AuthOutcome;
import org.tandem.pbx.auth.SipAuthenticator;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.sip.EventNotifier;
import org.tandem.pbx.sip.InboundRequest;
import org.tandem.pbx.sip.LocalAddresses;
import org.tandem.pbx.sip.NewInvite;
import org.tandem.pbx.sip.SipHandlerSlot;
import org.tandem.pbx.sip.SipRequestHandler;
import org.tandem.pbx.sip.SipResponder;
import org.tandem.pbx.sip.SipTransports;

/**
 * Tandem is the notifier for the resources of its domain (issue 15): a new SUBSCRIBE to one of its users or numbers
 * (extension, ring group, park orbit, conference room, queue, paging group) for an event package none of its
 * {@link EventNotifier}s serves gets 489 Bad Event (RFC 6665 §7.3.2: the server does not understand the package)
 * with an Allow-Events header naming the packages it does serve (RFC 6665 §4.4.4, §7.2.2), after the same digest check as
 * every SUBSCRIBE of a phone. Before, such SUBSCRIBEs (ua-profile, as-feature-event, reg, conference...) were proxied
 * to the user's phones, which serve none of them for their AOR: the subscriber waited for a 480 or a phone's 489
 * that named the phone's packages instead of the domain's.
 *
 * <p>What still goes to the proxy, each for a reason: a SUBSCRIBE within a dialog (To tag; RFC 6665 §4.1.2.2: a
 * refresh, or an explicit {@code refer} subscription, belongs to the dialog's endpoints); one with a Route (it
 * follows a route set, RFC 3261 §16.4, and is not addressed to us as notifier); one whose Request-URI names one
 * device rather than the resource (a masked Contact with {@code tnd-m}, a remote target learnt from a dialog); and
 * one to a number that is not ours (the proxy answers 404 or routes it on, as for any request).
 */
@Component
public class UnservedEventPackages implements SipRequestHandler {

    private static final Logger log = LoggerFactory.getLogger(UnservedEventPackages.class);
    /** The parameter of a masked device Contact (the proxy's ContactMasks): that URI names one phone. */
    private static final String DEVICE_CONTACT_PARAM = "tnd-m";

    private final SipResponder responder;
    private final SipAuthenticator authenticator;
    private final LocalAddresses local;
    private final SipTransports transports;
    private final UserDirectory users;
    private final List<EventNotifier> notifiers;

    public UnservedEventPackages(
            SipResponder responder,
            SipAuthenticator authenticator,
            LocalAddresses local,
            SipTransports transports,
            UserDirectory users,
            List<EventNotifier> notifiers) {
        this.responder = responder;
        this.authenticator = authenticator;
        this.local = local;
        this.transports = transports;
        this.users = users;
        this.notifiers = notifiers;
    }

    @Override
    public SipHandlerSlot slot() {
        return SipHandlerSlot.UNSERVED_EVENTS;
    }

    @Override
    public boolean mayAcceptNewInvite(NewInvite invite) {
        return false; // SUBSCRIBE only
    }

    @Override
    public boolean accepts(InboundRequest inbound) {
        if (!Request.SUBSCRIBE.equals(inbound.method())) return false;
        Request request = inbound.request();
        EventHeader event = (EventHeader) request.getHeader(EventHeader.NAME);
        if (event == null
                || event.getEventType() == null
                || served().contains(event.getEventType().toLowerCase(Locale.ROOT))) return false;
        if (((ToHeader) request.getHeader(ToHeader.NAME)).getTag() != null) return false;
        if (request.getHeader(RouteHeader.NAME) != null) return false;
        if (!(request.getRequestURI() instanceof SipURI uri) || !local.isLocal(uri)) return false;
        if (uri.getParameter(DEVICE_CONTACT_PARAM) != null) return false;
        String number = uri.getUser();
        return number != null && (users.exists(number) || users.claimOf(number).isPresent());
    }

    @Override
    public void handle(InboundRequest inbound) {
        SipResponder.ServerTransactionResult obtained = responder.obtainServerTransaction(inbound);
        if (obtained.retransmission()) return;
        ServerTransaction tx = obtained.transaction();
        Request request = inbound.request();
        AuthOutcome outcome = authenticator.authenticateProxied(inbound);
        if (outcome instanceof AuthOutcome.Rejected rejected) {
            responder.send(tx, request, rejected.response());
            return;
        }
        String event = ((EventHeader) request.getHeader(EventHeader.NAME)).getEventType();
        log.info(
                "{} asked for event package {} of {}: not served here (489)",
                ((AuthOutcome.Authenticated) outcome).extension(),
                event,
                ((SipURI) request.getRequestURI()).getUser());
        Response r = responder.create(request, Response.BAD_EVENT);
        try {
            for (String served : served())
                r.addHeader(transports.headerFactory().createAllowEventsHeader(served));
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
        responder.send(tx, request, r);
    }

    /** What the notifiers serve now, sorted (a stable Allow-Events). */
    private TreeSet<String> served() {
        TreeSet<String> served = new TreeSet<>();
        notifiers.forEach(n -> served.addAll(n.eventPackages()));
        return served;
    }
}
