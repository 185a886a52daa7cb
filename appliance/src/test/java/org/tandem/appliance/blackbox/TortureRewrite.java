package org.tandem.appliance.blackbox;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Points an RFC 4475 message at the appliance under test without changing what it tests.
 * The RFC's hosts are documentation names (example.com, 192.0.2.x, ...): the element under test is
 * the one the Request-URI and Route name, the sender is the top Via, everything else (Contact,
 * Record-Route, lower Vias) is some other party. So:
 * <ul>
 *   <li>Request-URI and Route hosts → the appliance ({@code 127.0.0.1:<sip port>});</li>
 *   <li>top Via of a request → this test's socket ({@code 127.0.0.1:<our port>}) and the transport it is
 *       really sent on, so answers come back to us (RFC 3261 §18.2.2); top Via of a response → the
 *       appliance (it is the Via it would have added);</li>
 *   <li>To/From hosts → {@code 127.0.0.1}, the appliance's SIP domain;</li>
 *   <li>other hosts → {@code 127.0.0.1:9} (discard), so nothing is ever sent off the machine.</li>
 * </ul>
 * Only header sections change; bodies stay byte-exact so a wrong Content-Length stays exactly as
 * wrong as the RFC made it (clerr, ncl, mcl01). The broadcast Via of bcast is left alone: not
 * forwarding to it is what that message tests. Several messages in one file (dblreq) are each
 * rewritten.
 */
public final class TortureRewrite {

    static final Pattern HOST = Pattern.compile(
            // not inside an escaped user part (esc01: sips%3Auser%40example.com@example.net keeps its user)
            "(?i)(?<!%40)(?<![a-z0-9.-])(?:(?:[a-z0-9-]+\\.)*(?:example\\.(?:com|net|org|edu)|examle\\.com|company\\.com)(?::\\d+)?"
                    + "|192\\.0\\.2\\.\\d{1,3}(?::\\d+)?|135\\.180\\.130\\.133(?::\\d+)?|127\\.0\\.0\\.1:50[78]0)");
    private static final Pattern VIA_SENT_BY =
            Pattern.compile("(SIP\\s*/\\s*\\d+\\.\\d+\\s*/\\s*)([A-Za-z]+)(\\s+)([^\\s;,]+)");
    private static final Pattern MADDR =
            Pattern.compile("(?i)(;\\s*maddr\\s*=\\s*)(" + HOST.pattern().substring(4) + ")");
    private static final Pattern BRANCH = Pattern.compile("(?i)(;\\s*branch\\s*=\\s*)([^;,\\s]+)");
    private static final Pattern START_OF_MESSAGE = Pattern.compile("^(?:[^\\s]+ [^\\s]+ SIP/|SIP/\\d)");
    private static final String DISCARD = "127.0.0.1:9";

    private final String transport;
    private final String self;
    private final String server;
    private final String branchSuffix;

    /**
     * @param transport  UDP or TCP: what the message is really sent over
     * @param ourPort    local port of the test's socket
     * @param serverPort the appliance's SIP port
     * @param branchSuffix appended to the top Via branch: many RFC 4475 messages share one branch
     *                     ("z9hG4bKkdjuw"), and sent one after the other they would be taken for
     *                     retransmissions of each other; the RFC tests each message on its own. The bare
     *                     magic cookie of badbranch (what that message tests) is left alone.
     */
    public TortureRewrite(String transport, int ourPort, int serverPort, String branchSuffix) {
        this.transport = transport.toUpperCase(Locale.ROOT);
        this.self = "127.0.0.1:" + ourPort;
        this.server = "127.0.0.1:" + serverPort;
        this.branchSuffix = branchSuffix;
    }

