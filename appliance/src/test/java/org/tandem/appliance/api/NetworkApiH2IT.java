package org.tandem.appliance.api;

/** The network settings over the API on the default embedded H2 database. */
class NetworkApiH2IT extends NetworkApiContract {}
