package org.tandem.pbx.sip;

import java.util.List;
import java.util.Locale;

/**
 * The top Via of a request read from its datagram ({@link RawRequest}), {@code SIP/2.0/UDP host[:port];params} with a branch, no received and at most a bare rport; and
 * how it goes back in an answer.
 *
 * @param port the sent-by port, 5060 when none is written
 * @param viaPort the sent-by port as the stack reads it: -1 when none is written
 */
public record RawVia(String sentBy, String host, int port, int viaPort, String params, String branch, boolean rport) {

    private static final String UDP = "SIP/2.0/UDP ";

    public static RawVia of(String v) {
        if (!v.startsWith(UDP)) return null;
        int i = UDP.length();
        int hostStart = i;
        while (i < v.length() && RawSyntax.hostChar(v.charAt(i))) i++;
        if (i == hostStart) return null;
        String host = v.substring(hostStart, i);
        int viaPort = -1;
        if (i < v.length() && v.charAt(i) == ':') {
            int portStart = ++i;
            while (i < v.length() && v.charAt(i) >= '0' && v.charAt(i) <= '9') i++;
            if (i == portStart || i - portStart > 5) return null;
            viaPort = Integer.parseInt(v.substring(portStart, i));
            if (viaPort == 0 || viaPort > 65535) return null;
        }
        String sentBy = v.substring(hostStart, i);
        String params = v.substring(i);
        String branch = null;
        boolean rport = false;
        List<String[]> parsed = RawSyntax.viaParameters(params);
        if (parsed == null) return null;
        for (String[] p : parsed) {
            if (p[0].equalsIgnoreCase("branch")) {
                if (p[1] == null || branch != null) return null;
                branch = p[1];
            } else if (p[0].equalsIgnoreCase("rport")) {
                if (p[1] != null || rport) return null;
                rport = true;
            } else if (p[0].equalsIgnoreCase("received")) {
                return null;
            }
        }
        if (branch == null) return null;
        return new RawVia(sentBy, host, viaPort < 0 ? 5060 : viaPort, viaPort, params, branch, rport);
    }

    /**
     * As jain-sip's UDP channel marks it before the stack answers (RFC 3581 §4, RFC 3261 §18.2.1): rport gets the
     * source port where it stands; received, appended, the source address when rport was asked for or the
     * sent-by host is not that address.
     */
    String answered(String address, int sourcePort) {
        StringBuilder b = new StringBuilder(UDP.length() + sentBy.length() + params.length() + 40)
                .append(UDP)
                .append(sentBy);
        if (rport) {
            int at = rportEnd(params);
            b.append(params, 0, at).append('=').append(sourcePort).append(params, at, params.length());
        } else {
            b.append(params);
        }
        if (rport || !host.equals(address)) b.append(";received=").append(address);
        return b.toString();
    }

    /** The index just after the bare {@code ;rport} in {@code params}. */
    private static int rportEnd(String params) {
        String lower = params.toLowerCase(Locale.ROOT);
        int at = 0;
        while (true) {
            at = lower.indexOf(";rport", at);
            int end = at + ";rport".length();
            if (end == params.length() || params.charAt(end) == ';') return end;
            at = end;
        }
    }
}
