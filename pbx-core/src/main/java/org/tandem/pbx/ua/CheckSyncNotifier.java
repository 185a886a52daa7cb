package org.tandem.pbx.ua;

import java.util.concurrent.CompletableFuture;
import javax.sip.address.AddressFactory;
import javax.sip.header.EventHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.message.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import org.tandem.pbx.concurrent.SerialExecutors;
import org.tandem.pbx.config.SipDomain;
import org.tandem.pbx.registrar.Binding;
import org.tandem.pbx.sip.FlowRequests;
import org.tandem.pbx.sip.SipTransports;

/**
 * Tells a registered phone to fetch its configuration again: an out-of-dialog NOTIFY with
 * {@code Event: check-sync} (or a vendor's variant, e.g. {@code check-sync;reboot=false}, Cisco's
 * {@code resync}) — the unsolicited NOTIFY phones accept from their registrar, without a subscription
 * (RFC 6665 §4.1.2 would require one; phones implement this as a vendor convention). Sent in a client
 * transaction on the Call-ID stripe of the new request, to where the REGISTER came from (RFC 3581).
 */
@Component
public class CheckSyncNotifier {

    private static final Logger log = LoggerFactory.getLogger(CheckSyncNotifier.class);

    private final SipTransports transports;
    private final FlowRequests requests;
    private final SerialExecutors stripes;
    private final SipDomain domain;

    public CheckSyncNotifier(
            SipTransports transports, @Qualifier("sipCallStripes") SerialExecutors stripes, SipDomain domain) {
        this.transports = transports;
        this.requests = new FlowRequests(transports);
        this.stripes = stripes;
        this.domain = domain;
    }

    /**
     * @param event the Event header value, e.g. {@code check-sync;reboot=false}
     * @return the final status code of the NOTIFY (408 on timeout, 503 when it could not be sent)
     */
    public CompletableFuture<Integer> notify(Binding binding, String event) {
        CompletableFuture<Integer> outcome = new CompletableFuture<>();
        String callId = transports.provider().getNewCallId().getCallId();
        boolean queued = stripes.execute(callId, () -> send(binding, event, callId, outcome));
        if (!queued) outcome.complete(503);
        return outcome;
    }

    private void send(Binding b, String event, String callId, CompletableFuture<Integer> outcome) {
        try {
            AddressFactory addresses = transports.addressFactory();
            HeaderFactory headers = transports.headerFactory();
            var target = addresses.createURI(b.contactUri());
            var from = headers.createFromHeader(
                    addresses.createAddress(addresses.createSipURI(null, domain.current())),
                    Long.toHexString(System.nanoTime()));
            var to = headers.createToHeader(
                    addresses.createAddress(addresses.createSipURI(b.extension(), domain.current())), null);
            Request notify = requests.create(
                    target, Request.NOTIFY, headers.createCallIdHeader(callId), 1L, from, to, b.transport());
            String[] parts = event.split(";");
            EventHeader eventHeader = headers.createEventHeader(parts[0].strip());
            for (int i = 1; i < parts.length; i++) {
                String[] kv = parts[i].split("=", 2);
                eventHeader.setParameter(kv[0].strip(), kv.length > 1 ? kv[1].strip() : null);
            }
            notify.addHeader(eventHeader);
            notify.addHeader(headers.createSubscriptionStateHeader("terminated"));
            notify.addHeader(headers.createContentLengthHeader(0));
            requests.send(notify, b.sourceAddress(), b.sourcePort(), b.transport(), outcome::complete);
        } catch (Exception e) {
            log.info(
                    "check-sync NOTIFY to {} ({}:{}/{}) not sent: {}",
                    b.extension(),
                    b.sourceAddress(),
                    b.sourcePort(),
                    b.transport(),
                    e.toString());
            outcome.complete(503);
        }
    }
}
