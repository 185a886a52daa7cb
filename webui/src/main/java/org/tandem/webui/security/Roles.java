package org.tandem.webui.security;

/** The roles a browser session can have (granted as {@code ROLE_<name>}). */
public final class Roles {
    /** Admin account that changes everything. */
    public static final String ADMIN = "ADMIN";
    /** Admin account that only reads. */
    public static final String OPERATOR = "OPERATOR";
    /** Admin account of the front desk: the operator panel only (issue 15). */
    public static final String RECEPTIONIST = "RECEPTIONIST";
    /** A user (extension) in the self-service portal. */
    public static final String USER = "USER";

    private Roles() {}
}
