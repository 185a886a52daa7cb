package org.tandem.pbx.audit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;
import org.tandem.pbx.audit.internal.AuditRepository;

/**
 * Records and reads the audit log. {@link #record} never blocks and never throws: the change it describes has
 * already happened (callers record after their service call returned, i.e. after its transaction committed), so
 * the row is written on the audit IO thread, and a row that cannot be written is logged and counted
 * ({@code tandem.audit.failed}) rather than undoing or delaying the change. Safe to call from any thread, also a
 * SIP stripe: it only enqueues. Entries older than {@code tandem.audit.keep-days} are deleted daily.
 */
@Service
public class AuditLog {

    public static final int MAX_LIMIT = 1000;
    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);

    private final AuditRepository repository;
    private final Executor io;
    private final AuditProperties props;
    private final Clock clock;
    private final Counter failed;

    public AuditLog(
            AuditRepository repository,
            @Qualifier("auditIo") Executor io,
            @Qualifier("messagingTimer") ScheduledExecutorService housekeeping,
            AuditProperties props,
            // no meter registry in pbx-core's test application (unless test.meters): counted in a private one;
            // no Clock bean in the appliance (the system clock); a test may supply one
            ObjectProvider<MeterRegistry> meters,
            ObjectProvider<Clock> clock) {
        this.repository = repository;
        this.io = io;
        this.props = props;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
        this.failed = Counter.builder("tandem.audit.failed")
                .description("Audit log entries that could not be written (the changes themselves went through)")
                .register(meters.getIfAvailable(SimpleMeterRegistry::new));
        // The messaging timer is the appliance's housekeeping timer for stored rows; the delete itself runs on
        // the audit IO thread so a long one never delays the messaging sweeps.
        housekeeping.scheduleWithFixedDelay(
                () -> submit(this::prune), 5, Duration.ofDays(1).toMinutes(), TimeUnit.MINUTES);
    }

    /** Records a change now; {@code who} and {@code action} are required, {@code target} may be null. */
    public void record(String who, AuditChannel channel, String action, String target) {
        if (who == null || who.isBlank() || channel == null || action == null || action.isBlank()) return;
        Instant at = clock.instant();
        String w = clip(SecretMask.mask(who), 160);
        String a = clip(SecretMask.mask(action), 255);
        String t = target == null || target.isBlank() ? null : clip(SecretMask.mask(target), 160);
        submit(() -> {
            try {
                repository.add(at, w, channel, a, t);
            } catch (RuntimeException e) {
                failed.increment();
                log.warn("Audit log entry '{}' by {} not written: {}", a, w, e.toString());
            }
        });
    }

    /**
     * Entries newest first.
     *
     * @param from  inclusive, or null
     * @param to    exclusive, or null
     * @param who   part of the who column, any case, or null
     * @param limit 1 to {@value #MAX_LIMIT}
     */
    public List<AuditEntry> find(Instant from, Instant to, String who, int limit) {
        return repository.find(
                from, to, who == null || who.isBlank() ? null : who.strip(), Math.max(1, Math.min(limit, MAX_LIMIT)));
    }

    /** Deletes entries older than the retention; answers how many. */
    public int prune() {
        Instant cutoff = clock.instant().minus(Duration.ofDays(props.keepDays()));
        try {
            int n = repository.deleteBefore(cutoff);
            if (n > 0) log.info("Deleted {} audit log entries older than {} days", n, props.keepDays());
            return n;
        } catch (RuntimeException e) {
            log.warn("Audit log clean-up failed (tried again tomorrow): {}", e.toString());
            return 0;
        }
    }

    /** Failed writes so far (also the {@code tandem.audit.failed} counter). */
    public double failures() {
        return failed.count();
    }

    private void submit(Runnable task) {
        try {
            io.execute(task);
        } catch (RejectedExecutionException e) {
            failed.increment();
            log.warn("Overloaded: an audit log entry was not written");
        }
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
