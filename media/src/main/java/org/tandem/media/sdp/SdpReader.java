package org.tandem.media.sdp;

import java.util.Arrays;
import org.tandem.media.InvalidSdpException;

/**
 * The one reader of SDP text (RFC 4566 §5): {@code <type>=<value>} lines ended by CRLF or LF, each stripped of the
 * blanks around it, blank lines skipped; a line's fields are separated by runs of blanks. {@link
 * SessionDescription#parse} and {@link SessionDescription#scanMedia} both read through it, so the model and the scan
 * cannot drift apart. No regex: {@code String.split} was a large part of a parse (issue 23).
 *
 * <p>A cursor over one text, on one thread.
 */
final class SdpReader {

    private final String sdp;
    private int next; // where the line after the current one starts
    private int from; // the current line, stripped: sdp[from, to)
    private int to;

    /** @throws InvalidSdpException {@code sdp} is null or blank */
    SdpReader(String sdp) {
        if (sdp == null || sdp.isBlank()) throw new InvalidSdpException("empty SDP body");
        this.sdp = sdp;
    }

    /**
     * Moves to the next line that is not blank, as {@code sdp.split("\r?\n")} then {@code strip()} of each line reads
     * them.
     *
     * @return false after the last line
     * @throws InvalidSdpException a line that is not {@code <type>=...}
     */
    boolean next() {
        int length = sdp.length();
        while (next <= length) {
            int newline = sdp.indexOf('\n', next);
            int end = newline < 0 ? length : newline;
            int f = next;
            int t = end;
            next = end + 1;
            while (f < t && Character.isWhitespace(sdp.charAt(f))) f++; // strip(): no supplementary blank exists
            while (t > f && Character.isWhitespace(sdp.charAt(t - 1))) t--;
            if (f == t) continue;
            if (t - f < 2 || sdp.charAt(f + 1) != '=') {
                throw new InvalidSdpException("not an SDP line: '" + sdp.substring(f, t) + "'");
            }
            from = f;
            to = t;
            return true;
        }
        return false;
    }

    /** The current line's type, the character before its '='. */
    char type() {
        return sdp.charAt(from);
    }

    /** The current line's value, after its '='. */
    String value() {
        return sdp.substring(from + 2, to);
    }

    /** The text read; the current value is {@code text()[valueStart(), valueEnd())}. */
    String text() {
        return sdp;
    }

    int valueStart() {
        return from + 2;
    }

    int valueEnd() {
        return to;
    }

    /**
     * The first {@code max} fields of {@code text[from, to)}, as {@code text.substring(from, to).trim().split("\\s+")}
     * gives them: trim() drops every char up to ' ' at both ends, the regex {@code \s} separates only [ \t\n\x0B\f\r].
     * A blank value has no field (split gives one empty one: every caller wants at least three).
     */
    static String[] fields(String text, int from, int to, int max) {
        while (from < to && text.charAt(from) <= ' ') from++; // trim()
        while (to > from && text.charAt(to - 1) <= ' ') to--;
        String[] fields = new String[Math.min(max, 8)];
        int count = 0;
        int i = from;
        while (i < to && count < max) {
            int start = i;
            while (i < to && !isBlank(text.charAt(i))) i++;
            if (count == fields.length) fields = Arrays.copyOf(fields, 2 * count);
            fields[count++] = text.substring(start, i);
            while (i < to && isBlank(text.charAt(i))) i++;
        }
        return count == fields.length ? fields : Arrays.copyOf(fields, count);
    }

    /** All fields of {@code value}, as {@code value.trim().split("\\s+")} (see {@link #fields(String, int, int, int)}). */
    static String[] fields(String value) {
        return fields(value, 0, value.length(), Integer.MAX_VALUE);
    }

    /** The regex {@code \s}: [ \t\n\x0B\f\r]. */
    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }
}
