package org.tandem.pbx.paging;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tandem.pbx.validation.InvalidValueException;

/**
 * Where a multicast paging group's audio goes, written as the phones' settings write it ({@code 224.0.1.75:5000}):
 * an IPv4 multicast group (224.0.0.0 to 239.255.255.255, RFC 5771), not one of the local network control block
 * 224.0.0.0/24 (routing protocols listen there, RFC 5771 §4), and an even port from 1024 to 65534 (RTP takes the even
 * port, RTCP the next one, RFC 3550 §11).
 */
public record MulticastAddress(String group, int port) {

    private static final Pattern FORM = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3}):(\\d{1,5})");

    /**
     * @param text {@code address:port}; surrounding blanks are ignored
     * @throws InvalidValueException saying what is wrong and what would do ({@code paging.multicast-*})
     */
    public static MulticastAddress parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            throw new InvalidValueException("paging.multicast-form");
        }
        int[] octets = new int[4];
        for (int i = 0; i < 4; i++) {
            octets[i] = Integer.parseInt(m.group(i + 1));
            if (octets[i] > 255) throw new InvalidValueException("paging.multicast-not-ipv4");
        }
        if (octets[0] < 224 || octets[0] > 239) {
            throw new InvalidValueException("paging.multicast-range");
        }
        if (octets[0] == 224 && octets[1] == 0 && octets[2] == 0) {
            throw new InvalidValueException("paging.multicast-reserved");
        }
        int port = Integer.parseInt(m.group(5));
        if (port < 1024 || port > 65534 || port % 2 != 0) {
            throw new InvalidValueException("paging.multicast-port");
        }
        return new MulticastAddress(octets[0] + "." + octets[1] + "." + octets[2] + "." + octets[3], port);
    }

    /** The group and port as a socket address (no name lookup: the group is numeric). */
    public InetSocketAddress socketAddress() {
        String[] parts = group.split("\\.");
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) bytes[i] = (byte) Integer.parseInt(parts[i]);
        try {
            return new InetSocketAddress(InetAddress.getByAddress(bytes), port);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // four bytes are always an address
        }
    }

    @Override
    public String toString() {
        return group + ":" + port;
    }
}
