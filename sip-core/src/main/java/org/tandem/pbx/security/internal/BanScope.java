package org.tandem.pbx.security.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * What one ban (or one failure count, or one login lock) covers for a source address: the address itself for
 * IPv4, its /64 for IPv6. One IPv6 subscriber is handed a whole /64 or more (RFC 6177 §2, RIPE-690 §4.2), so
 * banning one address of it would be dodged by taking the next (Kamailio's and fail2ban's guides ban per /64).
 * An IPv4-mapped IPv6 address ({@code ::ffff:192.0.2.1}) is its IPv4 address. Anything that is not an IP literal
 * is its own scope. Never resolves names.
 */
public final class BanScope {

    private static final String SLASH_64 = "/64";

    private BanScope() {}

    /** The scope of {@code address}: "192.0.2.1", "2001:db8:0:1::/64"; a /64 given as such is kept. */
    public static String of(String address) {
        if (address == null) return "";
        String a = address.strip();
        if (a.indexOf(':') < 0) return a; // IPv4 (the hot path: no parsing) or not an address at all
        if (a.endsWith(SLASH_64)) a = a.substring(0, a.length() - SLASH_64.length());
        if (a.startsWith("[") && a.endsWith("]")) a = a.substring(1, a.length() - 1);
        int zone = a.indexOf('%');
        if (zone >= 0) a = a.substring(0, zone);
        if (!a.matches("[0-9a-fA-F:.]+")) return address.strip();
        byte[] b;
        try {
            b = InetAddress.getByName(a).getAddress(); // a literal: no lookup
        } catch (UnknownHostException e) {
            return address.strip();
        }
        if (b.length == 4) return dotted(b);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 8; i += 2) {
            if (i > 0) s.append(':');
            s.append(Integer.toHexString((b[i] & 0xff) << 8 | (b[i + 1] & 0xff)));
        }
        return s.append("::").append(SLASH_64).toString();
    }

    private static String dotted(byte[] b) {
        return (b[0] & 0xff) + "." + (b[1] & 0xff) + "." + (b[2] & 0xff) + "." + (b[3] & 0xff);
    }
}
