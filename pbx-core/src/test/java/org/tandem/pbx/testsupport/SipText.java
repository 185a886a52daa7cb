package org.tandem.pbx.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A SIP message as text, with just enough parsing for assertions (headers are not unfolded). */
public record SipText(String raw) {

    public String startLine() {
        return raw.substring(0, raw.indexOf("\r\n"));
    }

    /** Status code of a response, -1 for a request. */
    public int status() {
        String s = startLine();
        return s.startsWith("SIP/2.0 ") ? Integer.parseInt(s.substring(8, 11)) : -1;
    }

    /** Values of every header with this name (long form; compact forms are not expanded). */
    public List<String> headers(String name) {
        List<String> out = new ArrayList<>();
        String want = name.toLowerCase(Locale.ROOT) + ":";
        for (String line : raw.split("\r\n")) {
            if (line.isEmpty()) break;
            if (line.toLowerCase(Locale.ROOT).startsWith(want)) out.add(line.substring(want.length()).strip());
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
