package org.tandem.media.relay;

/** {@code tandem.media.relay}: when calls are anchored in the relay. */
public enum RelayMode {
    /** When a party is behind NAT or outside the local networks, and for trunks to providers outside them. */
    AUTO,
    /** Every call between two parties (media services already terminate media). */
    ALWAYS,
    /** Never: phones send media to each other directly (all on one LAN, no NAT). */
    NEVER
}
