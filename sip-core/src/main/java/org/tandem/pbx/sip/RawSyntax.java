package org.tandem.pbx.sip;

import java.util.ArrayList;
import java.util.List;

/**
 * The grammar a {@link DatagramShortcut} checks header values against before it answers from them (RFC 3261 §25.1),
 * narrowed to the forms phones write: what is not in these forms is not an error here, only not served by the
 * shortcut (the stack's parser then judges it). Nothing here allocates.
 */
public final class RawSyntax {

    private RawSyntax() {}

    /** 1 to 10 decimal digits whose value fits an {@code int}. */
    public static boolean number(String s) {
        if (s == null || s.isEmpty() || s.length() > 10) return false;
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return false;
            v = v * 10 + (c - '0');
        }
        return v <= Integer.MAX_VALUE;
    }

    /** A comma-separated list of tokens (Allow, Supported, Allow-Events), empty allowed. */
    public static boolean tokenList(String s) {
        int i = 0;
        int n = s.length();
        while (i < n) {
            while (i < n && s.charAt(i) == ' ') i++;
            int start = i;
            while (i < n && RawRequest.tokenChar(s.charAt(i))) i++;
            if (i == start) return false;
            while (i < n && s.charAt(i) == ' ') i++;
            if (i < n && s.charAt(i++) != ',') return false;
            if (i == n && s.charAt(n - 1) == ',') return false;
        }
        return true;
    }

    /** Products and comments (RFC 3261 §20.41 User-Agent): printable ASCII, no quotes, parentheses balanced. */
    public static boolean productList(String s) {
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\' || c == '\t') return false;
            if (c == '(') depth++;
            if (c == ')' && --depth < 0) return false;
        }
        return depth == 0 && !s.isEmpty();
    }

    /**
     * A SIP URI with a user part and a host name or IPv4 address: {@code sip:user@host[:port][;params]} (§19.1.1),
     * between {@code from} and {@code to} of {@code s}. No password, IPv6 reference, escapes or headers.
     *
     * @param withUser whether the user part is required (From, To, Contact) or forbidden (a registrar's Request-URI)
     */
    public static boolean sipUri(String s, int from, int to, boolean withUser) {
        if (!s.regionMatches(true, from, "sip:", 0, 4)) return false;
        int i = from + 4;
        int at = s.indexOf('@', i);
        if (at >= 0 && at < to) {
            if (!withUser || at == i) return false;
            for (; i < at; i++) {
                if (!userChar(s.charAt(i))) return false;
            }
            i = at + 1;
        } else if (withUser) {
            return false;
        }
        int hostStart = i;
        while (i < to && hostChar(s.charAt(i))) i++;
        if (i == hostStart || s.charAt(hostStart) == '.' || s.charAt(i - 1) == '.' || s.charAt(hostStart) == '-') {
            return false;
        }
        if (i < to && s.charAt(i) == ':') {
            int portStart = ++i;
            while (i < to && s.charAt(i) >= '0' && s.charAt(i) <= '9') i++;
            if (i == portStart || i - portStart > 5) return false;
        }
        return parameters(s, i, to, false);
    }

    /** The host of a {@link #sipUri} (already checked) between {@code from} and {@code to}. */
    public static String uriHost(String s, int from, int to) {
        int at = s.indexOf('@', from);
        int start = at >= 0 && at < to ? at + 1 : from + 4;
        int end = start;
        while (end < to && hostChar(s.charAt(end))) end++;
        return s.substring(start, end);
    }

    /**
     * A name-addr with a SIP URI with user, then header parameters: {@code ["Name" | Name words] <sip:...>[;p[=v]]...}
     * (§20.10, §20.20, §20.39). Returns the index of its {@code >}, or -1.
     *
     * @param quotedValues whether parameter values may be quoted strings (Contact's +sip.instance, RFC 5626 §4.1)
     */
    public static int nameAddr(String s, boolean quotedValues) {
        int n = s.length();
        int i = 0;
        if (i < n && s.charAt(i) == '"') {
            int close = s.indexOf('"', 1);
            // no escapes, and no angle bracket in the display name: the URI is the first <...> (callers look it up so)
            if (close < 0 || s.indexOf('\\') >= 0 || s.lastIndexOf('<', close) >= 0 || s.lastIndexOf('>', close) >= 0) {
                return -1;
            }
            i = close + 1;
            while (i < n && s.charAt(i) == ' ') i++;
        } else {
            while (i < n && (RawRequest.tokenChar(s.charAt(i)) || s.charAt(i) == ' ')) i++;
        }
        if (i >= n || s.charAt(i) != '<') return -1;
        int close = s.indexOf('>', i);
        if (close < 0 || !sipUri(s, i + 1, close, true)) return -1;
        return parameters(s, close + 1, n, quotedValues) ? close : -1;
    }

    /**
     * A {@link #nameAddr} as the stack writes it back: a display name quoted and followed by one space (RFC 3261
     * §20.10 allows both forms; answering with the stack's keeps the two paths' answers the same).
     */
    public static String asWritten(String nameAddr) {
        int lt = nameAddr.indexOf('<');
        if (lt <= 0) return nameAddr;
        String display = nameAddr.substring(0, lt).strip();
        if (display.isEmpty()) return nameAddr.substring(lt);
        return (display.charAt(0) == '"' ? display : '"' + display + '"') + ' ' + nameAddr.substring(lt);
    }

    /** Whether the header parameters after a name-addr's {@code >} include {@code name} (case-insensitive). */
    public static boolean hasParameter(String s, int from, String name) {
        int i = s.indexOf(';', from);
        while (i >= 0) {
            int start = i + 1;
            while (start < s.length() && s.charAt(start) == ' ') start++;
            int end = start;
            while (end < s.length() && RawRequest.tokenChar(s.charAt(end))) end++;
            if (end - start == name.length() && s.regionMatches(true, start, name, 0, name.length())) return true;
            i = s.indexOf(';', end);
        }
        return false;
    }

    /**
     * The header parameters after a {@link #nameAddr}'s {@code >} (already checked) as name and value pairs, the value
     * null for a flag and without its quotes when quoted.
     */
    public static List<String[]> parameters(String s, int from) {
        List<String[]> out = new ArrayList<>(4);
        int i = from;
        while (i < s.length()) {
            if (s.charAt(i) != ';') return null;
            int start = ++i;
            while (i < s.length() && RawRequest.tokenChar(s.charAt(i))) i++;
            String name = s.substring(start, i);
            String value = null;
            if (i < s.length() && s.charAt(i) == '=') {
                i++;
                if (i < s.length() && s.charAt(i) == '"') {
                    int close = s.indexOf('"', i + 1);
                    value = s.substring(i + 1, close);
                    i = close + 1;
                } else {
                    int valueStart = i;
                    while (i < s.length() && (RawRequest.tokenChar(s.charAt(i)) || s.charAt(i) == ':')) i++;
                    value = s.substring(valueStart, i);
                }
            }
            out.add(new String[] {name, value});
        }
        return out;
    }

    /** The port of a {@link #sipUri} (already checked) between {@code from} and {@code to}; -1 when none is written. */
    public static int uriPort(String s, int from, int to) {
        int at = s.indexOf('@', from);
        int i = at >= 0 && at < to ? at + 1 : from + 4;
        while (i < to && hostChar(s.charAt(i))) i++;
        if (i >= to || s.charAt(i) != ':') return -1;
        int start = ++i;
        while (i < to && s.charAt(i) >= '0' && s.charAt(i) <= '9') i++;
        return Integer.parseInt(s.substring(start, i));
    }

    /** RFC 3261 §20.15 media-type: {@code type/subtype} (tokens), then {@code ;name=value} parameters. */
    public static boolean mediaType(String s) {
        int slash = s.indexOf('/');
        if (slash <= 0) return false;
        for (int i = 0; i < slash; i++) {
            if (!RawRequest.tokenChar(s.charAt(i))) return false;
        }
        int i = slash + 1;
        int subtype = i;
        while (i < s.length() && RawRequest.tokenChar(s.charAt(i))) i++;
        return i > subtype && parameters(s, i, s.length(), true);
    }

    /** A Via's parameters ({@code ;name[=token]}, no quotes, no whitespace), or null when not in that form. */
    public static List<String[]> viaParameters(String s) {
        if (!parameters(s, 0, s.length(), false)) return null;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == ':') return null; // an IPv6 maddr or received: not read here
        }
        return parameters(s, 0);
    }

    /** RFC 3261 §20.10 qvalue: {@code 0[.ddd]} or {@code 1[.000]}. */
    public static boolean qValue(String s) {
        if (s.isEmpty() || s.length() > 5 || (s.charAt(0) != '0' && s.charAt(0) != '1')) return false;
        if (s.length() == 1) return true;
        if (s.charAt(1) != '.') return false;
        for (int i = 2; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9' || (s.charAt(0) == '1' && c != '0')) return false;
        }
        return true;
    }

    /** {@code *(";" name ["=" value])}: names tokens, values tokens, host-ish or (if allowed) quoted strings. */
    private static boolean parameters(String s, int from, int to, boolean quotedValues) {
        int i = from;
        while (i < to) {
            if (s.charAt(i) != ';') return false;
            int start = ++i;
            while (i < to && RawRequest.tokenChar(s.charAt(i))) i++;
            if (i == start) return false;
            if (i < to && s.charAt(i) == '=') {
                i++;
                if (quotedValues && i < to && s.charAt(i) == '"') {
                    int close = s.indexOf('"', i + 1);
                    if (close < 0 || close >= to) return false;
                    for (int j = i + 1; j < close; j++) {
                        if (s.charAt(j) == '\\') return false;
                    }
                    i = close + 1;
                } else {
                    int valueStart = i;
                    while (i < to && (RawRequest.tokenChar(s.charAt(i)) || s.charAt(i) == ':')) i++;
                    if (i == valueStart) return false;
                }
            }
        }
        return true;
    }

    /** RFC 3261 §25.1 user: unreserved and user-unreserved, without escapes, ';', '?' and ','. */
    private static boolean userChar(char c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || "-_.!~*'()&=+$/".indexOf(c) >= 0;
    }

    /** A character of a host name or IPv4 address (RFC 3261 §25.1 hostname, IPv4address). */
    public static boolean hostChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
    }

    /** RFC 3261 §20.16 CSeq of {@code method}: a {@link #number}, one space, the method (case-sensitive, §7.1). */
    public static boolean cseq(String value, String method) {
        int space = value.length() - method.length() - 1;
        return space > 0 && value.charAt(space) == ' ' && value.endsWith(method) && number(value.substring(0, space));
    }

    /** RFC 3261 §25.1 callid: word ["@" word], printable without whitespace. */
    public static boolean callId(String s) {
        if (s.isEmpty()) return false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= ' ' || c >= 0x7f) return false;
        }
        return true;
    }
}
