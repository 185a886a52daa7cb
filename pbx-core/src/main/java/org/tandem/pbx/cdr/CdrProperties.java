package org.tandem.pbx.cdr;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Call detail record settings ({@code tandem.cdr.*}).
 *
 * @param writeQueue call events waiting for the writer; beyond it they are dropped, counted, and
 *                   health turns red (default 10000)
 * @param heartbeat  how often the writer notes that the calls in progress are still alive (default
 *                   30 s): a call interrupted by a crash is closed at the next start with an end time
 *                   at most this much too early
 * @param commitWindow how long the first call event of a batch waits for others before they are written
 *                   in one transaction (default 200 ms; 0 = write at once): fewer commits, the same
 *                   records; a kill -9 loses the events of at most this window (they are only in memory
 *                   until written, with or without the window)
 */
@ConfigurationProperties("tandem.cdr")
public record CdrProperties(int writeQueue, Duration heartbeat, Duration commitWindow) {

    public CdrProperties {
        if (writeQueue <= 0) writeQueue = 10_000;
        if (heartbeat == null || heartbeat.isZero() || heartbeat.isNegative()) heartbeat = Duration.ofSeconds(30);
        if (commitWindow == null || commitWindow.isNegative()) commitWindow = Duration.ofMillis(200);
    }
}
