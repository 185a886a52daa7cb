package org.tandem.appliance.memory;

import java.lang.management.ManagementFactory;
import java.util.Optional;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.tandem.pbx.concurrent.Workers;

/**
 * Gives the heap's memory back to the system only while the appliance is quiet (issue 23). The start script asks G1
 * for a periodic collection (60 s) and a heap kept 10-30 % free, so that an idle appliance stays under 400 MB resident.
 * Under load the same flags cost CPU on every call: a heap kept that small starts a concurrent cycle every few
 * seconds, and the periodic cycle runs every minute whatever the load (G1 counts from its last look at the whole heap,
 * not from the last young collection) — 1.84 against 1.23 ms per call with G1's own settings (bench/RESULTS.md,
 * session 46). So what the process allocates, sampled every 2 s ({@link ThreadAllocation}, {@link LoadSwitch}),
 * switches between the two: G1's own settings ({@link HeapPolicy#UNDER_LOAD}) from the first busy sample, the flags the
 * JVM started with again after a quiet minute, when the periodic cycle returns what the load took. Every 2 s, not 10
 * (before session 60): a load that starts runs on the quiet heap until the next sample says busy, and a 10 s
 * benchmark round of 300 REGISTERs a second fell across two samples, each under the threshold.
 *
 * <p>Nothing is done when the JVM started without a periodic collection (a plain {@code java -jar}, the tests, or
 * {@code -XX:G1PeriodicGCInterval=0} in {@code TANDEM_JAVA_OPTS}: then nobody asked for memory back), runs another
 * collector, or does not count allocation per thread.
 */
@Component
class IdleMemoryReturn implements AutoCloseable {

    static final long SAMPLE_SECONDS = 2;
    /** How long the allocation stays under {@link LoadSwitch#QUIET} before memory goes back. */
    static final long QUIET_SECONDS = 60;

    private static final Logger log = LoggerFactory.getLogger(IdleMemoryReturn.class);

    private final Workers workers;
    private final VmOptions vm;
    private final Optional<LongSupplier> allocatedBytes;
    private final LongSupplier clockNanos;
    private ScheduledThreadPoolExecutor timer;

    // sampler state: the timer's one thread, and close() once the timer has stopped
    private HeapPolicy whenQuiet;
    private LoadSwitch load;
    private long lastAllocated;
    private long lastClock;

    @Autowired
    IdleMemoryReturn(Workers workers) {
        this(workers, VmOptions.ofThisJvm(), ThreadAllocation.ofThisJvm(), System::nanoTime);
    }

    IdleMemoryReturn(Workers workers, VmOptions vm, Optional<LongSupplier> allocatedBytes, LongSupplier clockNanos) {
        this.workers = workers;
        this.vm = vm;
        this.allocatedBytes = allocatedBytes;
        this.clockNanos = clockNanos;
    }

    @EventListener(ApplicationReadyEvent.class)
    synchronized void start() {
        Optional<HeapPolicy> started = quietPolicy(vm, g1());
        if (started.isEmpty() || timer != null) return;
        if (allocatedBytes.isEmpty()) {
            log.info("This JVM does not count allocation per thread: the heap keeps the settings it started with");
            return;
        }
        begin(started.get());
        timer = workers.timer("idle-memory");
        timer.scheduleWithFixedDelay(this::sample, SAMPLE_SECONDS, SAMPLE_SECONDS, TimeUnit.SECONDS);
        log.info(
                "Memory goes back to the system after a quiet minute (G1: a periodic collection every {} s, "
                        + "{}-{} % of the heap free); under load G1's own settings",
                whenQuiet.periodicMillis() / 1000, whenQuiet.minFree(), whenQuiet.maxFree());
    }

    /** The flags the JVM started with, if they ask for memory back and G1 is the collector. */
    static Optional<HeapPolicy> quietPolicy(VmOptions vm, boolean g1) {
        if (!g1) return Optional.empty(); // the flags exist in every JVM, other collectors ignore them
        HeapPolicy policy = HeapPolicy.current(vm);
        return policy.periodicMillis() > 0 ? Optional.of(policy) : Optional.empty();
    }

    private static boolean g1() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .anyMatch(gc -> gc.getName().startsWith("G1 "));
    }

    /** Starts from the JVM's flags, taken as quiet (the start is over, the first busy sample switches). */
    void begin(HeapPolicy quiet) {
        whenQuiet = quiet;
        load = new LoadSwitch(false);
        lastAllocated = allocatedBytes.orElseThrow().getAsLong();
        lastClock = clockNanos.getAsLong();
    }

    /** One sample: what the process allocated since the last, and the policy when the state changes. */
    void sample() {
        long allocated = allocatedBytes.orElseThrow().getAsLong();
        long clock = clockNanos.getAsLong();
        long wall = clock - lastClock;
        double perSecond = wall > 0 ? (allocated - lastAllocated) * 1e9 / wall : 0;
        lastAllocated = allocated;
        lastClock = clock;
        switch (load.sample(perSecond)) {
            case BECAME_BUSY -> {
                // one line per change of state (a quiet minute lies between two): a bench or a support case counts them
                log.info("Under load ({} MB allocated a second): G1's own heap settings", Math.round(perSecond / 1e6));
                set(HeapPolicy.UNDER_LOAD);
            }
            case BECAME_QUIET -> {
                log.info("Quiet for a minute: memory goes back to the system");
                set(whenQuiet);
            }
            case NONE -> {}
        }
    }

    private void set(HeapPolicy policy) {
        try {
            policy.apply(vm);
        } catch (IllegalArgumentException refused) {
            // a JVM that refuses a flag keeps what it has: memory returned later or sooner, nothing lost
            log.warn("The JVM refused a heap setting: {}", refused.getMessage());
        }
    }

    boolean busy() {
        return load != null && load.busy();
    }

    /**
     * Leaves the JVM with the flags it started with: a context started again in the same JVM (a restore's restart)
     * takes the flags in force as the ones asked for, and would find G1's own if this one stopped while busy.
     */
    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
            try {
                timer.awaitTermination(2, TimeUnit.SECONDS); // a sample under way sets its flags first
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (busy()) set(whenQuiet);
    }
}
