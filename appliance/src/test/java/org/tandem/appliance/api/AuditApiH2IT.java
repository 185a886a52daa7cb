package org.tandem.appliance.api;

/** The audit log API on the default embedded H2 database. */
class AuditApiH2IT extends AuditApiContract {}
