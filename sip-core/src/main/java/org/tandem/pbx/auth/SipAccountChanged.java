package org.tandem.pbx.auth;

/**
 * An event: a SIP account was created, changed or deleted. The digest check forgets the account's cached HA1 and
 * the registrar removes a deleted account's bindings. A port of the SIP core: the PBX's user directory publishes
 * its {@code directory.UserChanged}, which is one.
 */
public interface SipAccountChanged {

    /** The account's user name (an extension). */
    String extension();

    /** True when the account no longer exists. */
    boolean deleted();
}
