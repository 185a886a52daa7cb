package org.tandem.pbx.messaging.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import org.tandem.pbx.concurrent.Housekeeping;
import org.tandem.pbx.config.SipDomain;
import org.tandem.pbx.messaging.MessagingProperties;

/**
 * Stored messages nobody's phone came for within {@code tandem.messaging.keep-for}: dropped, and their sender (a
 * local user) is told by a MESSAGE from {@code postmaster}, delivered like any stored message (at once when the
 * sender is online). A notice that expires in turn is dropped without another notice. Runs on the messaging IO
 * thread.
 */
@Component
public class ExpiredMessages {

    static final String POSTMASTER = "postmaster";
    private static final Logger log = LoggerFactory.getLogger(ExpiredMessages.class);
    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final StoredMessageRepository repository;
    private final StoredMessageDelivery delivery;
    private final ThreadPoolExecutor io;
    private final SipDomain domain;
    private final MessagingProperties props;

    public ExpiredMessages(
            StoredMessageRepository repository,
            StoredMessageDelivery delivery,
            @Qualifier("messagingIo") ThreadPoolExecutor io,
            @Qualifier("messagingTimer") ScheduledExecutorService timer,
            SipDomain domain,
            MessagingProperties props) {
        this.repository = repository;
        this.delivery = delivery;
        this.io = io;
        this.domain = domain;
        this.props = props;
        long every = props.expirySweep().toMillis();
        timer.scheduleWithFixedDelay(
                this::sweepSoon, Housekeeping.firstRunMillis(props.expirySweep()), every, TimeUnit.MILLISECONDS);
    }

    private void sweepSoon() {
        try {
            io.execute(this::sweep);
        } catch (RejectedExecutionException e) {
            log.debug("Messaging IO busy: expiry sweep skipped this time");
        }
    }

    private void sweep() {
        try {
            long now = System.currentTimeMillis();
            List<StoredMessage> expired = repository.takeExpired(now);
            for (StoredMessage m : expired) {
                log.info("Message {} from {} for {} expired undelivered", m.id(), m.sender(), m.recipient());
                if (m.sender().isEmpty() || POSTMASTER.equals(m.sender())) continue; // no notice about a notice
                String text = "Not delivered: your message to " + m.recipient() + " of "
                        + WHEN.format(Instant.ofEpochMilli(m.receivedMs())) + " waited "
                        + props.keepFor().toDays() + " day(s) and no phone of theirs"
                        + " registered. It said: " + m.body();
                if (text.length() > props.maxBodyChars()) text = text.substring(0, props.maxBodyChars());
                StoredMessage notice = new StoredMessage(
                        0,
                        m.sender(),
                        "\"Tandem\" <sip:" + POSTMASTER + "@" + domain.current() + ">",
                        POSTMASTER,
                        "text/plain",
                        text,
                        now,
                        now + props.keepFor().toMillis());
                if (repository.store(notice, Integer.MAX_VALUE)) {
                    delivery.stored(m.sender());
                    delivery.deliver(m.sender());
                }
            }
        } catch (RuntimeException e) {
            log.warn("Expiry sweep of stored messages failed: {}", e.toString());
        }
    }
}
