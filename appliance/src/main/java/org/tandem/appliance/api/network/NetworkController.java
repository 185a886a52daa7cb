package org.tandem.appliance.api.network;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.tandem.operations.network.Firewall;
import org.tandem.operations.network.FirewallState;
import org.tandem.operations.network.NetworkSettings;
import org.tandem.operations.network.NetworkSetup;
import org.tandem.operations.network.NetworkState;
import org.tandem.operations.network.SshAccess;
import org.tandem.operations.network.SshState;
import org.tandem.pbx.validation.InvalidInputException;

/**
 * The appliance's network (issue 21): {@code GET /api/v1/system/network} shows the settings and the address in force;
 * {@code PUT} applies DHCP or a static address, DNS, host name and NTP servers (400 naming each bad field, 409 where
 * the operating system manages the network); {@code POST .../confirm} keeps a static address, and only when the request
 * arrived at that new address (409 otherwise): unconfirmed, it is rolled back after two minutes.
 * {@code GET|PUT .../ssh} shows and switches SSH access ({@code {"enabled":true}}; 409 where openssh-server is not
 * installed or the operating system manages the machine); {@code GET .../firewall} lists what the firewall opens and
 * whether its policy is active (issue 21, items 4 and 9). Admins only, as all of {@code /api/v1}.
 */
@RestController
public class NetworkController {

    private final NetworkSetup network;
    private final SshAccess ssh;
    private final Firewall firewall;

    public NetworkController(NetworkSetup network, SshAccess ssh, Firewall firewall) {
        this.network = network;
        this.ssh = ssh;
        this.firewall = firewall;
    }

    /** The body of {@code PUT .../ssh}. @param enabled true: SSH on; false: off */
    public record SshSwitch(Boolean enabled) {}

    @GetMapping(path = "/api/v1/system/network", produces = "application/json")
    public NetworkState get() {
        return network.now();
    }

    @PutMapping(path = "/api/v1/system/network", consumes = "application/json", produces = "application/json")
    public NetworkState put(@RequestBody NetworkSettings settings) {
        return network.apply(settings);
    }

    @PostMapping(path = "/api/v1/system/network/confirm", produces = "application/json")
    public NetworkState confirm(HttpServletRequest request) {
        return network.confirm(request.getLocalAddr());
    }

    @GetMapping(path = "/api/v1/system/network/ssh", produces = "application/json")
    public SshState ssh() {
        return ssh.now();
    }

    @PutMapping(path = "/api/v1/system/network/ssh", consumes = "application/json", produces = "application/json")
    public SshState switchSsh(@RequestBody SshSwitch request) {
        if (request == null || request.enabled() == null) {
            throw new InvalidInputException("enabled", "network.ssh-enabled");
        }
        return ssh.switchTo(request.enabled());
    }

    @GetMapping(path = "/api/v1/system/network/firewall", produces = "application/json")
    public FirewallState firewall() {
        return firewall.now();
    }
}
