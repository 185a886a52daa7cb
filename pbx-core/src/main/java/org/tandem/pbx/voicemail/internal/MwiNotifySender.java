package org.tandem.pbx.voicemail.internal;

import java.text.ParseException;
import java.util.function.IntConsumer;
import javax.sip.InvalidArgumentException;
import javax.sip.address.AddressFactory;
import javax.sip.header.EventHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.SubscriptionStateHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandem.pbx.sip.FlowRequests;
import org.tandem.pbx.sip.SipTransports;
import org.tandem.pbx.voicemail.MessageCounts;

/**
 * Sends the NOTIFYs of a message-summary subscription (RFC 6665 §4.2.2, RFC 3842), within its dialog,
 * to where the SUBSCRIBE came from (RFC 3581, like the phone's registration; {@link FlowRequests}). Runs on the
 * subscription's Call-ID stripe; the final status of each NOTIFY is handed back on the same stripe.
 */
final class MwiNotifySender {

    private static final Logger log = LoggerFactory.getLogger(MwiNotifySender.class);

    private final SipTransports transports;
    private final FlowRequests requests;
    private final String domain;

    MwiNotifySender(SipTransports transports, String domain) {
        this.transports = transports;
        this.requests = new FlowRequests(transports);
        this.domain = domain;
    }

    /**
     * @param subscriptionState e.g. {@code active;expires=3599} or {@code terminated;reason=timeout}
     * @param outcome           gets the final status (408 on timeout, 503 when it could not be sent)
     */
    void send(MwiSubscription s, MessageCounts counts, String subscriptionState, IntConsumer outcome) {
        try {
            AddressFactory addresses = transports.addressFactory();
            HeaderFactory headers = transports.headerFactory();
            FromHeader from = headers.createFromHeader(addresses.createAddress(s.localUri()), s.localTag());
            ToHeader to = headers.createToHeader(addresses.createAddress(s.remoteUri()), s.remoteTag());
            Request notify = requests.create(
                    addresses.createURI(s.remoteTarget()),
                    Request.NOTIFY,
                    headers.createCallIdHeader(s.callId()),
                    ++s.state().localCseq,
                    from,
                    to,
                    s.transport());
            for (String route : s.routeSet())
                notify.addHeader(headers.createRouteHeader(addresses.createAddress(route)));
            notify.addHeader(requests.contact(s.box(), s.transport()));
            EventHeader event = headers.createEventHeader("message-summary");
            if (s.eventId() != null) event.setEventId(s.eventId());
            notify.addHeader(event);
            notify.addHeader(
                    headers.createSubscriptionStateHeader(subscriptionState.split(";")[0]));
            applyParameters(notify, subscriptionState);
            String body = MessageSummary.body("sip:" + s.box() + "@" + domain, counts);
            notify.setContent(
                    body, headers.createContentTypeHeader(MessageSummary.CONTENT_TYPE, MessageSummary.CONTENT_SUBTYPE));
            requests.send(notify, s.sourceAddress(), s.sourcePort(), s.transport(), outcome);
        } catch (Exception e) {
            log.info(
                    "message-summary NOTIFY for box {} to {}:{}/{} not sent: {}",
                    s.box(),
                    s.sourceAddress(),
                    s.sourcePort(),
                    s.transport(),
                    e.toString());
            outcome.accept(503);
        }
    }

    private static void applyParameters(Request notify, String state) throws ParseException {
        SubscriptionStateHeader h = (SubscriptionStateHeader) notify.getHeader(SubscriptionStateHeader.NAME);
        String[] parts = state.split(";");
        for (int i = 1; i < parts.length; i++) {
            String[] kv = parts[i].split("=", 2);
            if ("expires".equals(kv[0])) {
                try {
                    h.setExpires(Integer.parseInt(kv[1]));
                } catch (InvalidArgumentException e) {
                    throw new ParseException(e.getMessage(), 0);
                }
            } else if ("reason".equals(kv[0])) {
                h.setReasonCode(kv[1]);
            }
        }
    }
}
