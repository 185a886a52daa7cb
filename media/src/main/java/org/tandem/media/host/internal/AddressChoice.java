package org.tandem.media.host.internal;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Which of the host's addresses phones reach it by: the IPv4 address of the interface that holds the default route
 * (the one the LAN's gateway knows; with two interfaces, e.g. a LAN and a management or VPN link, the other may be
 * unreachable for phones), else the first address of an interface that is up, else 127.0.0.1. Link-local
 * (169.254/16) addresses are never chosen: they are what a host gives itself while no DHCP server answers. Not the
 * host name's address: on Debian that is often 127.0.1.1.
 */
public final class AddressChoice {

    public static final String LOOPBACK = "127.0.0.1";
    private static final Path ROUTES = Path.of("/proc/net/route");

    /** One interface as the choice sees it. */
    public record Nic(String name, boolean up, boolean loopback, List<InetAddress> addresses) {}

    private AddressChoice() {}

    /** The choice for this host (this network namespace) now. */
    public static String ofThisHost() {
        return choose(defaultRouteInterface(readRoutes()), interfaces());
    }

    /** @param defaultRouteInterface the name of the interface of the default route, if there is one */
    public static String choose(Optional<String> defaultRouteInterface, List<Nic> nics) {
        if (defaultRouteInterface.isPresent()) {
            for (Nic nic : nics) {
                if (nic.name().equals(defaultRouteInterface.get())) {
                    Optional<String> a = usable(nic);
                    if (a.isPresent()) return a.get();
                }
            }
        }
        for (Nic nic : nics) {
            Optional<String> a = usable(nic);
            if (a.isPresent()) return a.get();
        }
        return LOOPBACK;
    }

    /**
     * The interface holding {@code address}, else the default route's, else the first one up that is not loopback:
     * the interface a network setting applies to.
     */
    public static Optional<String> interfaceOf(String address) {
        List<Nic> nics = interfaces();
        for (Nic nic : nics) {
            if (nic.addresses().stream().anyMatch(a -> a.getHostAddress().equals(address)) && !nic.loopback()) {
                return Optional.of(nic.name());
            }
        }
        Optional<String> route = defaultRouteInterface(readRoutes());
        if (route.isPresent()) return route;
        return nics.stream().filter(n -> n.up() && !n.loopback()).map(Nic::name).findFirst();
    }

    private static Optional<String> usable(Nic nic) {
        if (!nic.up() || nic.loopback()) return Optional.empty();
        return nic.addresses().stream()
                .filter(a -> a instanceof Inet4Address && !a.isLinkLocalAddress() && !a.isLoopbackAddress())
                .map(InetAddress::getHostAddress)
                .findFirst();
    }

    /**
     * The interface of the IPv4 default route with the lowest metric, from the kernel's route table in the format of
     * {@code /proc/net/route} (destination and mask {@code 00000000}, flag RTF_UP).
     */
    public static Optional<String> defaultRouteInterface(List<String> routeTable) {
        String best = null;
        long bestMetric = Long.MAX_VALUE;
        for (String line : routeTable) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 8 || !"00000000".equals(f[1]) || !"00000000".equals(f[7])) continue;
            try {
                if ((Integer.parseInt(f[3], 16) & 0x1) == 0) continue; // RTF_UP
                long metric = Long.parseLong(f[6]);
                if (metric < bestMetric) {
                    best = f[0];
                    bestMetric = metric;
                }
            } catch (NumberFormatException e) {
                // the heading line or a malformed one
            }
        }
        return Optional.ofNullable(best);
    }

    private static List<String> readRoutes() {
        try {
            return Files.readAllLines(ROUTES);
        } catch (IOException | RuntimeException e) {
            return List.of(); // not Linux: the first interface that is up
        }
    }

    private static List<Nic> interfaces() {
        List<Nic> out = new ArrayList<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                try {
                    out.add(new Nic(
                            nic.getName(), nic.isUp(), nic.isLoopback(), Collections.list(nic.getInetAddresses())));
                } catch (SocketException gone) {
                    // the interface went away while we listed it
                }
            }
        } catch (SocketException e) {
            // none readable: loopback
        }
        return out;
    }
}
