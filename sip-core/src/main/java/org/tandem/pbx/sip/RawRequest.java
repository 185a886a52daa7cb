package org.tandem.pbx.sip;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * A request datagram read in place, for a {@link DatagramShortcut}: the request line and the header lines as offsets
 * into its bytes. Strict on purpose (RFC 3261 §7.1, §7.3.1, §25.1): one space between the request line's parts,
 * SIP/2.0, header lines ended by CRLF and never folded, only printable ASCII, no body (unless the caller reads one). Anything else is not read
 * ({@link #parse} gives null) and goes through the stack's full parser, which also answers what is malformed.
 *
 * <p>Header names are known by their full and compact forms (§7.3.3) without regard to case; the values are given as
 * written, without the whitespace around them. The datagram's bytes are read, not copied: a {@code RawRequest} is
 * only valid while they are.
 */
public final class RawRequest {

    /** The header fields a shortcut may read; any other name is {@link #OTHER}. */
    public enum Field {
        VIA("via", "v"),
        FROM("from", "f"),
        TO("to", "t"),
        CALL_ID("call-id", "i"),
        CSEQ("cseq", null),
        MAX_FORWARDS("max-forwards", null),
        CONTACT("contact", "m"),
        EXPIRES("expires", null),
        AUTHORIZATION("authorization", null),
        USER_AGENT("user-agent", null),
        CONTENT_LENGTH("content-length", "l"),
        CONTENT_TYPE("content-type", "c"),
        ALLOW("allow", null),
        SUPPORTED("supported", "k"),
        ALLOW_EVENTS("allow-events", "u"),
        /** An {@code X-} header: an extension no stack parses (RFC 6648 deprecates the prefix; phones still use it). */
        EXTENSION(null, null),
        OTHER(null, null);

        final String name;
        final String compact;

        Field(String name, String compact) {
            this.name = name;
            this.compact = compact;
        }
    }

    private static final Field[] FIELDS = Field.values();
    /** More header lines than this: not read (a REGISTER has about ten). */
    static final int MAX_HEADERS = 40;

    private final byte[] bytes;
    private final int methodEnd;
    private final int uriStart;
    private final int uriEnd;
    private int headerCount;
    /** Where the body starts: the datagram's length when there is none. */
    private int bodyStart;
    /** The datagram's length. */
    private int length;

    private final Field[] fields = new Field[MAX_HEADERS];
    private final int[] valueStart = new int[MAX_HEADERS];
    private final int[] valueEnd = new int[MAX_HEADERS];

    private RawRequest(byte[] bytes, int methodEnd, int uriStart, int uriEnd) {
        this.bytes = bytes;
        this.methodEnd = methodEnd;
        this.uriStart = uriStart;
        this.uriEnd = uriEnd;
    }

    /** Whether the datagram's first bytes are {@code prefix} (ASCII): a check before any parsing. */
    public static boolean startsWith(byte[] b, int length, String prefix) {
        if (length < prefix.length()) return false;
        for (int i = 0; i < prefix.length(); i++) {
            if (b[i] != prefix.charAt(i)) return false;
        }
        return true;
    }

    /**
     * The request in the first {@code length} bytes of {@code b}, or null when it is not in the strict form read here
     * or has a header line of a field not in {@code read} (found as soon as it is met: a request the caller would
     * leave to the stack is not read to its end).
     */
    public static RawRequest parse(byte[] b, int length, Set<Field> read) {
        return parse(b, length, read, false);
    }

    /**
     * As {@link #parse(byte[], int, Set)}, with a body after the empty line when {@code withBody}: its bytes are not
     * read, and the caller checks them against Content-Length ({@link #bodyLength()}; RFC 3261 §18.3).
     */
    public static RawRequest parse(byte[] b, int length, Set<Field> read, boolean withBody) {
        int sp1 = indexOf(b, 0, length, (byte) ' ');
        if (sp1 <= 0) return null;
        int sp2 = indexOf(b, sp1 + 1, length, (byte) ' ');
        if (sp2 <= sp1 + 1) return null;
        int eol = lineEnd(b, sp2 + 1, length);
        if (eol < 0 || !matches(b, sp2 + 1, eol, "SIP/2.0")) return null;
        for (int i = 0; i < sp1; i++) {
            if (!tokenChar(b[i])) return null;
        }
        for (int i = sp1 + 1; i < sp2; i++) {
            if (!visible(b[i])) return null;
        }
        RawRequest r = new RawRequest(b, sp1, sp1 + 1, sp2);
        r.length = length;
        r.headerCount = r.readHeaders(eol + 2, length, read, withBody);
        return r.headerCount < 0 ? null : r;
    }

    /** Reads the header lines from {@code at}; their number, or -1 when they are not all in the strict form. */
    private int readHeaders(int at, int length, Set<Field> read, boolean withBody) {
        int n = 0;
        while (true) {
            int eol = lineEnd(bytes, at, length);
            if (eol < 0) return -1;
            if (eol == at) {
                bodyStart = eol + 2;
                return bodyStart == length || withBody ? n : -1; // the empty line ends the headers
            }
            if (n == MAX_HEADERS) return -1;
            int colon = indexOf(bytes, at, eol, (byte) ':');
            if (colon <= at) return -1; // no name, or a folded line (starts with whitespace: no colon before its text)
            int nameEnd = colon;
            while (nameEnd > at && (bytes[nameEnd - 1] == ' ' || bytes[nameEnd - 1] == '\t')) nameEnd--;
            for (int i = at; i < nameEnd; i++) {
                if (!tokenChar(bytes[i])) return -1;
            }
            Field field = field(bytes, at, nameEnd);
            if (!read.contains(field)) return -1;
            int start = colon + 1;
            while (start < eol && (bytes[start] == ' ' || bytes[start] == '\t')) start++;
            int end = eol;
            while (end > start && (bytes[end - 1] == ' ' || bytes[end - 1] == '\t')) end--;
            for (int i = start; i < end; i++) {
                if (!visible(bytes[i]) && bytes[i] != ' ' && bytes[i] != '\t') return -1;
            }
            fields[n] = field;
            valueStart[n] = start;
            valueEnd[n] = end;
            n++;
            at = eol + 2;
        }
    }

    private static Field field(byte[] b, int from, int to) {
        int len = to - from;
        if (len > 2 && (b[from] == 'X' || b[from] == 'x') && b[from + 1] == '-') return Field.EXTENSION;
        for (Field f : FIELDS) {
            if ((f.name != null && f.name.length() == len && matchesIgnoreCase(b, from, f.name))
                    || (f.compact != null && len == 1 && matchesIgnoreCase(b, from, f.compact))) {
                return f;
            }
        }
        return Field.OTHER;
    }

    public String method() {
        return new String(bytes, 0, methodEnd, StandardCharsets.US_ASCII);
    }

    public String requestUri() {
        return new String(bytes, uriStart, uriEnd - uriStart, StandardCharsets.US_ASCII);
    }

    /** The bytes after the empty line that ends the headers. */
    public int bodyLength() {
        return length - bodyStart;
    }

    /** RFC 3261 §8.1.1: Via, From, To, Call-ID and CSeq, once each (one Via: the request came straight from its sender). */
    public boolean hasEnvelope() {
        return count(Field.VIA) == 1
                && count(Field.FROM) == 1
                && count(Field.TO) == 1
                && count(Field.CALL_ID) == 1
                && count(Field.CSEQ) == 1;
    }

    /**
     * The headers a shortcut reads but does not act on, each at most once here and in the grammar the stack's parser
     * accepts: Max-Forwards (0–255, RFC 3261 §20.22), User-Agent (products, §20.41), Allow, Supported and Allow-Events
     * (token lists).
     */
    public boolean informationalHeadersValid() {
        for (Field f : INFORMATIONAL) {
            if (count(f) > 1) return false;
        }
        String maxForwards = value(Field.MAX_FORWARDS);
        String userAgent = value(Field.USER_AGENT);
        String allow = value(Field.ALLOW);
        String supported = value(Field.SUPPORTED);
        String events = value(Field.ALLOW_EVENTS);
        return (maxForwards == null || (RawSyntax.number(maxForwards) && Integer.parseInt(maxForwards) <= 255))
                && (userAgent == null || RawSyntax.productList(userAgent))
                && (allow == null || RawSyntax.tokenList(allow))
                && (supported == null || RawSyntax.tokenList(supported))
                && (events == null || RawSyntax.tokenList(events));
    }

    private static final Field[] INFORMATIONAL = {
        Field.MAX_FORWARDS, Field.USER_AGENT, Field.ALLOW, Field.SUPPORTED, Field.ALLOW_EVENTS
    };

    /** How many header lines of {@code f} there are. */
    public int count(Field f) {
        int c = 0;
        for (int i = 0; i < headerCount; i++) {
            if (fields[i] == f) c++;
        }
        return c;
    }

    /** The value of the first {@code f} header line, or null. */
    public String value(Field f) {
        for (int i = 0; i < headerCount; i++) {
            if (fields[i] == f)
                return new String(bytes, valueStart[i], valueEnd[i] - valueStart[i], StandardCharsets.US_ASCII);
        }
        return null;
    }

    /** RFC 3261 §25.1 token characters. */
    public static boolean tokenChar(int c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || c == '-'
                || c == '.'
                || c == '!'
                || c == '%'
                || c == '*'
                || c == '_'
                || c == '+'
                || c == '`'
                || c == '\''
                || c == '~';
    }

    /** Whether {@code s} is a non-empty token (RFC 3261 §25.1). */
    public static boolean token(String s) {
        if (s.isEmpty()) return false;
        for (int i = 0; i < s.length(); i++) {
            if (!tokenChar(s.charAt(i))) return false;
        }
        return true;
    }

    private static boolean visible(byte c) {
        return c > 0x20 && c < 0x7f;
    }

    private static int indexOf(byte[] b, int from, int to, byte c) {
        for (int i = from; i < to; i++) {
            if (b[i] == c) return i;
        }
        return -1;
    }

    /** The index of the CR of the CRLF ending the line at {@code from}, or -1 (a bare CR or LF is not read here). */
    private static int lineEnd(byte[] b, int from, int length) {
        for (int i = from; i < length; i++) {
            if (b[i] == '\r') return i + 1 < length && b[i + 1] == '\n' ? i : -1;
            if (b[i] == '\n') return -1;
        }
        return -1;
    }

    private static boolean matches(byte[] b, int from, int to, String s) {
        if (to - from != s.length()) return false;
        for (int i = 0; i < s.length(); i++) {
            if (b[from + i] != s.charAt(i)) return false;
        }
        return true;
    }

    private static boolean matchesIgnoreCase(byte[] b, int from, String lower) {
        for (int i = 0; i < lower.length(); i++) {
            int c = b[from + i];
            if (c >= 'A' && c <= 'Z') c += 'a' - 'A';
            if (c != lower.charAt(i)) return false;
        }
        return true;
    }
}
