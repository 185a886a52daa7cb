package org.tandem.operations.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.env.MockEnvironment;
import org.tandem.media.host.HostAddress;

/**
 * The SSH switch and the firewall list (issue 21, items 4 and 9) against a spool directory as the .deb makes it: the
 * request the root helper reads ({@code ssh}: on or off), the switch kept across a restart, the helper's reports read
 * back, and the ports the firewall list names from the configuration.
 */
class SshAccessTest {

    @TempDir
    Path dir;

    Path spool;
    Path sshUnit;

    @BeforeEach
    void installedFromTheDeb() throws IOException {
        spool = Files.createDirectories(dir.resolve("spool"));
        Files.createDirectories(dir.resolve("state"));
        sshUnit = dir.resolve("ssh.service");
        Files.writeString(sshUnit, "[Unit]\n");
    }

    private NetworkSetup network(Path applyDir) {
        return new NetworkSetup(
                new NetworkProperties(applyDir, dir.resolve("state/status"), Duration.ofMinutes(2), sshUnit),
                HostAddress.detect(),
                Clock.systemUTC());
    }

    @Test
    void offUntilSwitchedOnAndTheSwitchOutlivesARestart() throws IOException {
        SshAccess ssh = new SshAccess(network(spool));
        assertThat(ssh.now()).isEqualTo(new SshState(true, true, false, ""));

        SshState on = ssh.switchTo(true);
        assertThat(spool.resolve("ssh")).hasContent("on");
        assertThat(on.enabled()).isTrue();
        assertThat(spool).isDirectoryNotContaining("glob:**.tmp");

        // the root helper answers; a new process (a restart) reads the switch and the answer back
        Files.writeString(dir.resolve("state/ssh-status"), "applied on\n");
        Files.delete(spool.resolve("ssh"));
        assertThat(new SshAccess(network(spool)).now()).isEqualTo(new SshState(true, true, true, "applied on"));

        ssh.switchTo(false);
        assertThat(spool.resolve("ssh")).hasContent("off");
        assertThat(ssh.now().enabled()).isFalse();
    }

    @Test
    void withoutOpensshServerOrOutsideTheDebNothingIsRequested() throws IOException {
        Files.delete(sshUnit);
        SshAccess notInstalled = new SshAccess(network(spool));
        assertThat(notInstalled.now().installed()).isFalse();
        assertThatThrownBy(() -> notInstalled.switchTo(true))
                .isInstanceOf(NetworkChangeRefused.class)
                .hasMessageContaining("openssh-server is not installed");
        assertThat(spool.resolve("ssh")).doesNotExist();

        SshAccess development = new SshAccess(network(null));
        assertThat(development.now().managed()).isFalse();
        assertThatThrownBy(() -> development.switchTo(true)).hasMessageContaining("managed by its operating system");
    }

    @Test
    void theFirewallListNamesTheConfiguredPortsAndSshOnlyWhileOn() throws IOException {
        NetworkSetup network = network(spool);
        SshAccess ssh = new SshAccess(network);
        MockEnvironment config = new MockEnvironment()
                .withProperty("tandem.sip.port", "5070")
                .withProperty("tandem.sip.tls-port", "0")
                .withProperty("tandem.media.rtp-port-min", "30000")
                .withProperty("tandem.media.rtp-port-max", "30100")
                .withProperty("server.port", "80");
        // the modules above name their own ports (the appliance: HTTPS, then TFTP); 0 is a service turned off
        List<ServicePorts> modules = List.of(
                () -> ServicePorts.listening("https", "tcp", 8443),
                () -> ServicePorts.listening("tftp", "udp", 69),
                () -> ServicePorts.listening("off", "udp", 0));
        Firewall firewall = new Firewall(network, ssh, config, modules);

        FirewallState state = firewall.now();
        assertThat(state.policy()).as("no report yet").isEqualTo("unknown");
        assertThat(state.openings())
                .containsExactly(
                        new FirewallState.Opening("sip", "udp", "5070"),
                        new FirewallState.Opening("sip", "tcp", "5070"),
                        new FirewallState.Opening("rtp", "udp", "30000-30100"),
                        new FirewallState.Opening("stun", "udp", "3478"),
                        new FirewallState.Opening("http", "tcp", "80"),
                        new FirewallState.Opening("https", "tcp", "8443"),
                        new FirewallState.Opening("tftp", "udp", "69"));

        ssh.switchTo(true);
        Files.writeString(dir.resolve("state/firewall-status"), "active\n");
        assertThat(firewall.now().policy()).isEqualTo("active");
        assertThat(firewall.now().openings()).endsWith(new FirewallState.Opening("ssh", "tcp", "22"));

        // the rules come from the same list: the helper gets every opening but SSH's (the SSH switch's own)
        network.requestPorts(firewall.servicePorts());
        assertThat(spool.resolve("ports"))
                .hasContent("udp 5070 sip\ntcp 5070 sip\nudp 30000-30100 rtp\n"
                        + "udp 3478 stun\ntcp 80 http\ntcp 8443 https\nudp 69 tftp\n");
        assertThat(firewall.now().openings())
                .containsAll(firewall.servicePorts())
                .hasSize(8);

        network.requestReport();
        assertThat(spool.resolve("report")).exists();
        assertThat(new Firewall(network(null), ssh, config, modules).now().policy())
                .as("not the appliance's OS")
                .isEqualTo("unknown");
    }
}
