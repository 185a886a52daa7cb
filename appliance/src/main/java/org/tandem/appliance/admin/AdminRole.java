package org.tandem.appliance.admin;

/** What an admin account may do through the API (and, later, the web UI). */
public enum AdminRole {
    /** Reads and changes everything. */
    ADMIN,
    /** Reads everything, changes nothing (a monitoring system, a second pair of eyes). */
    OPERATOR,
    /**
     * The front desk (issue 15): the operator panel — who is on the phone, ringing, away — and its call actions
     * (hang up, click-to-call); no configuration, not even to read.
     */
    RECEPTIONIST
}
