package org.tandem.pbx.proxy;

/** The dial plan scenarios on the default H2 database. */
class RoutingCallH2IT extends AbstractRoutingCallIT {}
