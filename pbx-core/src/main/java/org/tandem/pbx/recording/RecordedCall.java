package org.tandem.pbx.recording;

import java.time.Instant;
import java.util.List;

/**
 * A finished call recording (GET /api/v1/recordings): its audio is {@code GET /api/v1/recordings/{id}/audio}.
 *
 * @param callId           the call record's (CDR) key
 * @param calleeExtensions the local users the call rang
 */
public record RecordedCall(
        long id,
        String callId,
        Instant startedAt,
        long durationMs,
        String callerExtension,
        List<String> calleeExtensions,
        String trunk,
        String did,
        long bytes) {}
