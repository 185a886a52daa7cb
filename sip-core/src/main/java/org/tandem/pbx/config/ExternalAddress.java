package org.tandem.pbx.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * The public IP or host name the appliance gives parties outside the LAN when it sits behind NAT (the
 * setup wizard's "external host"; none by default). It is used where the appliance names itself to
 * someone on a public address: today the Via sent-by and the Contact of the trunk gateway's INVITEs and
 * REGISTERs to a provider outside the LAN (RFC 3261 §18.2.1, §10.2.1), the proxy's Record-Routes and the Contacts
 * of its masks and of its own services towards parties outside the local networks ({@code sip.AdvertisedHosts}),
 * and the media relay's SDP address for them; phones on the LAN keep seeing the local address. Changes apply to the next
 * request and the next SDP.
 */
public final class ExternalAddress {

    private final String startupHost;
    private volatile String host;

    /** No external host until the wizard saves one. */
    public ExternalAddress() {
        this(null);
    }

    /** @param startupHost {@code --tandem.external-address}: in force until the wizard saves one (and when it clears its own) */
    public ExternalAddress(String startupHost) {
        this.startupHost = startupHost == null || startupHost.isBlank() ? null : startupHost.strip();
        this.host = this.startupHost;
    }

    /** @return the external host, if the admin set one */
    public Optional<String> host() {
        return Optional.ofNullable(host);
    }

    /** The wizard's external host; blank falls back to the startup one. */
    public void change(String externalHost) {
        this.host = externalHost == null || externalHost.isBlank() ? startupHost : externalHost.strip();
    }

    /**
     * The host to advertise to {@code peerHost}: the external host when one is set and the peer is
     * outside the LAN, else {@code localHost}.
     */
    public String advertisedTo(String peerHost, String localHost) {
        String h = host;
        return h != null && isOutsideLan(peerHost) ? h : localHost;
    }

    /**
     * True for a public IP literal and for a host name (providers are named in public DNS; this never
     * resolves names, so it never blocks a SIP thread). Loopback, private (RFC 1918), link-local, CGNAT
     * (RFC 6598) and unique-local IPv6 (RFC 4193) addresses are on the LAN side.
     */
    public static boolean isOutsideLan(String peerHost) {
        if (peerHost == null || peerHost.isBlank()) return false;
        String h = peerHost.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) h = h.substring(1, h.length() - 1);
        if ("localhost".equals(h)) return false;
        boolean ipv4 = h.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
        boolean ipv6 = h.indexOf(':') >= 0;
        if (!ipv4 && !ipv6) return true;
        if (ipv4) {
            for (String octet : h.split("\\.")) {
                if (Integer.parseInt(octet) > 255) return false; // not a literal: never resolve it
            }
        }
        try {
            InetAddress a = InetAddress.getByName(h);
            byte[] b = a.getAddress();
            boolean cgnat = b.length == 4 && (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64;
            boolean uniqueLocal = b.length == 16 && (b[0] & 0xfe) == 0xfc;
            return !(a.isLoopbackAddress()
                    || a.isSiteLocalAddress()
                    || a.isLinkLocalAddress()
                    || a.isAnyLocalAddress()
                    || cgnat
                    || uniqueLocal);
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
