package org.tandem.appliance.blackbox;

/**
 * Loopback ports that are free right now, for UDP and TCP alike (SIP listens on both with one number), and never
 * handed out twice in one JVM. pbx-core's test support keeps the one record of ports given in this JVM, so SIPp media
 * blocks and SIP ports of the black-box tests never collide with each other.
 */
public final class FreePorts {

    private FreePorts() {}

    /** A port free on 127.0.0.1 for both TCP and UDP. */
    public static int udpAndTcp() {
        return org.tandem.pbx.testsupport.FreePorts.udpAndTcp();
    }

    /** The first of four consecutive free UDP ports, for SIPp's {@code -mp} (see pbx-core's FreePorts). */
    public static int mediaBlock() {
        return org.tandem.pbx.testsupport.FreePorts.mediaBlock();
    }

    /** The first of {@code count} consecutive free UDP ports (see pbx-core's FreePorts). */
    public static int udpBlock(int count) {
        return org.tandem.pbx.testsupport.FreePorts.udpBlock(count);
    }
}
