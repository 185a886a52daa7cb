package org.tandem.operations.network;

import java.util.List;

/**
 * What the appliance's firewall lets in (issue 21, item 9), as the Network page and
 * {@code GET /api/v1/system/network/firewall} show it.
 *
 * @param policy   the nftables policy's state as the root helper reported it: {@code active}, {@code inactive}
 *                 (nftables.service not running), {@code absent} (not Tandem's policy: a .deb on a plain Debian, whose
 *                 own firewall must open these ports), or {@code unknown} (not the appliance's operating system, or no
 *                 report yet)
 * @param openings every port opened for the appliance, from its configured ports; SSH only while it is switched on
 */
public record FirewallState(String policy, List<Opening> openings) {

    /**
     * One opening. @param service {@code sip}, {@code sip-tls}, {@code rtp}, {@code stun}, {@code http},
     * {@code https}, {@code tftp} or {@code ssh} @param protocol {@code udp} or {@code tcp} @param ports a port or a
     * range, e.g. {@code 10000-20000}
     */
    public record Opening(String service, String protocol, String ports) {}
}
