package org.tandem.provisioning.tftp.internal;

import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Per-source token buckets against TFTP amplification (issue 22, Low). TFTP runs over UDP, so a read request's
 * source address may be forged, and each ~20-byte request used to make us send a 516-byte block five times to
 * that address: 100 times the request. Two budgets per address:
 * <ul>
 * <li>requests: {@code requestsPerSecond}, up to {@code requestBurst} at once (a phone fetches a handful of files
 *     as it boots); requests beyond it are dropped without an answer, since an error packet is a reply too;</li>
 * <li>unverified bytes: what we send to an address before it has acknowledged anything in that transfer (no
 *     round trip proves it asked), at most {@code bytesPerSecond}, up to {@code byteBurst}; blocks after the first
 *     acknowledgement are not counted.</li>
 * </ul>
 */
public final class TftpRateLimit {

    /** The defaults: 2 requests a second (10 at once), 8 KiB a second of unacknowledged data (32 KiB at once). */
    public static TftpRateLimit defaults() {
        return new TftpRateLimit(2, 10, 8 * 1024, 32 * 1024, System::nanoTime);
    }

    private final Bucket.Shape requests;
    private final Bucket.Shape bytes;
    private final LongSupplier nanos;
    private final Map<InetAddress, Bucket> requestBuckets = new ConcurrentHashMap<>();
    private final Map<InetAddress, Bucket> byteBuckets = new ConcurrentHashMap<>();

    public TftpRateLimit(
            double requestsPerSecond, int requestBurst, long bytesPerSecond, long byteBurst, LongSupplier nanos) {
        this.requests = new Bucket.Shape(requestsPerSecond, requestBurst);
        this.bytes = new Bucket.Shape(bytesPerSecond, byteBurst);
        this.nanos = nanos;
    }

    /** Whether a request from {@code source} may be answered at all. */
    public boolean admitRequest(InetAddress source) {
        return take(requestBuckets, requests, source, 1);
    }

    /** Whether {@code n} bytes may be sent to {@code source} before it has acknowledged anything. */
    public boolean spendUnverified(InetAddress source, int n) {
        return take(byteBuckets, bytes, source, n);
    }

    private boolean take(Map<InetAddress, Bucket> buckets, Bucket.Shape shape, InetAddress source, long n) {
        long now = nanos.getAsLong();
        if (buckets.size() > 50_000) buckets.values().removeIf(b -> b.full(shape, now));
        return buckets.computeIfAbsent(source, a -> new Bucket(shape, now)).take(shape, now, n);
    }

    /** One token bucket; synchronized per address. */
    static final class Bucket {
        record Shape(double perSecond, double burst) {}

        private double tokens;
        private long last;

        Bucket(Shape shape, long now) {
            this.tokens = shape.burst();
            this.last = now;
        }

        synchronized boolean take(Shape shape, long now, long n) {
            refill(shape, now);
            if (tokens < n) return false;
            tokens -= n;
            return true;
        }

        synchronized boolean full(Shape shape, long now) {
            refill(shape, now);
            return tokens >= shape.burst();
        }

        private void refill(Shape shape, long now) {
            tokens = Math.min(shape.burst(), tokens + (now - last) / 1e9 * shape.perSecond());
            last = now;
        }
    }
}
