package org.tandem.appliance.natlab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A small internet in Linux network namespaces, with real kernel NAT (conntrack + nftables), for
 * black-box tests of phones behind NAT (issue 20). The test creates it and closes it; nothing leaves
 * the machine.
 *
 * <pre>
 *                      public segment 203.0.113.0/24 (a bridge in namespace "pub")
 *     ┌──────────────────────┬───────────────────┬───────────────────┬──────────────┐
 *  appliance .10         nat1 WAN .21         nat2 WAN .22       provider .30
 *  LAN 10.0.0.1/24       LAN 192.168.1.1      LAN 192.168.1.1
 *     │                     │                    │
 *  phone C 10.0.0.2      phone A 192.168.1.100   phone B 192.168.1.100   (same private range)
 *  mgmt 10.99.x.2 ── veth ── 10.99.x.1 in the root namespace (the test JVM's way to the HTTP API)
 * </pre>
 *
 * Both NAT routers masquerade with {@code random} port mapping: each new destination gets a fresh public
 * port, and only replies from the exact address and port the phone sent to are let back in (conntrack's
 * default), i.e. a symmetric NAT, the hardest kind for SIP. Forwarding from the WAN side is dropped
 * unless conntrack knows the flow.
 *
 * <p>Needs root ({@code ip netns}, veth, nftables). Without it the constructor throws an
 * {@link IllegalStateException} saying so, rather than skipping through a JUnit assumption: CI and the
 * test machines run as root, so a silently skipped NAT suite would hide a broken environment.
 *
 * <p>Namespaces are named {@code tnd<pid>-<role>}; at start, those of earlier runs whose JVM is gone
 * (a crash or kill -9 skipped {@link #close()}) are removed. Deleting a namespace removes its veth ends
 * and so their peers, including the management veth in the root namespace.
 */
public final class NatLab implements AutoCloseable {

    public static final String PUBLIC_APPLIANCE = "203.0.113.10";
    public static final String PUBLIC_NAT1 = "203.0.113.21";
    public static final String PUBLIC_NAT2 = "203.0.113.22";
    public static final String PROVIDER = "203.0.113.30";
    public static final String LAN_APPLIANCE = "10.0.0.1";
    public static final String PHONE_C = "10.0.0.2";
    /** Phone A's and phone B's private address: the same in both homes. */
    public static final String PRIVATE_PHONE = "192.168.1.100";

    private static final String PRIVATE_GATEWAY = "192.168.1.1";
    private static final String PREFIX = "tnd";

    private final String prefix;
    private final String mgmtHost;
    private final String mgmtAppliance;
    private final String mgmtLink;
    private final List<String> created = new ArrayList<>();

    /** Builds the whole topology; on any failure removes what it made and throws. */
    public NatLab() {
        requireRoot();
        long pid = ProcessHandle.current().pid();
        this.prefix = PREFIX + pid;
        this.mgmtLink = prefix + "m";
        int slot = (int) (pid % 16_384);
        this.mgmtHost = "10.99." + (slot / 64) + "." + (slot % 64 * 4 + 1);
        this.mgmtAppliance = "10.99." + (slot / 64) + "." + (slot % 64 * 4 + 2);
        removeStale();
        try {
            build();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    public String applianceNs() {
        return prefix + "-app";
    }

    public String phoneANs() {
        return prefix + "-a";
    }

    public String phoneBNs() {
        return prefix + "-b";
    }

    public String phoneCNs() {
        return prefix + "-c";
    }

    public String nat1Ns() {
        return prefix + "-nat1";
    }

    public String nat2Ns() {
        return prefix + "-nat2";
    }

    public String providerNs() {
        return prefix + "-prov";
    }

    public String publicNs() {
        return prefix + "-pub";
    }

    /** The appliance's address on the management veth: where the test JVM reaches its HTTP API. */
    public String managementAddress() {
        return mgmtAppliance;
    }

    private void build() {
        for (String ns : List.of(
                publicNs(), applianceNs(), phoneCNs(), nat1Ns(), phoneANs(), nat2Ns(), phoneBNs(), providerNs())) {
            run("ip", "netns", "add", ns);
            created.add(ns);
            run("ip", "-n", ns, "link", "set", "lo", "up");
        }
        run("ip", "-n", publicNs(), "link", "add", "br0", "type", "bridge");
        run("ip", "-n", publicNs(), "link", "set", "br0", "up");
        onPublicSegment(applianceNs(), "wan", PUBLIC_APPLIANCE, "p-app");
        onPublicSegment(nat1Ns(), "wan", PUBLIC_NAT1, "p-nat1");
        onPublicSegment(nat2Ns(), "wan", PUBLIC_NAT2, "p-nat2");
        onPublicSegment(providerNs(), "eth0", PROVIDER, "p-prov");

        // the appliance's own LAN, phone C on it
        link(applianceNs(), "lan", LAN_APPLIANCE + "/24", phoneCNs(), "eth0", PHONE_C + "/24");
        run("ip", "-n", phoneCNs(), "route", "add", "default", "via", LAN_APPLIANCE);

        // two homes with the same private range behind symmetric NATs
        home(nat1Ns(), phoneANs());
        home(nat2Ns(), phoneBNs());

        // management: root namespace <-> appliance, nothing routed beyond
        run("ip", "link", "add", mgmtLink, "type", "veth", "peer", "name", "mgmt", "netns", applianceNs());
        run("ip", "addr", "add", mgmtHost + "/30", "dev", mgmtLink);
        run("ip", "link", "set", mgmtLink, "up");
        run("ip", "-n", applianceNs(), "addr", "add", mgmtAppliance + "/30", "dev", "mgmt");
        run("ip", "-n", applianceNs(), "link", "set", "mgmt", "up");
    }

    private void onPublicSegment(String ns, String dev, String address, String bridgePort) {
        run("ip", "link", "add", dev, "netns", ns, "type", "veth", "peer", "name", bridgePort, "netns", publicNs());
        run("ip", "-n", publicNs(), "link", "set", bridgePort, "master", "br0", "up");
        run("ip", "-n", ns, "addr", "add", address + "/24", "dev", dev);
        run("ip", "-n", ns, "link", "set", dev, "up");
    }

    private void link(String ns1, String dev1, String cidr1, String ns2, String dev2, String cidr2) {
        run("ip", "link", "add", dev1, "netns", ns1, "type", "veth", "peer", "name", dev2, "netns", ns2);
        run("ip", "-n", ns1, "addr", "add", cidr1, "dev", dev1);
        run("ip", "-n", ns2, "addr", "add", cidr2, "dev", dev2);
        run("ip", "-n", ns1, "link", "set", dev1, "up");
        run("ip", "-n", ns2, "link", "set", dev2, "up");
    }

    /**
     * A home router: the phone's LAN behind masquerade {@code random} (a fresh public port per destination),
     * forwarding from the WAN only for flows conntrack already knows (replies from the exact peer).
     */
    private void home(String router, String phone) {
        link(router, "lan", PRIVATE_GATEWAY + "/24", phone, "eth0", PRIVATE_PHONE + "/24");
        run("ip", "-n", phone, "route", "add", "default", "via", PRIVATE_GATEWAY);
        run("ip", "netns", "exec", router, "sysctl", "-q", "-w", "net.ipv4.ip_forward=1");
        runWithInput(
                String.join(
                        "\n",
                        "table ip natlab {",
                        "  chain postrouting {",
                        "    type nat hook postrouting priority srcnat; policy accept;",
                        "    oifname \"wan\" masquerade random",
                        "  }",
                        "  chain forward {",
                        "    type filter hook forward priority filter; policy drop;",
                        "    ct state established,related accept",
                        "    iifname \"lan\" oifname \"wan\" accept",
                        "  }",
                        "}",
                        ""),
                "ip",
                "netns",
                "exec",
                router,
                "nft",
                "-f",
                "-");
    }

    /** Starts {@code cmd} inside namespace {@code ns} (stdout and stderr merged). */
    public Process exec(String ns, String... cmd) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        full.addAll(List.of(cmd));
        try {
            return new ProcessBuilder(full).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + full, e);
        }
    }

    /** Runs {@code cmd} in {@code ns} to the end; returns its output, throws unless it exits 0. */
    public String runIn(String ns, String... cmd) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        full.addAll(List.of(cmd));
        return run(full.toArray(String[]::new));
    }

    /** The command prefix that runs a program inside {@code ns}, for process builders of other tools. */
    public static List<String> inNamespace(String ns) {
        return List.of("ip", "netns", "exec", ns);
    }

    @Override
    public void close() {
        List<String> failures = new ArrayList<>();
        for (int i = created.size() - 1; i >= 0; i--) {
            String ns = created.get(i);
            try {
                killProcessesIn(ns);
                run("ip", "netns", "del", ns);
            } catch (RuntimeException e) {
                failures.add(ns + ": " + e.getMessage());
            }
        }
        created.clear();
        if (!failures.isEmpty()) throw new IllegalStateException("NAT lab not fully removed: " + failures);
    }

    /** Anything a failed test left running inside (a phone, the appliance) would keep the namespace alive. */
    private static void killProcessesIn(String ns) {
        String pids = run("ip", "netns", "pids", ns).trim();
        if (pids.isEmpty()) return;
        for (String pid : pids.split("\\s+")) {
            ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    /** Namespaces {@code tnd<pid>-*} of JVMs that no longer run: a crashed earlier run's. */
    private static void removeStale() {
        for (String line : run("ip", "netns", "list").split("\n")) {
            String ns = line.split("\\s+")[0];
            if (!ns.startsWith(PREFIX) || !ns.contains("-")) continue;
            String digits = ns.substring(PREFIX.length(), ns.indexOf('-'));
            if (!digits.matches("\\d+")) continue;
            if (ProcessHandle.of(Long.parseLong(digits))
                    .map(ProcessHandle::isAlive)
                    .orElse(false)) continue;
            killProcessesIn(ns);
            run("ip", "netns", "del", ns);
        }
    }

    private static void requireRoot() {
        String uid = run("id", "-u").trim();
        if (!"0".equals(uid)) {
            throw new IllegalStateException("The NAT lab needs root (ip netns, veth pairs, nftables): this JVM runs as"
                    + " uid " + uid + ". Run the NAT tests as root, as CI does.");
        }
    }

    static String run(String... cmd) {
        return runWithInput(null, cmd);
    }

    private static String runWithInput(String input, String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            if (input != null) {
                p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
            }
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", cmd) + " did not finish in 30 s");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", cmd) + " exited " + p.exitValue() + ": " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + String.join(" ", cmd), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + String.join(" ", cmd), e);
        }
    }
}
