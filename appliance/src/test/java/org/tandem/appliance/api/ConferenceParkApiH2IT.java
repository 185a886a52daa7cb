package org.tandem.appliance.api;

/** The conference room and park API on the default embedded H2 database. */
class ConferenceParkApiH2IT extends ConferenceParkApiContract {}
