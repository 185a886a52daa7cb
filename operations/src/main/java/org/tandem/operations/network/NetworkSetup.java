package org.tandem.operations.network;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.tandem.media.host.HostAddress;
import org.tandem.operations.network.internal.NetworkSettingsCheck;
import org.tandem.pbx.validation.FieldError;
import org.tandem.pbx.validation.InvalidInputException;

/**
 * The appliance's network settings (issue 21): shows them, and on an installed appliance applies them through the
 * root helper — Tandem itself stays unprivileged and only writes a request into {@code tandem.network.apply-dir}
 * ({@code tandem-network.path} hands it to {@code /usr/lib/tandem/network-apply}). A static address is a change the
 * admin's browser may not survive, so, as routers do, the helper rolls it back after
 * {@code tandem.network.confirm-within} (2 minutes) unless it is confirmed from a browser on the new address: proof
 * that the appliance is reachable there. The address in force is followed by sip-core's
 * {@code config.HostAddressWatcher}.
 */
public class NetworkSetup {

    private static final String SAVED = "settings.properties";

    private final NetworkProperties props;
    private final HostAddress host;
    private final Clock clock;
    private volatile String pendingAddress;
    private volatile Instant confirmBefore;

    public NetworkSetup(NetworkProperties props, HostAddress host, Clock clock) {
        this.props = props;
        this.host = host;
        this.clock = clock;
    }

    /**
     * True where the .deb's root helper applies settings (its postinst made the apply directory); else the operating
     * system manages the network.
     */
    public boolean managed() {
        return props.applyDir() != null && Files.isDirectory(props.applyDir());
    }

    public synchronized NetworkState now() {
        if (confirmBefore != null && clock.instant().isAfter(confirmBefore)) {
            pendingAddress = null; // the helper's timer has rolled it back
            confirmBefore = null;
        }
        return new NetworkState(
                managed(),
                saved(),
                host.current(),
                host.interfaceName().orElse(""),
                pendingAddress,
                confirmBefore,
                outcome());
    }

