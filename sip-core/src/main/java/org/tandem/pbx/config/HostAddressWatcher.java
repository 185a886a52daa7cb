package org.tandem.pbx.config;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.tandem.media.host.HostAddress;
import org.tandem.pbx.concurrent.Workers;

/**
 * Keeps {@link HostAddress} in step with the host (issue 21): every few seconds, on its own timer thread, it reads the
 * interfaces and the default route again and, when the chosen address changed, publishes {@link HostAddressChanged}.
 * Whatever names the appliance reads {@link HostAddress#current()} per use, so the next REGISTER answer, INVITE and
 * SDP carry the new address; nothing restarts. Polling rather than netlink: a read of {@code /proc/net/route} and the
 * interface list costs microseconds, and it works in every network namespace and container.
 */
public final class HostAddressWatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(HostAddressWatcher.class);

    private final HostAddress address;
    private final Workers workers;
    private final ApplicationEventPublisher events;
    private final Duration interval;
    private ScheduledThreadPoolExecutor timer;
    private ScheduledFuture<?> polling;

    public HostAddressWatcher(
            HostAddress address, Workers workers, ApplicationEventPublisher events, Duration interval) {
        this.address = address;
        this.workers = workers;
        this.events = events;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        if (timer != null) return;
        timer = workers.timer("host-address");
        polling = timer.scheduleWithFixedDelay(this::check, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Reads the host's address once; publishes a change. */
    void check() {
        try {
            String before = address.refresh();
            if (before == null) return;
            log.info(
                    "The host's address changed from {} to {}: SIP, SDP and provisioning name {} from now on"
                            + " (unless tandem.sip.advertised-address is set)",
                    before,
                    address.current(),
                    address.current());
            events.publishEvent(new HostAddressChanged(before, address.current()));
        } catch (RuntimeException e) {
            log.warn("Cannot read the host's network interfaces; keeping {}", address.current(), e);
        }
    }

    @Override
    public synchronized void stop() {
        if (timer == null) return;
        polling.cancel(false);
        timer.shutdownNow();
        timer = null;
    }

    @Override
    public synchronized boolean isRunning() {
        return timer != null;
    }
}
