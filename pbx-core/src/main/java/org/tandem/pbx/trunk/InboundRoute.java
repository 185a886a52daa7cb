package org.tandem.pbx.trunk;

/**
 * Calls from any trunk to {@code did} go to {@code destination} ({@link org.tandem.pbx.routing.Destination}
 * text form, e.g. {@code extension:201}).
 */
public record InboundRoute(String did, String destination) {}
