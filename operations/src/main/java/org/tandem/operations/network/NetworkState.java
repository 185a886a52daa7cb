package org.tandem.operations.network;

import java.time.Instant;

/**
 * The Network page's and {@code GET /api/v1/system/network}'s view (issue 21).
 *
 * @param managed          true where the .deb installed the root helper that applies settings; false in development
 *                         and tests, where the operating system's own tools manage the network
 * @param settings         the settings saved last (DHCP and the host name when none were saved)
 * @param currentAddress   the address the appliance names itself by now (SIP, SDP, provisioning)
 * @param interfaceName    the interface the settings apply to (the one holding that address or the default route)
 * @param pendingAddress   a static address applied but not yet confirmed from itself; null when none
 * @param confirmBefore    when that change is rolled back unless confirmed; null when none
 * @param outcome          what the root helper reported last (applied, pending, confirmed, rolled-back, refused ...)
 */
public record NetworkState(
        boolean managed,
        NetworkSettings settings,
        String currentAddress,
        String interfaceName,
        String pendingAddress,
        Instant confirmBefore,
        String outcome) {}
