/**
 * One-way latencies: 1 µs buckets up to 100 ms, 1 ms buckets from there to 10 s (a relay that falls behind builds
 * seconds of backlog, and its percentiles should say how many), beyond that counted, and the exact maximum kept.
 */
final class LatencyHistogram {

    private static final int FINE_MICROS = 100_000;
    private static final int COARSE_MILLIS = 10_000;
    private final long[] fine = new long[FINE_MICROS];
    private final long[] coarse = new long[COARSE_MILLIS];
    private long total;
    private long maxNanos;

    void record(long nanos) {
        long micros = Math.max(0, nanos / 1000);
        if (micros < FINE_MICROS) fine[(int) micros]++;
        else if (micros / 1000 < COARSE_MILLIS) coarse[(int) (micros / 1000)]++;
        total++;
        if (nanos > maxNanos) maxNanos = nanos;
    }

    void add(LatencyHistogram other) {
        for (int i = 0; i < FINE_MICROS; i++) fine[i] += other.fine[i];
        for (int i = 0; i < COARSE_MILLIS; i++) coarse[i] += other.coarse[i];
        total += other.total;
        maxNanos = Math.max(maxNanos, other.maxNanos);
    }

    /** The latency (µs) that {@code fraction} of the samples do not exceed; -1 without samples. */
    long percentileMicros(double fraction) {
        if (total == 0) return -1;
        long rank = (long) Math.ceil(fraction * total);
        long seen = 0;
        for (int i = 0; i < FINE_MICROS; i++) {
            seen += fine[i];
            if (seen >= rank) return i;
        }
        for (int i = FINE_MICROS / 1000; i < COARSE_MILLIS; i++) {
            seen += coarse[i];
            if (seen >= rank) return i * 1000L;
        }
        return maxNanos / 1000;
    }

    long maxMicros() {
        return total == 0 ? -1 : maxNanos / 1000;
    }
}
