package org.tandem.pbx.routing;

/** When a user with several devices counts as busy. */
public enum BusyPolicy {
    /** Busy as soon as one device is in a call: new calls go straight to the busy handling. */
    ANY,
    /** Busy only when every device answers busy (call waiting on the others). */
    ALL
}
