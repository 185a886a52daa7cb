package org.tandem.appliance.blackbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A SIP message as text, parsed just enough for assertions: start line, headers (names folded to
 * their long lower-case form, RFC 3261 §7.3.3 compact forms expanded), body.
 */
public record SipText(String startLine, Map<String, List<String>> headers, String body, String raw) {

    private static final Map<String, String> COMPACT = Map.of(
            "i",
            "call-id",
            "m",
            "contact",
            "e",
            "content-encoding",
            "l",
            "content-length",
            "c",
            "content-type",
            "f",
            "from",
            "s",
            "subject",
            "k",
            "supported",
            "t",
            "to",
            "v",
            "via");

    public static SipText parse(String raw) {
        int end = raw.indexOf("\r\n\r\n");
        String head = end >= 0 ? raw.substring(0, end) : raw;
        String body = end >= 0 ? raw.substring(end + 4) : "";
        String[] lines = head.split("\r\n");
        Map<String, List<String>> headers = new LinkedHashMap<>();
        String current = null;
        StringBuilder value = new StringBuilder();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (!line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t') && current != null) {
                value.append(' ').append(line.trim()); // RFC 3261 §7.3.1 folding
                continue;
            }
            if (current != null)
                headers.computeIfAbsent(current, k -> new ArrayList<>()).add(value.toString());
            int colon = line.indexOf(':');
            if (colon <= 0) {
                current = null;
                continue;
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            current = COMPACT.getOrDefault(name, name);
            value = new StringBuilder(line.substring(colon + 1).trim());
        }
        if (current != null)
            headers.computeIfAbsent(current, k -> new ArrayList<>()).add(value.toString());
        return new SipText(lines.length > 0 ? lines[0] : "", headers, body, raw);
    }

    public boolean isResponse() {
        return startLine.startsWith("SIP/");
    }

    /** Status code of a response; -1 for a request. */
    public int status() {
        if (!isResponse()) return -1;
        String[] parts = startLine.split(" ", 3);
        try {
            return parts.length > 1 ? Integer.parseInt(parts[1]) : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Request method, or the CSeq method of a response. */
    public String method() {
        if (!isResponse()) return startLine.split(" ", 2)[0];
        String cseq = header("cseq");
        String[] parts = cseq.trim().split("\\s+");
        return parts.length > 1 ? parts[1] : "";
    }

    /** First value of a header, "" if absent. */
    public String header(String name) {
        List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
        return v == null || v.isEmpty() ? "" : v.get(0);
    }

    public List<String> all(String name) {
        return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    public String callId() {
        return header("call-id");
    }

    public int contentLength() {
        try {
            String v = header("content-length").trim();
            return v.isEmpty() ? 0 : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Parameters of a Digest challenge (WWW-/Proxy-Authenticate), names lower-cased. */
    public static Map<String, String> digestParams(String challenge) {
        Map<String, String> params = new LinkedHashMap<>();
        String s = challenge.trim();
        int sp = s.indexOf(' ');
        params.put("scheme", sp < 0 ? s : s.substring(0, sp));
        if (sp < 0) return params;
        for (String part : s.substring(sp + 1).split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)")) {
            int eq = part.indexOf('=');
            if (eq < 0) continue;
            String v = part.substring(eq + 1).trim();
            if (v.startsWith("\"") && v.endsWith("\"") && v.length() >= 2) v = v.substring(1, v.length() - 1);
            params.put(part.substring(0, eq).trim().toLowerCase(Locale.ROOT), v);
        }
        return params;
    }

    @Override
    public String toString() {
        return raw;
    }
}
