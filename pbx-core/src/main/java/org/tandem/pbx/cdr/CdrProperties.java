package org.tandem.pbx.cdr;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.tandem.settings.PropertyDefaults;

/**
 * Call detail record settings ({@code tandem.cdr.*}).
 *
 * @param writeQueue call events waiting for the writer; beyond it they are dropped, counted, and
 *                   health turns red
 * @param heartbeat  how often the writer notes that the calls in progress are still alive: a call interrupted by a crash is closed at the next start with an end time
 *                   at most this much too early
 * @param commitWindow how long the first call event of a batch waits for others before they are appended to the
 *                   journal (or, without it, written in one transaction; 0 = at once): a kill -9 loses the
 *                   events of at most this window (they are only in memory until then)
 * @param journalFlushInterval how long call events may sit in the append-only journal
 *                   ({@code <data-dir>/cdr.journal}) before the database gets them in one transaction; a kill -9
 *                   loses none of them (replayed at the next start). 0: no journal, each window goes to the
 *                   database (a commit per window). The call records pages and API show a call once the
 *                   database has it, at most this much later
 * @param keepDays   how long a call's record is kept, in days; older ones (of calls that ended) are deleted daily.
 *                   0 (the default): kept for ever
 */
@ConfigurationProperties("tandem.cdr")
public record CdrProperties(
        @DefaultValue("10000") int writeQueue,
        @DefaultValue("30s") Duration heartbeat,
        @DefaultValue("200ms") Duration commitWindow,
        @DefaultValue("5s") Duration journalFlushInterval,
        @DefaultValue("0") int keepDays) {

    public CdrProperties {
        if (writeQueue <= 0) writeQueue = PropertyDefaults.of(CdrProperties.class, "writeQueue");
        if (heartbeat == null || heartbeat.isZero() || heartbeat.isNegative())
            heartbeat = PropertyDefaults.of(CdrProperties.class, "heartbeat");
        if (commitWindow == null || commitWindow.isNegative())
            commitWindow = PropertyDefaults.of(CdrProperties.class, "commitWindow");
        if (journalFlushInterval == null || journalFlushInterval.isNegative())
            journalFlushInterval = PropertyDefaults.of(CdrProperties.class, "journalFlushInterval");
        if (keepDays < 0) keepDays = PropertyDefaults.of(CdrProperties.class, "keepDays");
    }
}
