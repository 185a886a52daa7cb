package org.tandem.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code network-apply} (issue 21), the root side of the web UI's network settings, against a temporary root: the
 * systemd-networkd, timesyncd and host name files it writes for a request Tandem spooled, the roll-back it schedules
 * for a static change and what confirm and roll-back leave behind. The system commands (networkctl, systemctl,
 * systemd-run, hostnamectl) are recorded, not run. Every bad value refuses the whole request and changes nothing.
 */
class NetworkApplyIT {

    static final Path SCRIPT = Path.of("src/deb/lib/network-apply").toAbsolutePath();

    @TempDir
    Path root;

    Path commands;
    Path spool;
    Path networkFile;

    @BeforeEach
    void dhcpAsTheIsoInstallsIt() throws IOException {
        commands = root.resolve("commands.log");
        spool = Files.createDirectories(root.resolve("var/lib/tandem/network"));
        networkFile = root.resolve("etc/systemd/network/10-tandem.network");
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/hostname"), "tandem\n");
    }

    private Command run(String... args) {
        return runWith("", args);
    }

    /** @param activeUnits the units that count as running (systemctl is-active) */
    private Command runWith(String activeUnits, String... args) {
        List<String> cmd = new java.util.ArrayList<>(List.of("sh", SCRIPT.toString()));
        cmd.addAll(List.of(args));
        return Command.run(
                cmd,
                Map.of(
                        "TANDEM_NETWORK_ROOT",
                        root.toString(),
                        "TANDEM_NETWORK_COMMANDS",
                        commands.toString(),
                        "TANDEM_NETWORK_ACTIVE",
                        activeUnits),
                root);
    }

    private String state(String file) throws IOException {
        return Files.readString(root.resolve("var/lib/tandem-network").resolve(file))
                .strip();
    }

    /** What the ISO installs: openssh-server's unit and Tandem's nftables policy (its first lines suffice here). */
    private Path theIsosSshAndFirewall() throws IOException {
        Files.createDirectories(root.resolve("usr/lib/systemd/system"));
        Files.writeString(
                root.resolve("usr/lib/systemd/system/ssh.service"),
                "[Unit]\nDescription=OpenBSD Secure Shell server\n");
        Files.writeString(
                root.resolve("etc/nftables.conf"),
                "flush ruleset\n\ntable inet tandem {\n}\n" + "include \"/etc/nftables.d/*.nft\"\n");
        return root.resolve("etc/nftables.d/tandem-ssh.nft");
    }

    private String commands() throws IOException {
        return Files.exists(commands) ? Files.readString(commands) : "";
    }

    private String status() throws IOException {
        return Files.readString(root.resolve("var/lib/tandem-network/status")).strip();
    }

    private void request(String... lines) throws IOException {
        Files.writeString(spool.resolve("request"), String.join("\n", lines) + "\n");
    }

    @Test
    void aStaticAddressIsWrittenForNetworkdAndRolledBackUnlessConfirmed() throws IOException {
        request(
                "mode=static",
                "interface=enp1s0",
                "address=192.168.10.5",
                "prefix=24",
                "gateway=192.168.10.1",
                "dns=192.168.10.1 9.9.9.9",
                "hostname=pbx-office",
                "ntp=0.debian.pool.ntp.org 192.168.10.1",
                "confirm-seconds=120");
        run("spool").assertOk();

        assertThat(spool.resolve("request")).doesNotExist();
        assertThat(Files.readAllLines(networkFile))
                .contains(
                        "[Match]",
                        "Name=enp1s0",
                        "[Network]",
                        "Address=192.168.10.5/24",
                        "Gateway=192.168.10.1",
                        "DNS=192.168.10.1",
                        "DNS=9.9.9.9")
                .doesNotContain("DHCP=yes");
        assertThat(Files.readAllLines(root.resolve("etc/systemd/timesyncd.conf.d/50-tandem.conf")))
                .contains("[Time]", "NTP=0.debian.pool.ntp.org 192.168.10.1");
        assertThat(root.resolve("etc/hostname")).hasContent("pbx-office");
        assertThat(commands())
                .contains(
                        "hostnamectl hostname pbx-office",
                        "networkctl reload",
                        "networkctl reconfigure enp1s0",
                        "systemctl try-restart systemd-timesyncd.service",
                        "systemd-run --unit=tandem-network-rollback --on-active=120s --timer-property=AccuracySec=1s "
                                + "/usr/lib/tandem/network-apply rollback");
        assertThat(status()).isEqualTo("pending static 192.168.10.5");

        // nobody confirmed from the new address: the timer puts back what was there (no file of ours, the old name)
        run("rollback").assertOk();
        assertThat(networkFile).doesNotExist();
        assertThat(root.resolve("etc/systemd/timesyncd.conf.d/50-tandem.conf")).doesNotExist();
        assertThat(root.resolve("etc/hostname")).hasContent("tandem");
        assertThat(commands()).contains("hostnamectl hostname tandem");
        assertThat(status()).isEqualTo("rolled-back");
    }

