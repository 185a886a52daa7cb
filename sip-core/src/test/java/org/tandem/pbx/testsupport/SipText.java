package org.tandem.pbx.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A SIP message as text, with just enough parsing for assertions (headers are not unfolded). */
public record SipText(String raw) {

    /** The message body (after the blank line), "" when there is none. */
    public String body() {
        int i = raw.indexOf("\r\n\r\n");
        return i < 0 ? "" : raw.substring(i + 4);
    }

    public String startLine() {
        return raw.substring(0, raw.indexOf("\r\n"));
    }

    /** Status code of a response, -1 for a request. */
    public int status() {
        String s = startLine();
        return s.startsWith("SIP/2.0 ") ? Integer.parseInt(s.substring(8, 11)) : -1;
    }

    /** The names of the header lines, as written, sorted (to compare which headers two messages carry). */
    public List<String> headerNames() {
        return raw.lines()
                .skip(1)
                .takeWhile(l -> !l.isEmpty())
                .map(l -> l.substring(0, l.indexOf(':')))
                .sorted()
                .toList();
    }

    /** Values of every header with this name (long form; compact forms are not expanded). */
    public List<String> headers(String name) {
        List<String> out = new ArrayList<>();
        String want = name.toLowerCase(Locale.ROOT) + ":";
        for (String line : raw.split("\r\n")) {
            if (line.isEmpty()) break;
            if (line.toLowerCase(Locale.ROOT).startsWith(want))
                out.add(line.substring(want.length()).strip());
        }
        return out;
    }

    /**
     * Values of a header that may be sent as a comma-separated list (Contact, Via...): every element,
     * whether the sender used one line per value or one line for all (RFC 3261 §7.3.1).
     */
    public List<String> values(String name) {
        List<String> out = new ArrayList<>();
        for (String line : headers(name)) {
            int depth = 0;
            boolean quoted = false;
            int start = 0;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (c == '"' && (i == 0 || line.charAt(i - 1) != '\\')) quoted = !quoted;
                else if (!quoted && c == '<') depth++;
                else if (!quoted && c == '>') depth--;
                else if (!quoted && depth == 0 && c == ',') {
                    out.add(line.substring(start, i).strip());
                    start = i + 1;
                }
            }
            out.add(line.substring(start).strip());
        }
        return out;
    }

    public String header(String name) {
        List<String> h = headers(name);
        return h.isEmpty() ? null : h.get(0);
    }

    @Override
    public String toString() {
        return raw;
    }
}
