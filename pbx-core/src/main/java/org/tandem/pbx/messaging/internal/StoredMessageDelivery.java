package org.tandem.pbx.messaging.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.function.IntConsumer;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.header.HeaderFactory;
import javax.sip.message.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import org.tandem.pbx.concurrent.SerialExecutors;
import org.tandem.pbx.config.SipDomain;
import org.tandem.pbx.registrar.Binding;
import org.tandem.pbx.registrar.LocationService;
import org.tandem.pbx.registrar.Registered;
import org.tandem.pbx.registrar.RegistrationListener;
import org.tandem.pbx.sip.FlowRequests;
import org.tandem.pbx.sip.SipTransports;

/**
 * Delivers a user's stored messages when one of their phones registers: one at a time, oldest first, each a new
 * MESSAGE (RFC 3428) from the original sender to the phone registered last, through its flow (RFC 3581), with a
 * {@code Date} of when Tandem received it (RFC 3261 §20.17). A message is deleted only after the phone's 2xx; a
 * failure stops the run and the rest wait for the next registration. One run per user at a time. Sends run on the
 * new MESSAGE's Call-ID stripe, the database on the messaging IO thread.
 */
@Component
public class StoredMessageDelivery implements RegistrationListener {

    private static final Logger log = LoggerFactory.getLogger(StoredMessageDelivery.class);
    private static final DateTimeFormatter RFC1123 = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private final StoredMessageRepository repository;
    private final LocationService locations;
    private final SipTransports transports;
    private final FlowRequests requests;
    private final SerialExecutors stripes;
    private final ThreadPoolExecutor io;
    private final SipDomain domain;
    private final Map<String, Boolean> delivering = new ConcurrentHashMap<>();
    /** Users with messages waiting: a REGISTER of anyone else (nearly every one) costs no database work. */
    private final Set<String> waiting = ConcurrentHashMap.newKeySet();

    public StoredMessageDelivery(
            StoredMessageRepository repository,
            LocationService locations,
            SipTransports transports,
            @Qualifier("sipCallStripes") SerialExecutors stripes,
            @Qualifier("messagingIo") ThreadPoolExecutor io,
            SipDomain domain) {
        this.repository = repository;
        this.locations = locations;
        this.transports = transports;
        this.requests = new FlowRequests(transports);
        this.stripes = stripes;
        this.io = io;
        this.domain = domain;
        waiting.addAll(repository.recipients()); // at start, before SIP serves anyone
    }

    /** A message for {@code recipient} was stored. */
    void stored(String recipient) {
        waiting.add(recipient);
    }

    @Override
    public void on(Registered registered) {
        deliver(registered.extension());
    }

    /** Starts a delivery run for {@code recipient} unless one is under way. */
    void deliver(String recipient) {
        if (!waiting.contains(recipient) || delivering.putIfAbsent(recipient, Boolean.TRUE) != null) return;
        try {
            CompletableFuture.supplyAsync(() -> repository.waitingFor(recipient, System.currentTimeMillis()), io)
                    .whenComplete((pending, failure) -> {
                        if (failure != null || pending.isEmpty()) {
                            if (failure != null)
                                log.warn("Stored messages for {} not read: {}", recipient, failure.toString());
                            else waiting.remove(recipient);
                            delivering.remove(recipient);
                            return;
                        }
                        log.info("Delivering {} stored message(s) to {}", pending.size(), recipient);
                        next(recipient, new ArrayList<>(pending));
                    });
        } catch (RejectedExecutionException e) {
            delivering.remove(recipient);
        }
    }

    /** Sends the first of {@code left}; on its 2xx deletes it and goes on with the rest. */
    private void next(String recipient, List<StoredMessage> left) {
        if (left.isEmpty()) {
            delivering.remove(recipient);
            deliver(recipient); // anything stored meanwhile; an empty read forgets the user
            return;
        }
        Optional<Binding> phone = locations.lookup(recipient).stream().max(Comparator.comparing(Binding::registeredAt));
        if (phone.isEmpty()) {
            delivering.remove(recipient); // gone again: the next registration starts over
            return;
        }
        StoredMessage m = left.remove(0);
        String callId = UUID.randomUUID() + "@" + transports.advertisedHost();
        stripes.execute(
                callId,
                () -> send(m, phone.get(), callId, status -> {
                    if (status / 100 != 2) {
                        log.info(
                                "Stored message {} for {} answered {}: kept for the next registration",
                                m.id(),
                                recipient,
                                status);
                        delivering.remove(recipient);
                        return;
                    }
                    try {
                        CompletableFuture.runAsync(() -> repository.delivered(m.id()), io)
                                .whenComplete((ok, failure) -> {
                                    if (failure != null) {
                                        log.warn(
                                                "Stored message {} delivered but not deleted: {}",
                                                m.id(),
                                                failure.toString());
                                        delivering.remove(recipient);
                                    } else {
                                        next(recipient, left);
                                    }
                                });
                    } catch (RejectedExecutionException e) {
                        delivering.remove(recipient);
                    }
                }));
    }

    private void send(StoredMessage m, Binding phone, String callId, IntConsumer outcome) {
        try {
            AddressFactory addresses = transports.addressFactory();
            HeaderFactory headers = transports.headerFactory();
            String transport = phone.transport();
            Address from = addresses.createAddress(stripTag(m.senderFrom()));
            Request message = requests.create(
                    addresses.createURI(phone.contactUri()),
                    Request.MESSAGE,
                    headers.createCallIdHeader(callId),
                    1L,
                    headers.createFromHeader(from, Long.toHexString(System.nanoTime())),
                    headers.createToHeader(
                            addresses.createAddress("sip:" + m.recipient() + "@" + domain.current()), null),
                    transport);
            message.addHeader(headers.createHeader("Date", RFC1123.format(Instant.ofEpochMilli(m.receivedMs()))));
            String[] type = m.contentType().split("/", 2);
            message.setContent(m.body(), headers.createContentTypeHeader(type[0], type.length > 1 ? type[1] : "plain"));
            requests.send(message, phone.sourceAddress(), phone.sourcePort(), transport, outcome);
        } catch (Exception e) {
            log.info("Stored message {} for {} not sent: {}", m.id(), m.recipient(), e.toString());
            outcome.accept(503);
        }
    }

    /** The stored From without its tag parameter (each delivery is a new request with its own tag). */
    private static String stripTag(String from) {
        return from.replaceAll(";\\s*tag=[^;]*", "").strip();
    }
}
