package org.tandem.appliance.startup;

/**
 * The appliance cannot start because of its surroundings (a port taken, a directory not writable).
 * {@code problem} says what happened, {@code action} what the person should do; both are shown as one line.
 */
public class StartupCheckException extends RuntimeException {

    private final String action;

    public StartupCheckException(String problem, String action, Throwable cause) {
        super(problem, cause);
        this.action = action;
    }

    public String problem() {
        return getMessage();
    }

    public String action() {
        return action;
    }
}
