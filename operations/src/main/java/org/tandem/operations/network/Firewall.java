package org.tandem.operations.network;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.tandem.media.MediaProperties;
import org.tandem.media.stun.StunProperties;
import org.tandem.pbx.config.WebServerPort;
import org.tandem.pbx.sip.SipProperties;

/**
 * The appliance's firewall as an admin sees it (issue 21, item 9): the ISO ships an nftables policy that drops
 * everything but what the appliance serves, and opens SSH's TCP 22 only while SSH is switched on ({@link SshAccess}).
 * The list is made from the same configuration the appliance listens by (the SIP, RTP, STUN, web and TFTP ports), so
 * it names what a phone or browser needs to reach; the policy's state is the root helper's report
 * ({@code firewall-status}), "unknown" where Tandem does not manage the machine. The rules come from the same list:
 * at each start Tandem hands {@link #servicePorts()} to the root helper, which writes them into the policy
 * ({@code /etc/nftables.d/tandem-ports.nft}), so a port moved in {@code /etc/tandem/application.yml} is opened (and
 * the old one closed) by the restart that makes Tandem listen there. The ports are bound to the features' properties
 * records, with their defaults (issue 14); HTTPS's and TFTP's belong to modules above this one, which name them
 * through {@link ServicePorts} beans as they really listen (defaults and the former provisioning HTTPS port included).
 */
public class Firewall {

    private final NetworkSetup network;
    private final SshAccess ssh;
    private final Environment config;
    private final List<ServicePorts> modules;

    public Firewall(NetworkSetup network, SshAccess ssh, Environment config, List<ServicePorts> modules) {
        this.network = network;
        this.ssh = ssh;
        this.config = config;
        this.modules = List.copyOf(modules);
    }

    public FirewallState now() {
        String report = network.managed() ? network.report("firewall-status") : "";
        String policy = List.of("active", "inactive", "absent").contains(report) ? report : "unknown";
        List<FirewallState.Opening> open = new ArrayList<>(servicePorts());
        SshState s = ssh.now();
        if (s.managed() && s.installed() && s.enabled()) add(open, "ssh", "tcp", 22);
        return new FirewallState(policy, open);
    }

    /** What the appliance's services listen on, from its configuration: every opening but SSH's (the SSH switch's). */
    public List<FirewallState.Opening> servicePorts() {
        List<FirewallState.Opening> open = new ArrayList<>();
        Binder binder = Binder.get(config);
        SipProperties sip = binder.bindOrCreate("tandem.sip", SipProperties.class);
        MediaProperties media = binder.bindOrCreate("tandem.media", MediaProperties.class);
        open.add(new FirewallState.Opening("sip", "udp", String.valueOf(sip.port())));
        open.add(new FirewallState.Opening("sip", "tcp", String.valueOf(sip.port())));
        add(open, "sip-tls", "tcp", sip.tlsPort());
        open.add(new FirewallState.Opening("rtp", "udp", media.rtpPortMin() + "-" + media.rtpPortMax()));
        add(
                open,
                "stun",
                "udp",
                binder.bindOrCreate("tandem.stun", StunProperties.class).port());
        // the port the web server took (server.port=0 picks a free one), else the one it is told
        add(open, "http", "tcp", WebServerPort.listening(config));
        for (ServicePorts module : modules) open.addAll(module.openings());
        return open;
    }

    /** A port of 0 is a service turned off: nothing to open. */
    private static void add(List<FirewallState.Opening> open, String service, String protocol, int port) {
        if (port > 0) open.add(new FirewallState.Opening(service, protocol, String.valueOf(port)));
    }
}
