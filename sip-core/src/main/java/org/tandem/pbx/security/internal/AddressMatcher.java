package org.tandem.pbx.security.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import org.tandem.pbx.validation.InvalidValueException;

/** One allow-list entry: an IP address or a CIDR block (IPv4 or IPv6), literals only (no DNS). */
public final class AddressMatcher {

    private final String text;
    private final byte[] network;
    private final int prefix;

    private AddressMatcher(String text, byte[] network, int prefix) {
        this.text = text;
        this.network = network;
        this.prefix = prefix;
    }

    /**
     * An entry an admin typed: only an IP literal or a CIDR block is accepted (a host name would need DNS,
     * and a typo would silently match nothing).
     *
     * @return the normalised entry (no blanks, lower case, no brackets)
     * @throws InvalidValueException with a sentence for the admin ({@code allow-list.entry-*})
     */
    public static String normalise(String entry) {
        String e = entry == null ? "" : entry.strip().toLowerCase(Locale.ROOT);
        if (e.isEmpty()) throw new InvalidValueException("allow-list.entry-empty");
        int slash = e.indexOf('/');
        String host = slash < 0 ? e : e.substring(0, slash);
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        byte[] addr = host.indexOf('%') >= 0 ? null : literal(host);
        if (addr == null) {
            throw new InvalidValueException("allow-list.entry-not-address", entry.strip());
        }
        if (slash >= 0) {
            String len = e.substring(slash + 1);
            int max = addr.length * 8;
            if (!len.matches("[0-9]{1,3}") || Integer.parseInt(len) > max) {
                throw new InvalidValueException("allow-list.entry-prefix-length", max, addr.length == 4 ? "4" : "6");
            }
            return host + "/" + Integer.parseInt(len);
        }
        return host;
    }

    static AddressMatcher parse(String entry) {
        String e = entry.strip().toLowerCase(Locale.ROOT);
        int slash = e.indexOf('/');
        String host = slash < 0 ? e : e.substring(0, slash);
        byte[] addr = literal(host);
        if (addr == null) return new AddressMatcher(e, null, 0);
        int prefix = slash < 0 ? addr.length * 8 : Integer.parseInt(e.substring(slash + 1));
        if (prefix < 0 || prefix > addr.length * 8) {
            throw new IllegalArgumentException("tandem.security.allow-list: bad prefix length in " + entry);
        }
        return new AddressMatcher(e, addr, prefix);
    }

    boolean matches(String address) {
        if (network == null) return text.equalsIgnoreCase(address);
        byte[] a = literal(address);
        if (a == null || a.length != network.length) return false;
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != network[i]) return false;
        }
        int rest = prefix % 8;
        if (rest == 0) return true;
        int mask = 0xff << (8 - rest) & 0xff;
        return (a[full] & mask) == (network[full] & mask);
    }

    /** The bytes of an IP literal, or null for anything else (never resolves names). */
    private static byte[] literal(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        boolean ipv4 = h.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
        boolean ipv6 = h.indexOf(':') >= 0 && h.matches("[0-9a-fA-F:.%a-zA-Z0-9]+");
        if (!ipv4 && !ipv6) return null;
        if (ipv4) {
            // an octet over 255 is not a literal: InetAddress would go and resolve it as a name
            for (String octet : h.split("\\.")) {
                if (Integer.parseInt(octet) > 255) return null;
            }
        }
        try {
            return InetAddress.getByName(h).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
