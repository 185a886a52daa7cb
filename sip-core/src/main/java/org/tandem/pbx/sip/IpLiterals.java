package org.tandem.pbx.sip;

/**
 * Whether a host text is written as an IP address (RFC 3261 §25.1 {@code IPv4address}, {@code IPv6reference} without
 * its brackets) rather than a name: the SIP and media code resolves only such literals, never a name, so a SIP stripe
 * never waits for DNS. A character test, not a full grammar check: what passes is handed to
 * {@link java.net.InetAddress#getByName}, which parses it without a look-up or refuses it.
 *
 * <p>One place for the test that was a regular expression ({@code [0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*}) in seven
 * files, compiled afresh on each call of {@code String.matches}: several times per call set up (issue 23).
 */
public final class IpLiterals {

    private IpLiterals() {}

    /**
     * True for text of digits and dots only (IPv4), or of hex digits, dots and colons with at least one colon
     * (IPv6, also IPv4-mapped); false for null, empty and anything else.
     */
    public static boolean isIpLiteral(String host) {
        if (host == null || host.isEmpty()) return false;
        boolean decimal = true;
        boolean colon = false;
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c == ':') {
                colon = true;
                decimal = false;
            } else if (c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
                decimal = false;
            } else if (!(c >= '0' && c <= '9' || c == '.')) {
                return false;
            }
        }
        return decimal || colon;
    }
}
