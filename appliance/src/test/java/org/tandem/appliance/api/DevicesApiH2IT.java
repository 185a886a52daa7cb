package org.tandem.appliance.api;

/** Phones and provisioning on the default embedded H2 database. */
class DevicesApiH2IT extends DevicesApiContract {}
