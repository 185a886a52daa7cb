package org.tandem.pbx.directory;

import org.tandem.pbx.auth.SipAccountChanged;

/** Published after a user was created, changed or deleted (then {@code deleted} is true). */
public record UserChanged(String extension, boolean deleted) implements SipAccountChanged {}
