package org.tandem.pbx.voicemail.internal;

/** A {@code voicemail_email} row: the e-mail of one message. */
public record EmailRow(
        String messageId,
        String recipient,
        String status,
        int attempts,
        Long nextTryMs,
        String lastAnswer,
        long updatedMs) {}
