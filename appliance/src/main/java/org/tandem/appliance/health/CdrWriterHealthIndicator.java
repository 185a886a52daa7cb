package org.tandem.appliance.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;
import org.tandem.pbx.cdr.CdrWriterStatus;

/**
 * {@code cdrWriter}: DOWN while call detail records are being lost, i.e. when the writer dropped
 * (queue full) or failed to write a call event since the previous check or within the last
 * {@link #WINDOW} (docs/architecture.md, threading model: a rejected task turns health red; it stays red long enough for a
 * monitor polling every few seconds to see it).
 */
@Component
public class CdrWriterHealthIndicator implements HealthIndicator {

    static final Duration WINDOW = Duration.ofSeconds(60);

    private final CdrWriterStatus writer;
    private final Clock clock;
    private long lastLost;
    private Instant lastGrowth;

    @Autowired
    // no Clock bean in the appliance (the system clock); a test may supply one
    public CdrWriterHealthIndicator(CdrWriterStatus writer, ObjectProvider<Clock> clock) {
        this(writer, clock.getIfAvailable(Clock::systemUTC));
    }

    CdrWriterHealthIndicator(CdrWriterStatus writer, Clock clock) {
        this.writer = writer;
        this.clock = clock;
        this.lastLost = lost();
    }

    private long lost() {
        return writer.rejectedCount() + writer.failedCount();
    }

    @Override
    public synchronized Health health() {
        Instant now = clock.instant();
        long lost = lost();
        if (lost > lastLost) {
            lastGrowth = now;
            lastLost = lost;
        }
        Health.Builder health = lastGrowth != null && now.isBefore(lastGrowth.plus(WINDOW))
                ? Health.down()
                        .withDetail(
                                "reason",
                                "Call detail records are being lost: the CDR write queue is "
                                        + "full or writes fail. Check the database (reachable, disk space) and the log")
                        .withDetail("lastLoss", lastGrowth.toString())
                : Health.up();
        return health.withDetail("queued", writer.queued())
                .withDetail("rejected", writer.rejectedCount())
                .withDetail("failed", writer.failedCount())
                .build();
    }
}
