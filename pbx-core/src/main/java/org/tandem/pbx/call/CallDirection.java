package org.tandem.pbx.call;

/** Which way a call crosses the PBX's edge. */
public enum CallDirection {
    /** From a local extension (or a service) to a local destination. */
    INTERNAL,
    /** Came in from a SIP trunk. */
    INBOUND,
    /** A local extension called an external number, out through a trunk. */
    OUTBOUND
}
