package org.tandem.pbx.proxy.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import javax.sip.header.ContentTypeHeader;
import javax.sip.message.Request;
import org.springframework.context.ApplicationEventPublisher;
import org.tandem.pbx.proxy.MessageRelayed;

/**
 * Tells the rest of the PBX about instant messages the proxy forwards between local users (for their history): only
 * text a person wrote, from an authenticated local user — not "is typing" indications (RFC 3994) or other bodies.
 */
final class RelayedMessages {

    /** The longest text kept: what the offline store keeps too. */
    static final int MAX_CHARS = 4000;

    private RelayedMessages() {}

    static void forwarded(ApplicationEventPublisher events, Request request, String sender, String recipient) {
        if (events == null || sender == null || !Request.MESSAGE.equals(request.getMethod())) return;
        ContentTypeHeader type = (ContentTypeHeader) request.getHeader(ContentTypeHeader.NAME);
        String contentType = type == null ? "text/plain" : type.getContentType() + "/" + type.getContentSubType();
        if (!contentType.toLowerCase(Locale.ROOT).startsWith("text/")) return;
        byte[] raw = request.getRawContent();
        String body = raw == null ? "" : new String(raw, StandardCharsets.UTF_8);
        if (body.length() > MAX_CHARS) body = body.substring(0, MAX_CHARS);
        events.publishEvent(new MessageRelayed(sender, recipient, contentType, body, Instant.now()));
    }
}
