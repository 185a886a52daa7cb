package org.tandem.appliance.api;

/** The call-routing API on the default embedded H2 database. */
class RoutingApiH2IT extends RoutingApiContract {}
