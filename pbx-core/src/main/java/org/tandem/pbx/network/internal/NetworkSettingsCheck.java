package org.tandem.pbx.network.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.tandem.pbx.network.NetworkSettings;

/**
 * The rules of {@link NetworkSettings}, each broken one named at its field with what to do: an IPv4 address that is a
 * host of its network (not the network's or broadcast address), a gateway inside that network, DNS servers as IP
 * addresses (a name would need DNS to find DNS), RFC 1123 host names. The root helper checks the syntax again.
 */
public final class NetworkSettingsCheck {

    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

    private NetworkSettingsCheck() {
    }

    /** @return field name -> sentence, empty when the settings can be applied */
    public static Map<String, String> errors(NetworkSettings s) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (!"dhcp".equals(s.mode()) && !s.isStatic()) {
            errors.put("mode", "Choose DHCP (the network's DHCP server gives the address) or static (you enter it)");
        }
        if (s.isStatic()) staticAddress(s, errors);
        if (s.dnsServers().size() > 3) {
            errors.put("dnsServers", "At most 3 DNS servers");
        } else {
            s.dnsServers().stream().filter(d -> !isIp(d)).findFirst().ifPresent(d -> errors.put("dnsServers",
                    "'" + d + "' is not an IP address: DNS servers are given by address, e.g. 192.168.1.1 or 9.9.9.9"));
        }
        if (!s.hostname().isEmpty() && !isHostName(s.hostname())) {
            errors.put("hostname", "A host name is letters, digits and hyphens (not first or last), at most 63"
                    + " characters, e.g. pbx-office");
        }
        if (s.ntpServers().size() > 4) {
            errors.put("ntpServers", "At most 4 time servers");
        } else {
            s.ntpServers().stream().filter(n -> !isHostName(n) && !isIp(n)).findFirst().ifPresent(n -> errors.put(
                    "ntpServers", "'" + n + "' is neither a host name nor an IP address, e.g. 0.debian.pool.ntp.org"));
        }
        return errors;
    }

    private static void staticAddress(NetworkSettings s, Map<String, String> errors) {
        Integer prefix = s.prefix();
        if (prefix == null || prefix < 8 || prefix > 30) {
            errors.put("prefix", "The prefix length is 8 to 30, e.g. 24 for the netmask 255.255.255.0");
        }
        if (!IPV4.matcher(s.address()).matches()) {
            errors.put("address", "Enter the appliance's IPv4 address, e.g. 192.168.1.20");
            return;
        }
        int address = ipv4(s.address());
        int first = address >>> 24;
        if (first == 0 || first == 127 || first >= 224 || (first == 169 && (address >>> 16 & 0xff) == 254)) {
            errors.put("address", s.address() + " cannot be a LAN address (loopback, link-local, multicast or"
                    + " reserved); enter the address the appliance should have on the office network");
            return;
        }
        if (errors.containsKey("prefix")) return;
        int mask = (int) (0xffffffffL << (32 - prefix));
        String network = dotted(address & mask) + "/" + prefix;
        if ((address & ~mask) == 0) {
            errors.put("address", s.address() + " is the address of the network " + network
                    + " itself; choose a host address inside it");
        } else if ((address & ~mask) == ~mask) {
            errors.put("address", s.address() + " is the broadcast address of " + network
                    + "; choose a host address inside it");
        }
        if (s.gateway().isEmpty()) return;
        if (!IPV4.matcher(s.gateway()).matches()) {
            errors.put("gateway", "Enter the router's IPv4 address, e.g. 192.168.1.1, or leave it empty");
            return;
        }
        int gateway = ipv4(s.gateway());
        if ((gateway & mask) != (address & mask)) {
            errors.put("gateway", s.gateway() + " is outside the appliance's network " + network
                    + ": the gateway must be on the same network (or change the prefix length)");
        } else if (gateway == address) {
            errors.put("gateway", "The gateway is another device (the router), not the appliance's own address");
        } else if ((gateway & ~mask) == 0 || (gateway & ~mask) == ~mask) {
            errors.put("gateway", s.gateway() + " is the network's or broadcast address of " + network);
        }
    }

    static boolean isIp(String s) {
        return IPV4.matcher(s).matches() || (IPV6.matcher(s).matches() && s.length() <= 45);
    }

    static boolean isHostName(String s) {
        if (s.length() > 63 || s.isEmpty() || IPV4.matcher(s).matches()) return false;
        return List.of(s.split("\\.", -1)).stream().allMatch(l -> LABEL.matcher(l).matches());
    }

    private static int ipv4(String dotted) {
        int v = 0;
        for (String octet : dotted.split("\\.")) v = v << 8 | Integer.parseInt(octet);
        return v;
    }

    private static String dotted(int v) {
        return (v >>> 24) + "." + (v >>> 16 & 0xff) + "." + (v >>> 8 & 0xff) + "." + (v & 0xff);
    }
}