    @Test
    void aConfirmedChangeStaysAndALaterRollbackChangesNothing() throws IOException {
        request(
                "mode=static",
                "interface=eth0",
                "address=10.1.2.3",
                "prefix=16",
                "gateway=10.1.0.1",
                "confirm-seconds=120");
        run("spool").assertOk();
        Files.writeString(spool.resolve("confirm"), "");
        run("spool").assertOk();

        assertThat(spool.resolve("confirm")).doesNotExist();
        assertThat(commands()).contains("systemctl stop tandem-network-rollback.timer");
        assertThat(status()).isEqualTo("confirmed");
        run("rollback").assertOk();
        assertThat(Files.readAllLines(networkFile)).contains("Address=10.1.2.3/16");
    }

    @Test
    void dhcpWithOwnDnsServersAsksNoConfirmation() throws IOException {
        request("mode=dhcp", "interface=eth0", "dns=1.1.1.1 2606:4700:4700::1111");
        run("spool").assertOk();

        assertThat(Files.readAllLines(networkFile))
                .contains("DHCP=yes", "DNS=1.1.1.1", "DNS=2606:4700:4700::1111", "[DHCPv4]", "UseDNS=no");
        assertThat(commands()).doesNotContain("systemd-run");
        assertThat(status()).isEqualTo("applied dhcp");
        assertThat(root.resolve("var/lib/tandem-network/previous")).doesNotExist();
    }

    @Test
    void aBadValueRefusesTheWholeRequestAndChangesNothing() throws IOException {
        for (List<String> bad : List.of(
                List.of("mode=static", "interface=eth0", "address=192.168.1.300", "prefix=24"),
                List.of("mode=static", "interface=eth0", "address=192.168.1.3", "prefix=24", "gateway=$(reboot)"),
                List.of("mode=dhcp", "interface=eth0;reboot"),
                List.of("mode=dhcp", "interface=eth0", "hostname=-bad-"),
                List.of("mode=dhcp", "interface=eth0", "ntp=pool.ntp.org `id`"),
                List.of("mode=dhcp", "interface=eth0", "dns=1.1.1.1 1.0.0.1 8.8.8.8 9.9.9.9"),
                List.of("mode=dhcp", "interface=eth0", "PATH=/tmp"))) {
            request(bad.toArray(String[]::new));
            Command refused = run("spool");
            assertThat(refused.exitCode()).as(bad.toString()).isEqualTo(2);
            assertThat(status()).startsWith("refused");
            assertThat(networkFile).as(bad.toString()).doesNotExist();
            assertThat(root.resolve("etc/hostname")).hasContent("tandem");
        }
        assertThat(commands()).isEmpty();
    }

    @Test
    void aRequestThatIsASymbolicLinkIsNotFollowed() throws IOException {
        Path secret = Files.writeString(root.resolve("shadow"), "mode=dhcp\ninterface=eth0\n");
        Files.createSymbolicLink(spool.resolve("request"), secret);
        assertThat(run("spool").exitCode()).isEqualTo(2);
        assertThat(spool.resolve("request")).doesNotExist();
        assertThat(secret).exists();
        assertThat(networkFile).doesNotExist();
    }

    /**
     * Issue 21, item 6: the setup wizard's time zone becomes the operating system's (timedatectl), from the spool's
     * {@code zone} file; its outcome has a status of its own, so a network change waiting for its confirmation still
     * shows as pending.
     */
    @Test
    void theWizardsTimeZoneIsSetWithTimedatectlAndLeavesTheNetworkStatusAlone() throws IOException {
        Files.createDirectories(root.resolve("usr/share/zoneinfo/Europe"));
        Files.writeString(root.resolve("usr/share/zoneinfo/Europe/Berlin"), "TZif2");
        Files.createDirectories(root.resolve("var/lib/tandem-network"));
        Files.writeString(root.resolve("var/lib/tandem-network/status"), "pending static 192.168.10.5\n");
        Files.writeString(spool.resolve("zone"), "Europe/Berlin\n");

        assertThat(run("spool").exitCode()).isZero();
        assertThat(commands()).isEqualTo("timedatectl set-timezone Europe/Berlin\n");
        assertThat(spool.resolve("zone")).doesNotExist();
        assertThat(root.resolve("var/lib/tandem-network/zone-status")).hasContent("applied Europe/Berlin");
        assertThat(Files.readSymbolicLink(root.resolve("etc/localtime")))
                .isEqualTo(Path.of("/usr/share/zoneinfo/Europe/Berlin"));
        assertThat(Files.readString(root.resolve("etc/timezone"))).isEqualTo("Europe/Berlin\n");
        assertThat(status()).isEqualTo("pending static 192.168.10.5");
    }

