package org.tandem.pbx.forwarding;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The status line of a message/sipfrag body (RFC 3420), as a transfer's NOTIFY carries it (RFC 3515 §2.4.5). */
public final class Sipfrag {

    private static final Pattern STATUS_LINE = Pattern.compile("^\\s*SIP/2\\.0\\s+([1-6][0-9]{2})\\b");

    private Sipfrag() {}

    /** The body's first line, for the log ("" without a body). */
    public static String statusLine(byte[] body) {
        if (body == null) return "";
        String text = new String(body, StandardCharsets.UTF_8).strip();
        int end = text.indexOf('\n');
        return (end < 0 ? text : text.substring(0, end)).strip().replaceAll("[^\\x20-\\x7e]", "");
    }

    /** The status code of the body's status line; 100 (under way) for a body without one. */
    public static int status(byte[] body) {
        if (body == null) return 100;
        Matcher m = STATUS_LINE.matcher(new String(body, StandardCharsets.UTF_8));
        return m.find() ? Integer.parseInt(m.group(1)) : 100;
    }
}
