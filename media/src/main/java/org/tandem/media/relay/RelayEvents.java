package org.tandem.media.relay;

/** What a relayed call tells its owner; runs on the executor given to {@link MediaRelay#open}. */
public interface RelayEvents {

    /**
     * No RTP from {@code side}'s party for {@code tandem.media.dead-stream-timeout} while it was not held: the owner
     * should hang up both legs (BYE) and record why. Reported once per call.
     */
    default void streamDead(Side side) {}

    /**
     * The DTLS-SRTP handshake with {@code side}'s party failed (or never came within its time): no media can flow on
     * that face, so the owner should hang up and record why. Reported once per handshake.
     */
    default void dtlsFailed(Side side, String reason) {}
}
