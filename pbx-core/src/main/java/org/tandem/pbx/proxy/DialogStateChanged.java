package org.tandem.pbx.proxy;

/**
 * A dialog of a local extension changed state, as seen by the proxy (RFC 4235 dialog states:
 * early, confirmed, terminated). Raised on the call's Call-ID stripe; listeners must not block.
 * The presence feature turns these into dialog-info NOTIFYs for BLF keys.
 *
 * @param callId    the dialog's Call-ID
 * @param extension the local extension taking part in it
 * @param state     its new state
 * @param direction whether {@code extension} placed the call (initiator) or received it (recipient)
 */
public record DialogStateChanged(String callId, String extension, State state, Direction direction) {

    public enum State { EARLY, CONFIRMED, TERMINATED }

    public enum Direction { INITIATOR, RECIPIENT }
}
