package org.tandem.pbx.registrar.internal;

import gov.nist.javax.sip.address.AddressFactoryImpl;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.TreeMap;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import org.tandem.pbx.security.Digests;

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
    private static final String[] SIGNIFICANT = {"user", "ttl", "method", "maddr", "transport"};

    private ContactKey() {}

    /** {@code uri} parsed as the stack parses a Contact's URI, or null when it does not parse. */
    static URI uri(String uri) {
        try {
            return URIS.createURI(uri);
        } catch (ParseException e) {
            return null;
        }
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
        TreeMap<String, String> params = new TreeMap<>();
        for (String name : SIGNIFICANT) {
            String v = sip.getParameter(name);
            if (v != null) params.put(name, name.equals("ttl") ? v : v.toLowerCase(Locale.ROOT));
            else if (hasFlag(sip, name)) params.put(name, "");
        }
        params.forEach((n, v) -> k.append(';').append(n).append('=').append(v));
        return k.toString();
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
