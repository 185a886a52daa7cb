package org.tandem.appliance.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;
import org.tandem.pbx.concurrent.SerialExecutors;

/**
 * {@code sipDispatch}: DOWN while the per-Call-ID dispatch stripes are shedding work, i.e. when their
 * rejected count grew since the previous check or within the last {@link #WINDOW}. A rejected task means
 * a request was answered 503 for lack of capacity (docs/architecture.md, threading model: a rejected task turns health red); staying
 * red for a minute lets a load balancer or monitor that polls every few seconds actually see it.
 */
@Component
public class SipDispatchHealthIndicator implements HealthIndicator {

    static final Duration WINDOW = RecentGrowth.WINDOW;

    private final SerialExecutors stripes;
    private final RecentGrowth rejections;

    @Autowired
    // no Clock bean in the appliance (the system clock); a test may supply one
    public SipDispatchHealthIndicator(SerialExecutors sipCallStripes, ObjectProvider<Clock> clock) {
        this(sipCallStripes, clock.getIfAvailable(Clock::systemUTC));
    }

    SipDispatchHealthIndicator(SerialExecutors stripes, Clock clock) {
        this.stripes = stripes;
        this.rejections = new RecentGrowth(stripes::rejectedCount, clock);
    }

    @Override
    public Health health() {
        Instant lastRejection = rejections.check();
        Health.Builder health = lastRejection != null
                ? Health.down()
                        .withDetail(
                                "reason",
                                "SIP requests are being shed with 503: the dispatch queues "
                                        + "are full. The server is overloaded or a handler is stuck; check CPU and the log")
                        .withDetail("lastRejection", lastRejection.toString())
                : Health.up();
        return health.withDetail("rejected", rejections.lastSeen())
                .withDetail("queued", stripes.queuedTasks())
                .withDetail("stripes", stripes.stripeCount())
                .build();
    }
}
