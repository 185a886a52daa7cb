package org.tandem.appliance.api;

/** The API contract on the default embedded H2 database under the data dir. */
class ApiH2IT extends AbstractApiIT {}
