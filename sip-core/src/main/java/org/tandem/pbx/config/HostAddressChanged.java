package org.tandem.pbx.config;

/**
 * The host's address changed (DHCP answered late, the lease moved, an admin set a static address): from now on SIP,
 * SDP and provisioning name {@code current} unless an address is configured (issue 21).
 *
 * @param previous the address named until now (127.0.0.1 while the host had none)
 * @param current  the address named from now on
 */
public record HostAddressChanged(String previous, String current) {}
