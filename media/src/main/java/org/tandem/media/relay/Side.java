package org.tandem.media.relay;

/** The two parties of a relayed call, as the dialog names them. */
public enum Side {
    CALLER,
    CALLEE;

    public Side other() {
        return this == CALLER ? CALLEE : CALLER;
    }
}
