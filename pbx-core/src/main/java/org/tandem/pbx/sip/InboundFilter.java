package org.tandem.pbx.sip;

/** Decides, before any parsing work or transaction is spent on it, whether a source may be served. */
public interface InboundFilter {

    /** false = silently drop everything from this address (e.g. banned). Must be O(1), non-blocking. */
    boolean admit(String sourceAddress);
}
