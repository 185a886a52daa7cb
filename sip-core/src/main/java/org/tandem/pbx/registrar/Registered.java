package org.tandem.pbx.registrar;

/**
 * A REGISTER for {@code extension} was saved and answered 200, and the AOR has at least one binding now: a phone
 * of the user is reachable (messages waiting for it can go). Raised on the REGISTER's stripe; listeners must not
 * block.
 */
public record Registered(String extension) {}
