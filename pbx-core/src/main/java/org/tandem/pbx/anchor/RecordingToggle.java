package org.tandem.pbx.anchor;

/**
 * What came of an operator's Record or Stop recording on a call (issue 18): the on-demand recording the parties' key
 * code ({@code *1}) starts and stops, started from the operator panel. Each outcome says it in words a person reads.
 */
public enum RecordingToggle {
    STARTED("Recording started"),
    STOPPED("Recording stopped: it is listed under Recordings"),
    ALREADY_RECORDING("This call is being recorded already"),
    NOT_RECORDING("This call is not being recorded"),
    NO_CALL("That call has ended"),
    NOT_ANCHORED(
            "Cannot record this call: its audio goes straight between the phones, not through Tandem's media relay "
                    + "(tandem.media.relay=auto lets it; set it to always, or give the users a recording rule, "
                    + "so calls pass the relay)"),
    NOT_ANSWERED("Cannot record yet: the call has not been answered"),
    NOT_G711("Cannot record this call: its phones talk a codec other than G.711, which the recorder cannot decode"),
    DISK_LOW("Cannot record: the recordings' disk is almost full");

    private final String message;

    RecordingToggle(String message) {
        this.message = message;
    }

    /** The outcome in words, for the operator. */
    public String message() {
        return message;
    }

    /** Whether the recording now runs or stopped as asked. */
    public boolean done() {
        return this == STARTED || this == STOPPED;
    }
}
