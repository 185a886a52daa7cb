package org.tandem.pbx.messaging.internal;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.tandem.pbx.concurrent.Housekeeping;
import org.tandem.pbx.messaging.HistoryEntry;
import org.tandem.pbx.messaging.MessageHistory;
import org.tandem.pbx.messaging.MessagingProperties;
import org.tandem.pbx.proxy.MessageRelayed;

/**
 * Keeps every text message between local users in their history: those the proxy relays ({@link MessageRelayed})
 * and those kept for an offline user ({@link MessageStore}). Written on the messaging IO thread, never on a SIP
 * stripe; a message that cannot be written is logged and not retried (the message itself went its way). Entries
 * older than {@code tandem.messaging.history-keep} are deleted hourly.
 */
@Component
class MessageHistoryRecorder implements MessageHistory {

    private static final Logger log = LoggerFactory.getLogger(MessageHistoryRecorder.class);

    private final HistoryRepository repository;
    private final ThreadPoolExecutor io;
    private final MessagingProperties props;

    MessageHistoryRecorder(
            HistoryRepository repository,
            @Qualifier("messagingIo") ThreadPoolExecutor io,
            @Qualifier("messagingTimer") ScheduledExecutorService timer,
            MessagingProperties props) {
        this.repository = repository;
        this.io = io;
        this.props = props;
        Duration hourly = Duration.ofHours(1);
        timer.scheduleWithFixedDelay(
                this::forgetOld, Housekeeping.firstRunMillis(hourly), hourly.toMillis(), TimeUnit.MILLISECONDS);
    }

    @EventListener
    void onRelayed(MessageRelayed m) {
        record(m.sender(), m.recipient(), m.contentType(), m.body(), m.at().toEpochMilli(), "RELAYED");
    }

    /** A message kept for an offline recipient (already committed to its own table). */
    void stored(StoredMessage m) {
        record(m.sender(), m.recipient(), m.contentType(), m.body(), m.receivedMs(), "STORED");
    }

    private void record(String sender, String recipient, String type, String body, long at, String outcome) {
        try {
            io.execute(() -> {
                try {
                    repository.add(sender, recipient, type, body, at, outcome);
                } catch (RuntimeException e) {
                    log.warn("Message from {} to {} not kept in their history: {}", sender, recipient, e.toString());
                }
            });
        } catch (RejectedExecutionException e) {
            log.warn("Overloaded: message from {} to {} not kept in their history", sender, recipient);
        }
    }

    @Override
    public List<HistoryEntry> recent(String user, int limit) {
        return repository.recent(user, Math.max(1, Math.min(limit, 500)));
    }

    private void forgetOld() {
        try {
            int n = repository.deleteOlderThan(
                    System.currentTimeMillis() - props.historyKeep().toMillis());
            if (n > 0) log.info("Deleted {} message(s) older than {} from the history", n, props.historyKeep());
        } catch (RuntimeException e) {
            log.warn("Message history clean-up failed (tried again in an hour): {}", e.toString());
        }
    }
}