    public byte[] apply(byte[] original) {
        String in = new String(original, StandardCharsets.ISO_8859_1);
        StringBuilder out = new StringBuilder();
        int pos = 0;
        while (pos < in.length()) {
            int headEnd = in.indexOf("\r\n\r\n", pos);
            int bodyStart = headEnd < 0 ? in.length() : headEnd + 4;
            String head = in.substring(pos, headEnd < 0 ? in.length() : headEnd);
            out.append(rewriteHead(head));
            if (headEnd < 0) break;
            out.append("\r\n\r\n");
            int length = contentLength(head);
            int bodyEnd = length >= 0 && bodyStart + length <= in.length() ? bodyStart + length : in.length();
            out.append(in, bodyStart, bodyEnd);
            pos = bodyEnd;
            // more octets: another message only if they start like one (dblreq), else copied as they are
            int next = pos;
            while (in.startsWith("\r\n", next)) next += 2;
            if (next < in.length()
                    && START_OF_MESSAGE
                            .matcher(in.substring(next, Math.min(in.length(), next + 200)))
                            .find()) {
                out.append(in, pos, next);
                pos = next;
            } else {
                out.append(in.substring(pos));
                break;
            }
        }
        return out.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private String rewriteHead(String head) {
        List<String> groups = headerGroups(head);
        boolean response = head.startsWith("SIP/");
        StringBuilder out = new StringBuilder();
        boolean topViaSeen = false;
        for (int i = 0; i < groups.size(); i++) {
            String g = groups.get(i);
            String rewritten;
            if (i == 0) {
                rewritten = response ? g : replaceHosts(g, server);
            } else {
                String name = headerName(g);
                switch (name) {
                    case "via", "v" -> {
                        if (!topViaSeen) {
                            topViaSeen = true;
                            rewritten = rewriteTopVia(g, response ? server : self);
                        } else {
                            rewritten = replaceHosts(g, DISCARD);
                        }
                    }
                    case "route" -> rewritten = replaceHosts(g, server);
                    case "to", "t", "from", "f" -> rewritten = replaceHosts(g, "127.0.0.1");
                    case "contact", "m", "record-route" -> rewritten = replaceHosts(g, DISCARD);
                    default -> rewritten = g;
                }
            }
            if (i > 0) out.append("\r\n");
            out.append(rewritten);
        }
        return out.toString();
    }

    private String rewriteTopVia(String group, String sentBy) {
        int colon = group.indexOf(':');
        String name = group.substring(0, colon + 1);
        String value = group.substring(colon + 1);
        Matcher m = VIA_SENT_BY.matcher(value);
        if (!m.find()) return replaceHosts(group, DISCARD);
        String first = value.substring(0, m.start()) + m.group(1) + transport + m.group(3) + sentBy;
        String rest = value.substring(m.end());
        // the branch of the first Via value only (a comma starts the next value)
        int comma = rest.indexOf(',');
        String own = comma < 0 ? rest : rest.substring(0, comma);
        String others = comma < 0 ? "" : rest.substring(comma);
        Matcher b = BRANCH.matcher(own);
        if (b.find() && !b.group(2).equals("z9hG4bK")) {
            own = own.substring(0, b.end()) + branchSuffix + own.substring(b.end());
        }
        return name + first + own + replaceHosts(others, DISCARD);
    }

    private static String replaceHosts(String text, String replacement) {
        // maddr names a host, never host:port (RFC 3261 §19.1.1): inv2543's Record-Route has one
        String hostOnly = replacement.contains(":") ? replacement.substring(0, replacement.indexOf(':')) : replacement;
        String maddrFixed = MADDR.matcher(text).replaceAll("$1" + Matcher.quoteReplacement(hostOnly));
        return HOST.matcher(maddrFixed).replaceAll(Matcher.quoteReplacement(replacement));
    }

    /** Start line, then one entry per header including its folded continuation lines. */
    private static List<String> headerGroups(String head) {
        List<String> groups = new ArrayList<>();
        for (String line : head.split("\r\n", -1)) {
            boolean continuation = !groups.isEmpty()
                    && groups.size() > 1
                    && !line.isEmpty()
                    && (line.charAt(0) == ' ' || line.charAt(0) == '\t');
            if (continuation) {
                groups.set(groups.size() - 1, groups.get(groups.size() - 1) + "\r\n" + line);
            } else {
                groups.add(line);
            }
        }
        return groups;
    }

    private static String headerName(String group) {
        int colon = group.indexOf(':');
        return colon < 0 ? "" : group.substring(0, colon).trim().toLowerCase(Locale.ROOT);
    }

    /** The first Content-Length (or l) of a header section; -1 when absent or not a number. */
    private static int contentLength(String head) {
        for (String g : headerGroups(head)) {
            String name = headerName(g);
            if (name.equals("content-length") || name.equals("l")) {
                try {
                    return Integer.parseInt(g.substring(g.indexOf(':') + 1).trim());
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return -1;
    }
}
