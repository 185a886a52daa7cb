package org.tandem.pbx.registrar;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.tandem.settings.PropertyDefaults;

/**
 * Registrar settings ({@code tandem.registrar.*}), RFC 3261 §10.2.1.1 / §10.3 step 7.
 *
 * @param minExpires     shorter requested registrations get 423 Interval Too Brief (default 60 s)
 * @param maxExpires     longer requested registrations are shortened to this (default 3600 s)
 * @param defaultExpires used when neither the Contact nor the request says (default 3600 s)
 * @param pruneInterval  how often expired bindings are removed from memory and the database (default 60 s; the
 *                       first time 5 s after the start; the start itself deletes what expired during a stop)
 * @param writeQueue     registrations waiting for their write; beyond it REGISTER gets 503
 * @param journalFlushInterval how long a registration may sit in the append-only journal before the database
 *                       gets it (default 1 s); {@code 0} writes each one through to the database before the 200
 * @param journalSync    {@code fdatasync} the journal before answering: registrations also survive a power cut,
 *                       not only a crash or {@code kill -9} (default off, like the embedded database's own commits)
 * @param udpShortcut    answer the REGISTERs over UDP that allow it from their datagrams, before the SIP stack parses
 *                       them (the common forms phones send; default on): the same answers with less CPU. Off: every
 *                       REGISTER goes through the stack
 */
@ConfigurationProperties("tandem.registrar")
public record RegistrarProperties(
        @DefaultValue("60") int minExpires,
        @DefaultValue("3600") int maxExpires,
        @DefaultValue("3600") int defaultExpires,
        @DefaultValue("60s") Duration pruneInterval,
        @DefaultValue("10000") int writeQueue,
        @DefaultValue("1s") Duration journalFlushInterval,
        @DefaultValue("false") boolean journalSync,
        @DefaultValue("true") boolean udpShortcut) {

    public RegistrarProperties {
        if (minExpires <= 0) minExpires = PropertyDefaults.of(RegistrarProperties.class, "minExpires");
        if (maxExpires <= 0) maxExpires = PropertyDefaults.of(RegistrarProperties.class, "maxExpires");
        if (maxExpires < minExpires) maxExpires = minExpires;
        if (defaultExpires <= 0) defaultExpires = PropertyDefaults.of(RegistrarProperties.class, "defaultExpires");
        defaultExpires = Math.max(minExpires, Math.min(defaultExpires, maxExpires));
        if (pruneInterval == null || pruneInterval.isZero() || pruneInterval.isNegative()) {
            pruneInterval = PropertyDefaults.of(RegistrarProperties.class, "pruneInterval");
        }
        if (writeQueue <= 0) writeQueue = PropertyDefaults.of(RegistrarProperties.class, "writeQueue");
        if (journalFlushInterval == null || journalFlushInterval.isNegative())
            journalFlushInterval = PropertyDefaults.of(RegistrarProperties.class, "journalFlushInterval");
    }
}
