package org.tandem.operations.network;

import java.util.List;
import java.util.Locale;

/**
 * The appliance's network as an admin sets it on the Network page or {@code PUT /api/v1/system/network} (issue 21):
 * DHCP, or a static IPv4 address with its prefix length, gateway and DNS servers; the host name and the NTP servers.
 *
 * @param mode       {@code dhcp} or {@code static}
 * @param address    static only: the appliance's IPv4 address, e.g. 192.168.1.20
 * @param prefix     static only: the network's prefix length, e.g. 24 for 255.255.255.0
 * @param gateway    static only: the router on that network (empty: none, a network of its own)
 * @param dnsServers up to 3 IP addresses (with DHCP: instead of the DHCP server's; empty: DHCP's)
 * @param hostname   the appliance's host name (empty: unchanged)
 * @param ntpServers up to 4 time servers (empty: Debian's pool)
 */
public record NetworkSettings(
        String mode,
        String address,
        Integer prefix,
        String gateway,
        List<String> dnsServers,
        String hostname,
        List<String> ntpServers) {

    public NetworkSettings {
        mode = mode == null ? "" : mode.strip().toLowerCase(Locale.ROOT);
        address = address == null ? "" : address.strip();
        gateway = gateway == null ? "" : gateway.strip();
        hostname = hostname == null ? "" : hostname.strip();
        dnsServers = dnsServers == null
                ? List.of()
                : dnsServers.stream()
                        .map(String::strip)
                        .filter(s -> !s.isEmpty())
                        .toList();
        ntpServers = ntpServers == null
                ? List.of()
                : ntpServers.stream()
                        .map(String::strip)
                        .filter(s -> !s.isEmpty())
                        .toList();
    }

    public boolean isStatic() {
        return "static".equals(mode);
    }

    /** DHCP with nothing else set: what the ISO installs. */
    public static NetworkSettings dhcp(String hostname) {
        return new NetworkSettings("dhcp", "", null, "", List.of(), hostname, List.of());
    }
}
