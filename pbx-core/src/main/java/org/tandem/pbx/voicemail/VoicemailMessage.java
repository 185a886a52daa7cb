package org.tandem.pbx.voicemail;

import java.time.Duration;
import java.time.Instant;

/**
 * A stored message. Its audio (a WAV file) is always there when the message is: the file is made
 * durable before the message is recorded.
 *
 * @param caller     the caller's number or extension, null when withheld
 * @param callerName the caller's display name, null when unknown
 */
public record VoicemailMessage(
        String id,
        String box,
        Folder folder,
        String caller,
        String callerName,
        Instant receivedAt,
        Duration duration,
        long audioBytes) {}
