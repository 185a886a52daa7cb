package org.tandem.operations.network.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.tandem.operations.network.NetworkSettings;
import org.tandem.pbx.validation.FieldError;

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

    private NetworkSettingsCheck() {}

    /** @return field name -> sentence, empty when the settings can be applied */
    public static Map<String, FieldError> errors(NetworkSettings s) {
        Map<String, FieldError> errors = new LinkedHashMap<>();
        if (!"dhcp".equals(s.mode()) && !s.isStatic()) {
            errors.put("mode", FieldError.of("network.mode"));
        }
        if (s.isStatic()) staticAddress(s, errors);
        if (s.dnsServers().size() > 3) {
            errors.put("dnsServers", FieldError.of("network.dns-max"));
        } else {
            s.dnsServers().stream()
                    .filter(d -> !isIp(d))
                    .findFirst()
                    .ifPresent(d -> errors.put("dnsServers", FieldError.of("network.dns-not-ip", d)));
        }
        if (!s.hostname().isEmpty() && !isHostName(s.hostname())) {
            errors.put("hostname", FieldError.of("network.hostname"));
        }
        if (s.ntpServers().size() > 4) {
            errors.put("ntpServers", FieldError.of("network.ntp-max"));
        } else {
            s.ntpServers().stream()
                    .filter(n -> !isHostName(n) && !isIp(n))
                    .findFirst()
                    .ifPresent(n -> errors.put("ntpServers", FieldError.of("network.ntp-not-host", n)));
        }
        return errors;
    }

    private static void staticAddress(NetworkSettings s, Map<String, FieldError> errors) {
        Integer prefix = s.prefix();
        if (prefix == null || prefix < 8 || prefix > 30) {
            errors.put("prefix", FieldError.of("network.prefix"));
        }
        if (!IPV4.matcher(s.address()).matches()) {
            errors.put("address", FieldError.of("network.address"));
            return;
        }
        int address = ipv4(s.address());
        int first = address >>> 24;
        if (first == 0 || first == 127 || first >= 224 || (first == 169 && (address >>> 16 & 0xff) == 254)) {
            errors.put("address", FieldError.of("network.address-not-lan", s.address()));
            return;
        }
        if (errors.containsKey("prefix")) return;
        int mask = (int) (0xffffffffL << (32 - prefix));
        String network = dotted(address & mask) + "/" + prefix;
        if ((address & ~mask) == 0) {
            errors.put("address", FieldError.of("network.address-is-network", s.address(), network));
        } else if ((address & ~mask) == ~mask) {
            errors.put("address", FieldError.of("network.address-is-broadcast", s.address(), network));
        }
        if (s.gateway().isEmpty()) return;
        if (!IPV4.matcher(s.gateway()).matches()) {
            errors.put("gateway", FieldError.of("network.gateway"));
            return;
        }
        int gateway = ipv4(s.gateway());
        if ((gateway & mask) != (address & mask)) {
            errors.put("gateway", FieldError.of("network.gateway-outside", s.gateway(), network));
        } else if (gateway == address) {
            errors.put("gateway", FieldError.of("network.gateway-is-appliance"));
        } else if ((gateway & ~mask) == 0 || (gateway & ~mask) == ~mask) {
            errors.put("gateway", FieldError.of("network.gateway-is-network", s.gateway(), network));
        }
    }

    static boolean isIp(String s) {
        return IPV4.matcher(s).matches() || (IPV6.matcher(s).matches() && s.length() <= 45);
    }

    static boolean isHostName(String s) {
        if (s.length() > 63 || s.isEmpty() || IPV4.matcher(s).matches()) return false;
        return List.of(s.split("\\.", -1)).stream()
                .allMatch(l -> LABEL.matcher(l).matches());
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
