package org.tandem.pbx.messaging;

import java.time.Instant;

/**
 * One instant message in a user's history.
 *
 * @param outcome {@code RELAYED} (forwarded to the recipient's phones) or {@code STORED} (kept for an offline
 *                recipient, delivered when a phone of theirs registers)
 */
public record HistoryEntry(
        long id, String sender, String recipient, String contentType, String body, Instant sentAt, String outcome) {}
