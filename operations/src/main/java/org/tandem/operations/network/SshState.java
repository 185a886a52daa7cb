package org.tandem.operations.network;

/**
 * SSH access to the appliance (issue 21, item 4) as the Network page and {@code GET /api/v1/system/network/ssh} show
 * it: for the admin account made at install, never for root; off unless switched on.
 *
 * @param managed   true where Tandem's root helper switches SSH (installed from the .deb or ISO)
 * @param installed true where openssh-server is installed; false: the operating system's admin manages SSH, Tandem
 *                  changes nothing
 * @param enabled   the switch as saved last (off until an admin turns it on)
 * @param outcome   what the root helper reported last: {@code applied on}, {@code applied off}, {@code failed REASON},
 *                  {@code refused REASON}, {@code not-installed}; empty before the first switch
 */
public record SshState(boolean managed, boolean installed, boolean enabled, String outcome) {}
