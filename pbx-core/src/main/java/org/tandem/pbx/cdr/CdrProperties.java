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
 */
@ConfigurationProperties("tandem.cdr")
public record CdrProperties(int writeQueue, Duration heartbeat) {

    public CdrProperties {
        if (writeQueue <= 0) writeQueue = 10_000;
        if (heartbeat == null || heartbeat.isZero() || heartbeat.isNegative()) heartbeat = Duration.ofSeconds(30);
    }
}
