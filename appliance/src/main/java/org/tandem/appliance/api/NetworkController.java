package org.tandem.appliance.api;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.tandem.pbx.network.NetworkSettings;
import org.tandem.pbx.network.NetworkSetup;
import org.tandem.pbx.network.NetworkState;

/**
 * The appliance's network (issue 21): {@code GET /api/v1/system/network} shows the settings and the address in force;
 * {@code PUT} applies DHCP or a static address, DNS, host name and NTP servers (400 naming each bad field, 409 where
 * the operating system manages the network); {@code POST .../confirm} keeps a static address, and only when the request
 * arrived at that new address (409 otherwise): unconfirmed, it is rolled back after two minutes.
 */
@RestController
public class NetworkController {

    private final NetworkSetup network;

    public NetworkController(NetworkSetup network) {
        this.network = network;
    }

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
}
