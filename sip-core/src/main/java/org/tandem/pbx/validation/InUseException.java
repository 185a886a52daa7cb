package org.tandem.pbx.validation;

import java.util.List;

/**
 * Something cannot be removed because other configuration still names it (REST: 409); {@link #users()} says what,
 * e.g. "IVR menu main (greeting)", so the admin knows what to change first.
 */
public class InUseException extends RuntimeException {

    private final List<String> users;

    public InUseException(String what, List<String> users) {
        super(what + " is in use by " + String.join(", ", users));
        this.users = List.copyOf(users);
    }

    public List<String> users() {
        return users;
    }
}
