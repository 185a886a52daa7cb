package org.tandem.pbx.auth;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.tandem.pbx.sip.RawRequest;

/**
 * The parameters of one digest answer (RFC 7616 §3.4), as sent: a SIP Authorization / Proxy-Authorization header
 * (RFC 3261 §22.4) or an HTTP Authorization header. {@code nc} is kept as the raw 8 hex digits because the
 * response is computed over that text. Any field may be null when the client left it out.
 */
public record DigestCredentials(
        String username,
        String realm,
        String nonce,
        String uri,
        String response,
        String algorithm,
        String qop,
        String nc,
        String cnonce) {

    /** Every field the answer to a {@code qop=auth} challenge must carry (RFC 7616 §3.4) is there. */
    public boolean complete() {
        return username != null && nonce != null && uri != null && response != null && nc != null && cnonce != null;
    }

    /**
     * The digest answer in an Authorization header's value as written (RFC 3261 §25.1 credentials, RFC 7616 §3.4), read
     * by a {@code DatagramShortcut}: {@code Digest} then
     * comma-separated {@code name=value} pairs, values tokens or quoted strings without escapes, each name once;
     * null when it is not in that form. Values are given without their quotes, as the stack gives them.
     */
    public static DigestCredentials fromHeader(String s) {
        if (!s.regionMatches(true, 0, "Digest ", 0, 7)) return null;
        Map<String, String> params = new HashMap<>(16);
        int i = 7;
        int n = s.length();
        while (true) {
            while (i < n && s.charAt(i) == ' ') i++;
            int start = i;
            while (i < n && RawRequest.tokenChar(s.charAt(i))) i++;
            if (i == start) return null;
            String name = s.substring(start, i).toLowerCase(Locale.ROOT);
            while (i < n && s.charAt(i) == ' ') i++;
            if (i >= n || s.charAt(i) != '=') return null;
            i++;
            while (i < n && s.charAt(i) == ' ') i++;
            String value;
            if (i < n && s.charAt(i) == '"') {
                int close = s.indexOf('"', i + 1);
                if (close < 0) return null;
                value = s.substring(i + 1, close);
                if (value.indexOf('\\') >= 0) return null;
                i = close + 1;
            } else {
                int valueStart = i;
                while (i < n && RawRequest.tokenChar(s.charAt(i))) i++;
                if (i == valueStart) return null;
                value = s.substring(valueStart, i);
            }
            if (params.put(name, value) != null) return null;
            while (i < n && s.charAt(i) == ' ') i++;
            if (i == n) break;
            if (s.charAt(i++) != ',') return null;
        }
        return new DigestCredentials(
                params.get("username"),
                params.get("realm"),
                params.get("nonce"),
                params.get("uri"),
                params.get("response"),
                params.get("algorithm"),
                params.get("qop"),
                params.get("nc"),
                params.get("cnonce"));
    }
}
