package org.tandem.pbx.registrar.internal;

import gov.nist.javax.sip.address.AddressFactoryImpl;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.HexFormat;
import java.util.Locale;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import org.tandem.pbx.security.Digests;
import org.tandem.pbx.sip.RawSyntax;

/**
 * A normalised form of a Contact URI such that two URIs equal under RFC 3261 §19.1.4 get the same key:
 * scheme and host compared case-insensitively, user and password case-sensitively (after unescaping,
 * which the parser does), port only equal to an explicit identical port, and the user, ttl, method,
 * maddr and transport parameters compared when present (absent never equals present). Other URI
 * parameters are left out: §19.1.4 only compares them when both URIs have them, which a single key cannot
 * express, and a UA re-registering the same address with a changed cosmetic parameter (e.g. a new
 * "line" value) is better treated as the same contact. URI headers are ignored (not allowed in Contact
 * of REGISTER bindings in practice).
 */
final class ContactKey {

    private static final AddressFactoryImpl URIS = new AddressFactoryImpl();
    /** The compared parameters, in the order the key lists them (by name). */
    private static final String[] SIGNIFICANT = {"maddr", "method", "transport", "ttl", "user"};

    /** A Contact URI as the registrar stores it (the stack's writing of it) and its key. */
    record Read(String uri, String key) {}

    private ContactKey() {}

    /** {@code uri} parsed as the stack parses a Contact's URI, or null when it does not parse. */
    static URI uri(String uri) {
        try {
            return URIS.createURI(uri);
        } catch (ParseException e) {
            return null;
        }
    }

    /**
     * The stored form and key of a Contact URI already checked as {@link RawSyntax#sipUri} with a user ({@code
     * sip:user@host[:port][;params]}, no escapes, password or headers), read from its text: what {@link #of(URI)} and
     * the URI's {@code toString()} give for the stack's parse of it (ContactKeyTest compares the two), without that
     * parse and writing (issue 23: ~5 % of a raw REGISTER's CPU). Null for a form the parse might write or key
     * otherwise: a host with capitals, a port with a leading zero or above 65535, a compared parameter twice; the
     * caller then parses.
     */
    static Read ofChecked(String uri) {
        int n = uri.length();
        int at = uri.indexOf('@');
        if (!uri.startsWith("sip:") || at < 0) return null;
        int i = at + 1;
        while (i < n && RawSyntax.hostChar(uri.charAt(i))) {
            if (uri.charAt(i) >= 'A' && uri.charAt(i) <= 'Z') return null;
            i++;
        }
        StringBuilder key = new StringBuilder(n + 8).append(uri, 0, i);
        if (i < n && uri.charAt(i) == ':') {
            int start = ++i;
            while (i < n && uri.charAt(i) >= '0' && uri.charAt(i) <= '9') i++;
            if (i == start || uri.charAt(start) == '0' || i - start > 5) return null;
            if (Integer.parseInt(uri, start, i, 10) > 65535) return null;
            key.append(uri, start - 1, i);
        }
        String[] values = new String[SIGNIFICANT.length];
        while (i < n) {
            if (uri.charAt(i) != ';') return null;
            int name = ++i;
            while (i < n && uri.charAt(i) != '=' && uri.charAt(i) != ';') i++;
            int nameEnd = i;
            String value = "";
            if (i < n && uri.charAt(i) == '=') {
                int start = ++i;
                while (i < n && uri.charAt(i) != ';') i++;
                value = uri.substring(start, i);
            }
            for (int p = 0; p < SIGNIFICANT.length; p++) {
                String compared = SIGNIFICANT[p];
                if (nameEnd - name == compared.length() && uri.regionMatches(true, name, compared, 0, nameEnd - name)) {
                    if (values[p] != null) return null;
                    values[p] = comparedValue(compared, value);
                }
            }
        }
        for (int p = 0; p < SIGNIFICANT.length; p++) {
            if (values[p] != null)
                key.append(';').append(SIGNIFICANT[p]).append('=').append(values[p]);
        }
        return new Read(uri, key.toString());
    }

    /**
     * A raw REGISTER's Contact URI (checked as {@link RawSyntax#sipUri}) as stored and keyed: read from its text when
     * {@link #ofChecked} can, else from the stack's parse; null when it does not parse.
     */
    static Read ofRaw(String uri) {
        Read read = ofChecked(uri);
        if (read != null) return read;
        URI parsed = uri(uri);
        return parsed == null ? null : new Read(parsed.toString(), of(parsed));
    }

    static String of(String uri) {
        try {
            return of(URIS.createURI(uri));
        } catch (ParseException e) {
            return "raw:" + uri;
        }
    }

    static String of(URI uri) {
        if (!(uri instanceof SipURI sip)) return "raw:" + uri.toString();
        StringBuilder k = new StringBuilder(sip.isSecure() ? "sips:" : "sip:");
        if (sip.getUser() != null) {
            k.append(unescape(sip.getUser()));
            if (sip.getUserPassword() != null) k.append(':').append(unescape(sip.getUserPassword()));
            k.append('@');
        }
        k.append(sip.getHost().toLowerCase(Locale.ROOT));
        if (sip.getPort() > 0) k.append(':').append(sip.getPort());
        for (String name : SIGNIFICANT) {
            String v = sip.getParameter(name);
            if (v == null && hasFlag(sip, name)) v = "";
            if (v != null) k.append(';').append(name).append('=').append(comparedValue(name, v));
        }
        return k.toString();
    }

    /** A compared parameter's value as the key holds it: ttl as written, the others case-insensitive (§19.1.4). */
    private static String comparedValue(String name, String value) {
        return name.equals("ttl") ? value : value.toLowerCase(Locale.ROOT);
    }

    /** 64 hex chars stored in {@code registration.contact_key} (a VARCHAR(64)). */
    static String digest(String key) {
        return HexFormat.of().formatHex(Digests.sha256(key.getBytes(StandardCharsets.UTF_8)));
    }

    /** §19.1.4: "%61lice" equals "alice"; the parser keeps escapes, so undo them here. */
    static String unescape(String s) {
        if (s.indexOf('%') < 0) return s;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && isHex(s.charAt(i + 1)) && isHex(s.charAt(i + 2))) {
                out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }

    private static boolean hasFlag(SipURI sip, String name) {
        var names = sip.getParameterNames();
        while (names.hasNext()) {
            if (name.equalsIgnoreCase((String) names.next())) return true;
        }
        return false;
    }
}
