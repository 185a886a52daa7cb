package org.tandem.pbx.sip;

/** Decides, before any parsing work or transaction is spent on it, whether a source may be served. */
public interface InboundFilter {

    /** false = silently drop everything from this address (e.g. banned). Must be O(1), non-blocking. */
    boolean admit(String sourceAddress);

    /**
     * As {@link #admit(String)}, knowing the transport the request really came over (the message channel's, not
     * what its Via claims): a filter may treat UDP, whose source can be spoofed, differently from TCP/TLS.
     */
    default boolean admit(String sourceAddress, String transport) {
        return admit(sourceAddress);
    }
}
