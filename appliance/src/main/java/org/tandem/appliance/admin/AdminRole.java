package org.tandem.appliance.admin;

/** What an admin account may do through the API (and, later, the web UI). */
public enum AdminRole {
    /** Reads and changes everything. */
    ADMIN,
    /** Reads everything, changes nothing (a receptionist or a monitoring system). */
    OPERATOR
}
