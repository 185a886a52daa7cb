package org.tandem.media.relay;

/** One relayed call: two legs, {@link Side#CALLER} and {@link Side#CALLEE}, each facing one party. */
public interface RelayCall extends AutoCloseable {

    /** The relay's face towards {@code side}'s party. Packets that party sends to it go out of the other leg. */
    RelayLeg leg(Side side);

    String callId();

    boolean isClosed();

    /** Stops forwarding and frees both legs' ports. Idempotent. */
    @Override
    void close();
}