    @Test
    void aZoneThatIsNoZoneNameIsRefusedAndNothingRuns() throws IOException {
        Files.createDirectories(root.resolve("usr/share/zoneinfo"));
        Files.writeString(root.resolve("shadow"), "secret");
        for (String bad :
                List.of("Mars/Olympus_Mons", "../../shadow", "Europe/Berlin; reboot", "$(reboot)", "", "/etc/shadow")) {
            Files.writeString(spool.resolve("zone"), bad + "\n");
            Command refused = run("spool");
            assertThat(refused.exitCode()).as(bad).isEqualTo(2);
            assertThat(spool.resolve("zone")).as(bad).doesNotExist();
            assertThat(root.resolve("var/lib/tandem-network/zone-status"))
                    .as(bad)
                    .hasContent("refused");
        }
        Files.createSymbolicLink(spool.resolve("zone"), root.resolve("shadow"));
        assertThat(run("spool").exitCode()).isEqualTo(2);
        assertThat(spool.resolve("zone")).doesNotExist();
        assertThat(root.resolve("shadow")).hasContent("secret");
        assertThat(root.resolve("etc/localtime")).doesNotExist();
        assertThat(commands()).isEmpty();
    }

    @Test
    void passesShellcheck() {
        Command result = Command.run(List.of("shellcheck", "--shell=sh", "--severity=style", SCRIPT.toString()));
        assertThat(result.exitCode())
                .as("shellcheck findings:\n" + result.output())
                .isZero();
    }

    /**
     * Issue 21, items 4 and 9: SSH on starts and enables sshd and opens TCP 22 in Tandem's nftables policy; off closes
     * the port first and stops sshd and its socket; each outcome in ssh-status, and the firewall's state reported.
     */
    @Test
    void sshOnStartsSshdAndOpensPort22AndOffUndoesBoth() throws IOException {
        Path rule = theIsosSshAndFirewall();
        Files.writeString(spool.resolve("ssh"), "on\n");
        assertThat(runWith("nftables.service", "spool").exitCode()).isZero();

        assertThat(spool.resolve("ssh")).doesNotExist();
        assertThat(commands())
                .isEqualTo("systemctl enable --now ssh.service\nsystemctl reload ssh.service\n"
                        + "systemctl try-reload-or-restart nftables.service\n");
        assertThat(Files.readAllLines(root.resolve("etc/ssh/sshd_config.d/tandem-no-root-login.conf")))
                .as("root never logs in by SSH")
                .contains("PermitRootLogin no");
        assertThat(Files.readAllLines(rule)).contains("add rule inet tandem input tcp dport 22 accept comment \"SSH\"");
        assertThat(state("ssh-status")).isEqualTo("applied on");
        assertThat(state("firewall-status")).isEqualTo("active");

        Files.delete(commands);
        Files.writeString(spool.resolve("ssh"), "off\n");
        assertThat(run("spool").exitCode()).isZero();
        assertThat(rule).doesNotExist();
        assertThat(commands())
                .isEqualTo("systemctl try-reload-or-restart nftables.service\n"
                        + "systemctl disable --now ssh.service ssh.socket\n");
        assertThat(state("ssh-status")).isEqualTo("applied off");
        assertThat(root.resolve("etc/ssh/sshd_config.d/tandem-no-root-login.conf"))
                .as("kept")
                .exists();
        assertThat(state("firewall-status")).as("nftables.service not running").isEqualTo("inactive");
    }

