package org.tandem.provisioning.device;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.tandem.provisioning.device.internal.FetchLogRepository;

/**
 * Every configuration fetch: device, source, file, result; kept {@link #KEEP}. Written by the serving thread (an HTTP
 * worker or the TFTP thread, never a SIP thread); a failed write is logged and does not fail the fetch.
 */
@Service
public class FetchLog {

    private static final Logger log = LoggerFactory.getLogger(FetchLog.class);

    /** How long fetches are kept; older ones are deleted every {@link #PRUNE_EVERY} writes. */
    static final Duration KEEP = Duration.ofDays(90);

    static final int PRUNE_EVERY = 1000;

    private final FetchLogRepository repository;
    private final AtomicInteger sincePrune = new AtomicInteger();

    public FetchLog(FetchLogRepository repository) {
        this.repository = repository;
    }

    public void record(
            Instant at,
            String mac,
            String source,
            String protocol,
            String fileName,
            String userAgent,
            FetchResult result) {
        try {
            repository.insert(at.toEpochMilli(), mac, source, protocol, fileName, userAgent, result);
            if (sincePrune.incrementAndGet() % PRUNE_EVERY == 0)
                repository.deleteBefore(at.minus(KEEP).toEpochMilli());
        } catch (RuntimeException e) {
            log.warn("Provisioning fetch not logged ({} {} {}): {}", source, fileName, result, e.toString());
        }
    }

    /** Newest first; {@code mac} null = every device. */
    public List<FetchRecord> recent(String mac, int limit) {
        return repository.recent(mac, Math.max(1, Math.min(limit, 1000)));
    }
}
