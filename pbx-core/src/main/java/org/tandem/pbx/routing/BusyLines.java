package org.tandem.pbx.routing;

/**
 * Which extensions are in an answered call now, from the proxy's dialog events: for "busy when any device is in a
 * call" and for queues, which skip a busy agent. Answers from memory (on SIP stripes too).
 */
public interface BusyLines {

    boolean inCall(String extension);
}
