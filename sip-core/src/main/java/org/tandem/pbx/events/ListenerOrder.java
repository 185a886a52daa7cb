package org.tandem.pbx.events;

/**
 * The {@code @Order} of the listeners of a typed event port ({@link Listeners}): what other features read on the SIP
 * path changes first, then the records, then what tells phones and people. So a phone that a lamp's NOTIFY makes
 * call (a BLF pickup) already finds the line busy, and a record never lags what the operator panel shows.
 */
public final class ListenerOrder {

    /** State read on the SIP path: the busy lines, the proxy's dialogs of calls a service answered. */
    public static final int STATE = 100;
    /** Records and figures: the CDR hand-off, queue and relay metrics. */
    public static final int RECORDS = 200;
    /** What tells phones and people: BLF and presence NOTIFYs, the operator panel, the dashboard, stored messages. */
    public static final int NOTIFY = 300;

    private ListenerOrder() {}
}
