package org.tandem.media.ice;

import java.util.Locale;

/**
 * One UDP candidate line (RFC 8839 §5.1):
 * {@code candidate:<foundation> <component> UDP <priority> <address> <port> typ <type> [raddr <a> rport <p>]}.
 *
 * @param component      1 for RTP, 2 for RTCP (RFC 8445 §5.1.1.1)
 * @param relatedAddress for relay candidates, the address the relay allocated from (RFC 8839 §5.1 requires
 *                       raddr/rport for every type but host); null for host
 */
public record IceCandidate(
        String foundation,
        int component,
        long priority,
        String address,
        int port,
        Type type,
        String relatedAddress,
        int relatedPort) {

    /** Candidate types Tandem offers, with their RFC 8445 §5.1.2.2 recommended type preferences. */
    public enum Type {
        HOST("host", 126),
        RELAY("relay", 0);

        private final String token;
        private final int preference;

        Type(String token, int preference) {
            this.token = token;
            this.preference = preference;
        }

        public String token() {
            return token;
        }
    }

    public IceCandidate {
        if (component < 1 || component > 256) throw new IllegalArgumentException("component must be 1-256");
        if (port < 1 || port > 65535) throw new IllegalArgumentException("port must be 1-65535, got " + port);
        if (type != Type.HOST && relatedAddress == null) {
            throw new IllegalArgumentException("a " + type.token + " candidate needs raddr/rport (RFC 8839 §5.1)");
        }
    }

    /**
     * The only candidate of its type for {@code component} at {@code address:port}: foundation "1" for host, "2" for
     * relay (RFC 8445 §5.1.1.3: same type and base share a foundation), priority by RFC 8445 §5.1.2.1 with the
     * highest local preference. A relay candidate names itself as related address.
     */
    public static IceCandidate of(Type type, int component, String address, int port) {
        return new IceCandidate(
                type == Type.HOST ? "1" : "2",
                component,
                priority(type, 65535, component),
                address,
                port,
                type,
                type == Type.HOST ? null : address,
                type == Type.HOST ? 0 : port);
    }

    /** RFC 8445 §5.1.2.1: 2^24 x type preference + 2^8 x local preference + (256 - component ID). */
    public static long priority(Type type, int localPreference, int component) {
        return ((long) type.preference << 24) + ((long) localPreference << 8) + (256 - component);
    }

    /** The value after {@code a=candidate:}. */
    public String toAttributeValue() {
        StringBuilder s = new StringBuilder()
                .append(foundation)
                .append(' ')
                .append(component)
                .append(" UDP ")
                .append(priority)
                .append(' ')
                .append(address)
                .append(' ')
                .append(port)
                .append(" typ ")
                .append(type.token);
        if (relatedAddress != null)
            s.append(" raddr ").append(relatedAddress).append(" rport ").append(relatedPort);
        return s.toString();
    }

    /**
     * Parses a candidate attribute value (what follows {@code a=candidate:}) of a UDP host or relay candidate; other
     * transports and types give null. Extension attributes after the grammar's fields are ignored.
     *
     * @throws IllegalArgumentException the line does not follow RFC 8839 §5.1
     */
    public static IceCandidate parse(String value) {
        String[] f = value.trim().split("\\s+");
        if (f.length < 8 || !f[6].equals("typ")) throw new IllegalArgumentException("bad candidate: '" + value + "'");
        if (!f[2].equalsIgnoreCase("UDP")) return null;
        Type type = switch (f[7].toLowerCase(Locale.ROOT)) {
            case "host" -> Type.HOST;
            case "relay" -> Type.RELAY;
            default -> null;
        };
        if (type == null) return null;
        String raddr = null;
        int rport = 0;
        for (int i = 8; i + 1 < f.length; i += 2) {
            if (f[i].equals("raddr")) raddr = f[i + 1];
            if (f[i].equals("rport")) rport = Integer.parseInt(f[i + 1]);
        }
        try {
            return new IceCandidate(
                    f[0],
                    Integer.parseInt(f[1]),
                    Long.parseLong(f[3]),
                    f[4],
                    Integer.parseInt(f[5]),
                    type,
                    raddr,
                    rport);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad candidate: '" + value + "'", e);
        }
    }
}
