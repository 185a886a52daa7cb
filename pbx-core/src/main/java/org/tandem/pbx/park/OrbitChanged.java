package org.tandem.pbx.park;

/**
 * A park orbit was taken or freed: what a busy lamp on the orbit shows (presence). Raised on the stripe of the
 * call that changed it; listeners must not block.
 *
 * @param orbit  the orbit number, e.g. {@code 701}
 * @param parked the call now waiting there, or null when the orbit is free
 */
public record OrbitChanged(String orbit, ParkedCallView parked) {}
