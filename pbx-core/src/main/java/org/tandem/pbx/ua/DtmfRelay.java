package org.tandem.pbx.ua;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sip.header.ContentTypeHeader;
import javax.sip.message.Request;

/**
 * DTMF in SIP INFO (RFC 2976 INFO, legacy "application/dtmf-relay" body {@code Signal=5\r\nDuration=160}
 * as Cisco and most phones send it, and "application/dtmf" with the bare digit).
 */
final class DtmfRelay {

    private static final Pattern SIGNAL = Pattern.compile("(?im)^\\s*Signal\\s*=\\s*(\\S+)");

    private DtmfRelay() {}

    /** The digit the INFO carries, or empty when it is not a DTMF INFO (or carries no valid digit). */
    static Optional<Character> digit(Request info) {
        ContentTypeHeader type = (ContentTypeHeader) info.getHeader(ContentTypeHeader.NAME);
        byte[] raw = info.getRawContent();
        if (type == null || raw == null) return Optional.empty();
        String subtype = type.getContentSubType().toLowerCase(Locale.ROOT);
        String body = new String(raw, StandardCharsets.UTF_8);
        String value;
        if ("dtmf-relay".equals(subtype)) {
            Matcher m = SIGNAL.matcher(body);
            if (!m.find()) return Optional.empty();
            value = m.group(1);
        } else if ("dtmf".equals(subtype)) {
            value = body.strip();
        } else {
            return Optional.empty();
        }
        return toDigit(value);
    }

    /** "0"–"9", "*", "#", "A"–"D", and the RFC 4733 event numbers 10 (*) and 11 (#). */
    static Optional<Character> toDigit(String value) {
        if ("10".equals(value)) return Optional.of('*');
        if ("11".equals(value)) return Optional.of('#');
        if (value.length() != 1) return Optional.empty();
        char c = Character.toUpperCase(value.charAt(0));
        return "0123456789*#ABCD".indexOf(c) >= 0 ? Optional.of(c) : Optional.empty();
    }
}
