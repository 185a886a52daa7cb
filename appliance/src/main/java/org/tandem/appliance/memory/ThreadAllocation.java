package org.tandem.appliance.memory;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The bytes the JVM's threads have allocated on the heap since this counter was made, as one running total: each
 * thread's own count ({@code com.sun.management.ThreadMXBean#getThreadAllocatedBytes}), what grew since the last read
 * added up, a thread met for the first time counted whole, a thread gone forgotten (what it allocated since the last
 * read is lost, which errs towards quiet only for threads that end, never the SIP and call threads). JDK 17 has no
 * total of its own ({@code getTotalThreadAllocatedBytes} came in 21). Read from one thread (the sampler's).
 */
final class ThreadAllocation implements LongSupplier {

    private final com.sun.management.ThreadMXBean threads;
    private Map<Long, Long> last = new HashMap<>();
    private long total;

    private ThreadAllocation(com.sun.management.ThreadMXBean threads) {
        this.threads = threads;
    }

    /** This JVM's counter, or empty when the JVM does not count allocation per thread. */
    static Optional<LongSupplier> ofThisJvm() {
        if (!(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads)
                || !threads.isThreadAllocatedMemorySupported()) {
            return Optional.empty();
        }
        if (!threads.isThreadAllocatedMemoryEnabled()) threads.setThreadAllocatedMemoryEnabled(true);
        return Optional.of(new ThreadAllocation(threads));
    }

    @Override
    public long getAsLong() {
        long[] ids = threads.getAllThreadIds();
        long[] bytes = threads.getThreadAllocatedBytes(ids);
        Map<Long, Long> now = new HashMap<>(ids.length * 2);
        for (int i = 0; i < ids.length; i++) {
            if (bytes[i] < 0) continue; // ended between the two calls
            Long before = last.get(ids[i]);
            total += before == null ? bytes[i] : Math.max(0, bytes[i] - before);
            now.put(ids[i], bytes[i]);
        }
        last = now;
        return total;
    }
}
