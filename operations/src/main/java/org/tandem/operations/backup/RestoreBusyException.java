package org.tandem.operations.backup;

/** A restore is already running (REST: 409). */
public class RestoreBusyException extends RuntimeException {

    public RestoreBusyException() {
        super("A restore is already running; wait for it to finish");
    }
}
