package org.tandem.pbx.messaging.internal;

/** A message waiting for its recipient's phone (table {@code offline_message}). */
record StoredMessage(
        long id,
        String recipient,
        String senderFrom,
        String sender,
        String contentType,
        String body,
        long receivedMs,
        long expiresMs) {}
