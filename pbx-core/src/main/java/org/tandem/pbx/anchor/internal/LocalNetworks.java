package org.tandem.pbx.anchor.internal;

import java.net.InetAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.tandem.pbx.sip.IpLiterals;

/**
 * The office networks ({@code tandem.media.local-networks}): a party whose SIP comes from outside them is anchored in
 * auto mode. Default: the subnets of this host's own interfaces (what an admin means by "the LAN").
 */
public final class LocalNetworks {

    record Cidr(byte[] network, int prefix) {
        boolean contains(byte[] address) {
            if (address.length != network.length) return false;
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) return false;
            }
            int rest = prefix % 8;
            if (rest == 0) return true;
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[full] & mask) == (network[full] & mask);
        }
    }

    private final List<Cidr> networks;

    private LocalNetworks(List<Cidr> networks) {
        this.networks = List.copyOf(networks);
    }

    /**
     * From the admin's CIDRs ({@code 192.168.1.0/24}, {@code 10.0.0.7}, {@code fd00::/8}), or this host's subnets when
     * none are given.
     *
     * @throws IllegalArgumentException a CIDR that does not parse, naming it
     */
    public static LocalNetworks of(List<String> cidrs) {
        if (cidrs == null || cidrs.isEmpty()) return ofThisHost();
        List<Cidr> parsed = new ArrayList<>();
        for (String c : cidrs) parsed.add(parse(c));
        return new LocalNetworks(parsed);
    }

    static LocalNetworks ofThisHost() {
        List<Cidr> own = new ArrayList<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InterfaceAddress a : nic.getInterfaceAddresses()) {
                    if (a.getAddress().isLoopbackAddress()) continue;
                    own.add(new Cidr(a.getAddress().getAddress(), Math.max(0, a.getNetworkPrefixLength())));
                }
            }
        } catch (SocketException e) {
            // no interfaces readable: only loopback counts as local (isLocal), so every phone is anchored in auto mode
        }
        return new LocalNetworks(own);
    }

    static Cidr parse(String cidr) {
        String c = cidr.strip();
        int slash = c.indexOf('/');
        String host = slash < 0 ? c : c.substring(0, slash);
        if (!IpLiterals.isIpLiteral(host)) {
            throw new IllegalArgumentException(
                    "tandem.media.local-networks: '" + cidr + "' is not an IP network (e.g. 192.168.1.0/24)");
        }
        try {
            byte[] address = InetAddress.getByName(host).getAddress();
            int prefix = slash < 0 ? address.length * 8 : Integer.parseInt(c.substring(slash + 1));
            if (prefix < 0 || prefix > address.length * 8) throw new NumberFormatException();
            return new Cidr(address, prefix);
        } catch (UnknownHostException | NumberFormatException e) {
            throw new IllegalArgumentException(
                    "tandem.media.local-networks: '" + cidr + "' is not an IP network (e.g. 192.168.1.0/24)");
        }
    }

    /**
     * True when {@code host} (an IP literal) is in one of the networks, or is loopback. A host name is never resolved
     * (no DNS on a SIP thread) and counts as outside.
     */
    public boolean isLocal(String host) {
        if (host == null || host.isBlank()) return false;
        String h = host.strip();
        if (h.startsWith("[") && h.endsWith("]")) h = h.substring(1, h.length() - 1);
        if (!IpLiterals.isIpLiteral(h)) return false;
        try {
            InetAddress a = InetAddress.getByName(h);
            if (a.isLoopbackAddress()) return true;
            byte[] b = a.getAddress();
            for (Cidr n : networks) {
                if (n.contains(b)) return true;
            }
            return false;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
