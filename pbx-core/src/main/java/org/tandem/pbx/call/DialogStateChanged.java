package org.tandem.pbx.call;

import java.util.Locale;

/**
 * A dialog of a local extension changed state, as seen by the proxy (RFC 4235 §3.7.1 dialog states:
 * trying, early, confirmed, terminated). Raised on the call's Call-ID stripe; listeners must not block.
 * The presence feature turns these into dialog-info NOTIFYs for BLF keys.
 *
 * @param callId    the dialog's Call-ID
 * @param extension the local extension taking part in it
 * @param state     its new state
 * @param direction whether {@code extension} placed the call (initiator) or received it (recipient)
 * @param details   what a watcher needs to show and pick up the call; never null (fields may be)
 */
public record DialogStateChanged(String callId, String extension, State state, Direction direction, Details details)
        implements CallEvent {

    public enum State {
        TRYING,
        EARLY,
        CONFIRMED,
        TERMINATED;

        private final String rfc4235 = name().toLowerCase(Locale.ROOT);

        /** The state as a dialog-info document writes it (RFC 4235 §4.1.2), made once, not per event. */
        public String rfc4235() {
            return rfc4235;
        }
    }

    public enum Direction {
        INITIATOR,
        RECIPIENT;

        private final String rfc4235 = name().toLowerCase(Locale.ROOT);

        /** The direction attribute of a dialog-info document's dialog (RFC 4235 §4.1.6), made once. */
        public String rfc4235() {
            return rfc4235;
        }
    }

    /**
     * The dialog from {@code extension}'s side (RFC 4235 §4.1.6): its tags, the other party.
     *
     * @param localTag      the tag of {@code extension}'s end (From tag of the caller, To tag of the callee);
     *                      null while no dialog exists yet (trying)
     * @param remoteTag     the other end's tag, or null
     * @param remoteUri     the other party's address (caller's From, or the number dialled), or null
     * @param remoteDisplay the other party's display name, or null
     * @param ringGroup     the ring group number the call reached {@code extension} through, or null
     * @param reason        for terminated: RFC 4235 §4.1.3 event (cancelled, rejected, replaced, local-bye,
     *                      remote-bye, error, timeout), or null
     */
    public record Details(
            String localTag,
            String remoteTag,
            String remoteUri,
            String remoteDisplay,
            String ringGroup,
            String reason) {

        public static final Details NONE = new Details(null, null, null, null, null, null);

        public Details withReason(String why) {
            return new Details(localTag, remoteTag, remoteUri, remoteDisplay, ringGroup, why);
        }
    }

    public DialogStateChanged(String callId, String extension, State state, Direction direction) {
        this(callId, extension, state, direction, Details.NONE);
    }

    public DialogStateChanged {
        if (details == null) details = Details.NONE;
    }

    @Override
    public void deliverTo(CallListener listener) {
        listener.on(this);
    }
}
