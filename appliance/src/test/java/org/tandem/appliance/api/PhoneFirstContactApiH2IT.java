package org.tandem.appliance.api;

/** A phone's first contact and its provisioning credentials on the default embedded H2 database. */
class PhoneFirstContactApiH2IT extends PhoneFirstContactApiContract {}
