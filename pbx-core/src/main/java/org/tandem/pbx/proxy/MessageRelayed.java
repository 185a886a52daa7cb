package org.tandem.pbx.proxy;

import java.time.Instant;

/**
 * A local user's instant message (RFC 3428 MESSAGE, text) was forwarded to the registered phones of another local
 * user. Raised on the message's stripe, before any phone answered; the messaging feature keeps it in both users'
 * history.
 *
 * @param contentType type/subtype, e.g. {@code text/plain}
 */
public record MessageRelayed(String sender, String recipient, String contentType, String body, Instant at) {}
