package org.tandem.appliance.health;

import java.time.Clock;
import java.time.Instant;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;
import org.tandem.pbx.concurrent.Workers;

/**
 * {@code workers}: DOWN for a minute after any background worker pool (voicemail I/O, the audit and quality writers,
 * PIN checks, timers...) refused work because its queue was full: that work is lost (a call record detail, an audit
 * line, a voicemail menu action), so an admin must see it. The pools that refused, and how often, are the details.
 */
@Component
public class WorkersHealthIndicator implements HealthIndicator {

    private final Workers workers;
    private final RecentGrowth rejections;

    @Autowired
    // no Clock bean in the appliance (the system clock); a test may supply one
    public WorkersHealthIndicator(Workers workers, ObjectProvider<Clock> clock) {
        this(workers, clock.getIfAvailable(Clock::systemUTC));
    }

    WorkersHealthIndicator(Workers workers, Clock clock) {
        this.workers = workers;
        this.rejections = new RecentGrowth(workers::totalRejected, clock);
    }

    @Override
    public Health health() {
        Instant lastRejection = rejections.check();
        Health.Builder health = lastRejection != null
                ? Health.down()
                        .withDetail(
                                "reason",
                                "A background worker pool refused work because its queue was "
                                        + "full: the server is overloaded or a disk or database is slow; check CPU, disk and the log")
                        .withDetail("lastRejection", lastRejection.toString())
                : Health.up();
        return health.withDetail("rejected", workers.rejections()).build();
    }
}
