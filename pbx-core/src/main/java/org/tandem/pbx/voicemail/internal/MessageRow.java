package org.tandem.pbx.voicemail.internal;

/** A {@code voicemail_message} row. */
public record MessageRow(
        String id,
        String extension,
        String folder,
        String caller,
        String callerName,
        long receivedMs,
        long durationMs,
        String audioFile,
        long audioBytes) {}