    @Test
    void aBadSshRequestIsRefusedAndChangesNothing() throws IOException {
        Path rule = theIsosSshAndFirewall();
        for (String bad : List.of("yes", "on; reboot", "$(reboot)", "")) {
            Files.writeString(spool.resolve("ssh"), bad + "\n");
            assertThat(run("spool").exitCode()).as(bad).isEqualTo(2);
            assertThat(spool.resolve("ssh")).as(bad).doesNotExist();
            assertThat(state("ssh-status")).as(bad).isEqualTo("refused ssh must be on or off");
        }
        Files.writeString(root.resolve("shadow"), "on\n");
        Files.createSymbolicLink(spool.resolve("ssh"), root.resolve("shadow"));
        assertThat(run("spool").exitCode()).isEqualTo(2);
        assertThat(spool.resolve("ssh")).doesNotExist();
        assertThat(root.resolve("shadow")).hasContent("on");
        assertThat(rule).doesNotExist();
        assertThat(commands()).isEmpty();
    }

    /** SSH can fail half-way: the status says what failed, the admin sees it next to the switch. */
    @Test
    void aRuleThatCannotBeWrittenIsReportedAsFailed() throws IOException {
        theIsosSshAndFirewall();
        Files.writeString(root.resolve("etc/nftables.d"), "a file where the directory should be\n");
        Files.writeString(spool.resolve("ssh"), "on\n");
        assertThat(run("spool").exitCode()).isEqualTo(1);
        assertThat(state("ssh-status")).isEqualTo("failed cannot write /etc/nftables.d/tandem-ssh.nft");

        // nor does sshd start where root's login cannot be barred first
        Files.delete(root.resolve("etc/nftables.d"));
        Files.delete(commands);
        Files.delete(root.resolve("etc/ssh/sshd_config.d/tandem-no-root-login.conf")); // from the first attempt
        Files.delete(root.resolve("etc/ssh/sshd_config.d"));
        Files.writeString(root.resolve("etc/ssh/sshd_config.d"), "a file where the directory should be\n");
        Files.writeString(spool.resolve("ssh"), "on\n");
        assertThat(run("spool").exitCode()).isEqualTo(1);
        assertThat(state("ssh-status"))
                .isEqualTo("failed cannot write /etc/ssh/sshd_config.d/tandem-no-root-login.conf");
        assertThat(commands()).isEmpty();
    }

    /**
     * A .deb on a plain Debian without openssh-server: its admin manages SSH alone, so nothing is started or stopped;
     * without Tandem's nftables policy the firewall is "absent" (not Tandem's).
     */
    @Test
    void withoutOpensshServerNothingIsChanged() throws IOException {
        Files.writeString(spool.resolve("ssh"), "on\n");
        assertThat(runWith("nftables.service", "spool").exitCode()).isZero();
        assertThat(state("ssh-status")).isEqualTo("not-installed");
        assertThat(state("firewall-status")).isEqualTo("absent");
        assertThat(root.resolve("etc/nftables.d")).doesNotExist();
        assertThat(root.resolve("etc/ssh")).doesNotExist();
        assertThat(commands()).isEmpty();
    }

    /** Tandem asks for the firewall's state at start (the spool's report file), before any change. */
    @Test
    void aReportRequestWritesTheFirewallsState() throws IOException {
        theIsosSshAndFirewall();
        Files.writeString(spool.resolve("report"), "");
        assertThat(runWith("nftables.service", "spool").exitCode()).isZero();
        assertThat(spool.resolve("report")).doesNotExist();
        assertThat(state("firewall-status")).isEqualTo("active");
        assertThat(commands()).isEmpty();
    }