    /**
     * Checks and applies {@code settings}. @throws InvalidInputException naming each bad field
     * @throws NetworkChangeRefused when the operating system manages the network here
     */
    public synchronized NetworkState apply(NetworkSettings settings) {
        Map<String, FieldError> errors = NetworkSettingsCheck.errors(settings);
        if (!errors.isEmpty()) throw InvalidInputException.of(errors);
        if (!managed()) {
            throw new NetworkChangeRefused("The network of this machine is managed by its operating system (Tandem"
                    + " was not installed from its .deb or ISO); change it there");
        }
        String iface = host.interfaceName()
                .orElseThrow(() -> new NetworkChangeRefused("This machine has no network interface to configure"));
        long confirmSeconds = settings.isStatic() ? props.confirmWithin().toSeconds() : 0;
        Properties p = new Properties();
        p.setProperty("mode", settings.mode());
        p.setProperty("address", settings.address());
        p.setProperty(
                "prefix", settings.prefix() == null ? "" : settings.prefix().toString());
        p.setProperty("gateway", settings.gateway());
        p.setProperty("dns", String.join(" ", settings.dnsServers()));
        p.setProperty("hostname", settings.hostname());
        p.setProperty("ntp", String.join(" ", settings.ntpServers()));
        StringBuilder request = new StringBuilder("interface=").append(iface).append('\n');
        for (String key : List.of("mode", "address", "prefix", "gateway", "dns", "hostname", "ntp")) {
            request.append(key).append('=').append(p.getProperty(key)).append('\n');
        }
        request.append("confirm-seconds=").append(confirmSeconds).append('\n');
        try {
            try (var out = Files.newBufferedWriter(props.applyDir().resolve(SAVED), StandardCharsets.UTF_8)) {
                p.store(out, "Saved by Tandem's Network page; applied by /usr/lib/tandem/network-apply");
            }
            write("request", request.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot hand the network settings to the system: " + e.getMessage(), e);
        }
        pendingAddress = settings.isStatic() ? settings.address() : null;
        confirmBefore = settings.isStatic() ? clock.instant().plusSeconds(confirmSeconds) : null;
        return now();
    }

    /**
     * Keeps the pending static address. @param localAddress the address the admin's browser reached the appliance at
     * @throws NetworkChangeRefused when nothing waits, or the browser is not on the new address
     */
    public synchronized NetworkState confirm(String localAddress) {
        NetworkState state = now();
        if (state.pendingAddress() == null) {
            throw new NetworkChangeRefused(
                    "No network change waits for confirmation (it was confirmed or rolled" + " back already)");
        }
        if (!state.pendingAddress().equals(localAddress)) {
            throw new NetworkChangeRefused("Confirm from the new address: open the Network page at "
                    + state.pendingAddress() + " (this browser reached " + localAddress + "); without that the"
                    + " previous settings come back at " + state.confirmBefore());
        }
        try {
            write("confirm", "confirmed\n");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot confirm the network settings: " + e.getMessage(), e);
        }
        pendingAddress = null;
        confirmBefore = null;
        return now();
    }

    /**
     * Hands the time zone chosen in the setup wizard to the root helper, which sets the operating system's (issue 21,
     * item 6: the clock of logs, cron and the console agrees with the appliance's). Nothing where the operating system
     * manages itself. @return whether it was handed over
     */
    public synchronized boolean requestZone(ZoneId zone) {
        if (!managed()) return false;
        try {
            write("zone", zone.getId() + "\n");
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot hand the time zone to the system: " + e.getMessage(), e);
        }
    }

    /** Hands a request file to the root helper (written whole, then renamed, so the helper never reads half). */
    void write(String name, String content) throws IOException {
        Path tmp = props.applyDir().resolve(name + ".tmp");
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        Files.move(
                tmp,
                props.applyDir().resolve(name),
                StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
    }

    Path spoolFile(String name) {
        return props.applyDir() == null ? null : props.applyDir().resolve(name);
    }

    boolean sshInstalled() {
        return Files.isRegularFile(props.sshUnit());
    }

    private NetworkSettings saved() {
        Path file = props.applyDir() == null ? null : props.applyDir().resolve(SAVED);
        if (file == null || !Files.isRegularFile(file)) return NetworkSettings.dhcp(hostName());
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            return NetworkSettings.dhcp(hostName());
        }
        String prefix = p.getProperty("prefix", "");
        return new NetworkSettings(
                p.getProperty("mode"),
                p.getProperty("address"),
                prefix.isEmpty() ? null : Integer.valueOf(prefix),
                p.getProperty("gateway"),
                words(p.getProperty("dns")),
                p.getProperty("hostname"),
                words(p.getProperty("ntp")));
    }

    private String outcome() {
        return report(props.statusFile());
    }

    /** A report of the root helper's beside its network status ({@code ssh-status}, {@code firewall-status}). */
    String report(String name) {
        return report(props.statusFile().resolveSibling(name));
    }

    /**
     * Asks the root helper to report the firewall's state (the spool's {@code report} file), as Tandem starts: it
     * changes nothing. Nothing where the operating system manages itself.
     */
    public void requestReport() {
        if (!managed()) return;
        try {
            write("report", "firewall\n");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot ask the system for the firewall's state: " + e.getMessage(), e);
        }
    }

    /**
     * Hands the ports the appliance listens on to the root helper (the spool's {@code ports} file, one
     * {@code PROTOCOL PORTS SERVICE} line each), which opens exactly these in the appliance's nftables policy (issue 21,
     * item 9), as Tandem starts. Nothing where the operating system manages itself.
     */
    public void requestPorts(List<FirewallState.Opening> openings) {
        if (!managed()) return;
        StringBuilder request = new StringBuilder();
        for (FirewallState.Opening o : openings) {
            request.append(o.protocol())
                    .append(' ')
                    .append(o.ports())
                    .append(' ')
                    .append(o.service())
                    .append('\n');
        }
        try {
            write("ports", request.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot hand the firewall's ports to the system: " + e.getMessage(), e);
        }
    }

    private static String report(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readString(file).strip() : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static List<String> words(String s) {
        return s == null || s.isBlank() ? List.of() : Arrays.asList(s.strip().split("\\s+"));
    }

    private static String hostName() {
        try {
            return Files.readString(Path.of("/etc/hostname")).strip();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
