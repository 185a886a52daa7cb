package org.tandem.pbx.presence.internal;

import java.util.function.IntConsumer;
import javax.sip.address.AddressFactory;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.EventHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.SubscriptionStateHeader;
import javax.sip.message.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandem.pbx.sip.FlowRequests;
import org.tandem.pbx.sip.SipTransports;

/**
 * Sends the NOTIFYs of a subscription (RFC 6665 §4.2.2) within its dialog, to where the SUBSCRIBE came
 * from: the subscriber's flow, its NAT binding and TCP/TLS connection ({@link FlowRequests}, RFC 3581). Runs on
 * the subscription's Call-ID stripe; the final status of each NOTIFY comes back on the same stripe.
 */
final class NotifySender {

    private static final Logger log = LoggerFactory.getLogger(NotifySender.class);

    private final SipTransports transports;
    private final FlowRequests requests;

    NotifySender(SipTransports transports) {
        this.transports = transports;
        this.requests = new FlowRequests(transports);
    }

    /**
     * @param status  {@code active}, {@code pending} or {@code terminated}
     * @param expires for active: the seconds left (RFC 6665 §4.1.3)
     * @param reason  for terminated: timeout, noresource, rejected, deactivated (RFC 6665 §4.1.3)
     * @param type    the body's media type, e.g. {@code application/pidf+xml}
     * @param outcome gets the final status (408 on timeout, 503 when it could not be sent)
     */
    void send(
            Subscription s, String status, int expires, String reason, String type, String body, IntConsumer outcome) {
        try {
            AddressFactory addresses = transports.addressFactory();
            HeaderFactory headers = transports.headerFactory();
            Request notify = requests.create(
                    addresses.createURI(s.remoteTarget()),
                    Request.NOTIFY,
                    headers.createCallIdHeader(s.callId()),
                    ++s.state().localCseq,
                    headers.createFromHeader(addresses.createAddress(s.localUri()), s.localTag()),
                    headers.createToHeader(addresses.createAddress(s.remoteUri()), s.remoteTag()),
                    s.transport());
            for (String route : s.routeSet())
                notify.addHeader(headers.createRouteHeader(addresses.createAddress(route)));
            notify.addHeader(requests.contact(s.resource(), s.transport()));
            EventHeader event = headers.createEventHeader(s.event());
            if (s.eventId() != null) event.setEventId(s.eventId());
            notify.addHeader(event);
            SubscriptionStateHeader state = headers.createSubscriptionStateHeader(status);
            if (SubscriptionStateHeader.ACTIVE.equalsIgnoreCase(status)) state.setExpires(Math.max(expires, 1));
            if (reason != null) state.setReasonCode(reason);
            notify.addHeader(state);
            int slash = type.indexOf('/');
            // a pending subscription's NOTIFY carries no state (RFC 6665 §4.2.1, RFC 3856 §6.6)
            if (body != null) {
                ContentTypeHeader contentType = type.indexOf(';') < 0
                        ? headers.createContentTypeHeader(type.substring(0, slash), type.substring(slash + 1))
                        : (ContentTypeHeader) headers.createHeader(ContentTypeHeader.NAME, type); // with parameters
                notify.setContent(body, contentType);
            }
            // RFC 4662 §5: every NOTIFY of a resource list subscription requires the eventlist extension
            if (s.state().members != null) notify.addHeader(headers.createRequireHeader("eventlist"));
            requests.send(notify, s.sourceAddress(), s.sourcePort(), s.transport(), outcome);
        } catch (Exception e) {
            log.info(
                    "{} NOTIFY for {} to {}:{}/{} not sent: {}",
                    s.event(),
                    s.resource(),
                    s.sourceAddress(),
                    s.sourcePort(),
                    s.transport(),
                    e.toString());
            outcome.accept(503);
        }
    }
}
