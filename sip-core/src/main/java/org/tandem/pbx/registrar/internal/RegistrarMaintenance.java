package org.tandem.pbx.registrar.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.tandem.pbx.auth.SipAccountChanged;

/**
 * Housekeeping of the location service: prunes expired bindings (memory, then the database through
 * the writer), sends NAT keepalives, and removes a deleted user's bindings. The periodic work runs on
 * the registrar timer (one named thread); database work always goes through the {@link LocationWriter}.
 */
public class RegistrarMaintenance implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RegistrarMaintenance.class);

    private final LocationTable table;
    private final LocationWriter writer;
    private final RegistrarTimer timer;
    private final NatKeepalive keepalive;
    private final Duration pruneInterval;
    private final Duration keepaliveInterval;
    private final Clock clock;
    private volatile ScheduledFuture<?> pruning;
    private volatile ScheduledFuture<?> keepalives;

    public RegistrarMaintenance(
            LocationTable table,
            LocationWriter writer,
            RegistrarTimer timer,
            NatKeepalive keepalive,
            Duration pruneInterval,
            Duration keepaliveInterval,
            Clock clock) {
        this.table = table;
        this.writer = writer;
        this.timer = timer;
        this.keepalive = keepalive;
        this.pruneInterval = pruneInterval;
        this.keepaliveInterval = keepaliveInterval;
        this.clock = clock;
    }

    /**
     * Removes expired bindings from memory, then from the database. The database holds the bindings memory holds
     * (every change goes to both; the start deletes what expired during a stop), so a prune that finds none expired
     * in memory asks the writer nothing: no DELETE every minute for nothing, and the writer's path keeps the one
     * operation type of the registrations between real expiries (a periodic second type made the JIT throw its code
     * away each time it came, bench/RESULTS.md, session 55).
     */
    public void prune() {
        int pruned = table.pruneExpired();
        if (pruned == 0) return;
        log.debug("Pruned {} expired bindings", pruned);
        writer.submit(new BindingOp.DeleteExpired(clock.instant())).exceptionally(e -> {
            log.warn("Could not delete expired registrations from the database: {}", e.toString());
            return null;
        });
    }

    @EventListener
    public void onAccountChanged(SipAccountChanged event) {
        if (!event.deleted()) return;
        int removed = table.removeAor(event.extension()).size();
        if (removed > 0) log.info("User {} deleted: removed {} bindings", event.extension(), removed);
        writer.submit(new BindingOp.DeleteAor(event.extension())).exceptionally(e -> {
            log.warn("Could not delete registrations of deleted user {}: {}", event.extension(), e.toString());
            return null;
        });
    }

    @Override
    public void start() {
        pruning = timer.housekeeping(pruneInterval, this::safePrune);
        keepalives = timer.every(keepaliveInterval, this::safeKeepalive);
    }

    private void safePrune() {
        try {
            prune();
        } catch (RuntimeException e) {
            log.warn("Pruning registrations failed", e);
        }
    }

    private void safeKeepalive() {
        try {
            keepalive.run();
        } catch (RuntimeException e) {
            log.warn("NAT keepalive round failed", e);
        }
    }

    @Override
    public void stop() {
        if (pruning != null) pruning.cancel(false);
        if (keepalives != null) keepalives.cancel(false);
        pruning = null;
        keepalives = null;
    }

    @Override
    public boolean isRunning() {
        return pruning != null;
    }

    /** After the SIP stack: keepalives need the provider. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 50;
    }
}
