package org.tandem.appliance.api;

/** Allow-list and account lockout API on the default H2 database. */
class AdminSecurityApiH2IT extends AbstractAdminSecurityApiIT {}