    /**
     * Issue 21, item 9: the ports Tandem listens on (its spool's ports file, written at each start from its
     * configuration) become the rules of Tandem's nftables policy, exactly these; nftables loads the policy again only
     * when they changed, and a port dropped from the configuration is closed.
     */
    @Test
    void aPortsRequestOpensExactlyThosePortsAndReloadsOnlyOnChange() throws IOException {
        theIsosSshAndFirewall();
        Path rule = root.resolve("etc/nftables.d/tandem-ports.nft");
        String moved = "udp 5070 sip\ntcp 5070 sip\nudp 30000-30100 rtp\nudp 3478 stun\ntcp 80 http\ntcp 443 https\n";
        Files.writeString(spool.resolve("ports"), moved + "udp 69 tftp\n");
        assertThat(runWith("nftables.service", "spool").exitCode()).isZero();

        assertThat(spool.resolve("ports")).doesNotExist();
        assertThat(Files.readAllLines(rule).stream().filter(l -> !l.startsWith("#")))
                .containsExactly(
                        "add rule inet tandem input udp dport 5070 accept comment \"sip\"",
                        "add rule inet tandem input tcp dport 5070 accept comment \"sip\"",
                        "add rule inet tandem input udp dport 30000-30100 accept comment \"rtp\"",
                        "add rule inet tandem input udp dport 3478 accept comment \"stun\"",
                        "add rule inet tandem input tcp dport 80 accept comment \"http\"",
                        "add rule inet tandem input tcp dport 443 accept comment \"https\"",
                        "add rule inet tandem input udp dport 69 accept comment \"tftp\"");
        assertThat(commands()).isEqualTo("systemctl try-reload-or-restart nftables.service\n");
        assertThat(state("ports-status")).isEqualTo("applied 7");
        assertThat(state("firewall-status")).isEqualTo("active");

        // the next start with the same configuration: nothing to load again
        Files.delete(commands);
        Files.writeString(spool.resolve("ports"), moved + "udp 69 tftp\n");
        assertThat(runWith("nftables.service", "spool").exitCode()).isZero();
        assertThat(commands()).isEmpty();
        assertThat(state("ports-status")).isEqualTo("unchanged 7");

        // TFTP turned off (tandem.provisioning.tftp-port: 0): its port closes
        Files.writeString(spool.resolve("ports"), moved);
        assertThat(runWith("nftables.service", "spool").exitCode()).isZero();
        assertThat(Files.readString(rule)).doesNotContain("tftp").doesNotContain("dport 69 ");
        assertThat(commands()).isEqualTo("systemctl try-reload-or-restart nftables.service\n");
        assertThat(state("ports-status")).isEqualTo("applied 6");
    }

    /** A bad line refuses the whole request and keeps the rules in force; SSH is the SSH switch's alone. */
    @Test
    void aBadPortsRequestIsRefusedAndKeepsTheRules() throws IOException {
        theIsosSshAndFirewall();
        Path rule = root.resolve("etc/nftables.d/tandem-ports.nft");
        Files.writeString(spool.resolve("ports"), "udp 5060 sip\n");
        assertThat(run("spool").exitCode()).isZero();
        String before = Files.readString(rule);
        Files.delete(commands);
        Map<String, String> bad = Map.of(
                "tcp 22 ssh", "refused line 1: SSH is opened by the SSH switch only",
                "udp 0 sip", "refused line 1: '0' is not within 1-65535",
                "udp 65536 sip", "refused line 1: '65536' is not within 1-65535",
                "udp 20000-10000 rtp", "refused line 1: '20000-10000' is not within 1-65535",
                "icmp 1 ping", "refused line 1: protocol must be udp or tcp",
                "udp 5060 \"sip\";flush", "refused line 1: '\"sip\";flush' is not a service name",
                "udp 5060;accept sip", "refused line 1: '5060;accept' is not a port or a range",
                "udp 5060 sip\ntcp 1 a b", "refused line 2 has more than three words");
        for (var e : bad.entrySet()) {
            Files.writeString(spool.resolve("ports"), e.getKey() + "\n");
            assertThat(run("spool").exitCode()).as(e.getKey()).isEqualTo(2);
            assertThat(state("ports-status")).as(e.getKey()).isEqualTo(e.getValue());
            assertThat(spool.resolve("ports")).as(e.getKey()).doesNotExist();
        }
        Files.writeString(spool.resolve("ports"), "udp 1 p\n".repeat(33));
        assertThat(run("spool").exitCode()).isEqualTo(2);
        assertThat(state("ports-status")).isEqualTo("refused more than 32 ports");
        Files.createSymbolicLink(spool.resolve("ports"), root.resolve("etc/hostname"));
        assertThat(run("spool").exitCode()).isEqualTo(2);
        assertThat(state("ports-status")).isEqualTo("refused the request is a symbolic link");
        assertThat(spool.resolve("ports")).doesNotExist();
        assertThat(root.resolve("etc/hostname")).as("the link's target").hasContent("tandem\n");

        assertThat(Files.readString(rule)).isEqualTo(before);
        assertThat(commands()).isEmpty();
    }

    /** A .deb on a plain Debian: its own firewall, not Tandem's policy, so nothing is written or loaded. */
    @Test
    void withoutTandemsPolicyNoPortsAreWritten() throws IOException {
        Files.writeString(spool.resolve("ports"), "udp 5060 sip\n");
        assertThat(run("spool").exitCode()).isZero();
        assertThat(state("ports-status")).isEqualTo("absent");
        assertThat(root.resolve("etc/nftables.d")).doesNotExist();
        assertThat(commands()).isEmpty();
    }
}
