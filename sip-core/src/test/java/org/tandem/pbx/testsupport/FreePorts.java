package org.tandem.pbx.testsupport;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Ports free on 127.0.0.1 for both UDP and TCP right now (others run tests on this machine too), and
 * never handed out twice in one JVM: a port a finished SIPp used may still receive the server's
 * retransmissions (RFC 3261 §17.2.1 Timer G) for a while, which would abort the next SIPp bound to it.
 *
 * <p>They are drawn from 20000–32767: above the appliance's default RTP range (10000–20000, which the media
 * services and the relay of every test appliance allocate from) and below the kernel's ephemeral range
 * ({@code net.ipv4.ip_local_port_range}, 32768–60999 on Debian). A port the kernel has just given out as "free"
 * (bind to port 0) can be handed out again as the source port of any client connection on the machine (a browser,
 * an HTTP or JDBC client, another build) before the appliance binds it: RegistrationIT's appliance once failed to
 * start with "Address already in use" on such a port.
 */
public final class FreePorts {

    private static final int LOWEST = 20000;
    private static final int HIGHEST = 32767;
    private static final java.util.Set<Integer> GIVEN = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private FreePorts() {}

    public static int udpAndTcp() {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        for (int attempt = 0; attempt < 500; attempt++) {
            int port = candidate(1);
            if (!GIVEN.add(port)) continue;
            try (ServerSocket tcp = new ServerSocket(port, 1, loopback);
                    DatagramSocket udp = new DatagramSocket(new InetSocketAddress(loopback, port))) {
                return port;
            } catch (IOException inUse) {
                // another program has it: try another
            }
        }
        throw new IllegalStateException(
                "No port of " + LOWEST + "-" + HIGHEST + " free for both UDP and TCP on 127.0.0.1");
    }

    /** A random port of the range with {@code count} ports from it inside the range. */
    private static int candidate(int count) {
        return java.util.concurrent.ThreadLocalRandom.current().nextInt(LOWEST, HIGHEST - count + 2);
    }

    /**
     * The first of four consecutive ports free on 127.0.0.1 for UDP, for SIPp's {@code -mp}: it binds the audio RTP
     * port, RTCP next to it, and the video pair two above, even when it plays nothing. A single free port was not
     * enough: the video port two above it was once another peer's SIP port ("Unable to bind video RTP socket").
     */
    public static int mediaBlock() {
        return udpBlock(4);
    }

    /** The first of {@code count} consecutive ports free on 127.0.0.1 for UDP (e.g. a TURN server's relay range). */
    public static synchronized int udpBlock(int count) {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        for (int attempt = 0; attempt < 200; attempt++) {
            int base = candidate(count);
            boolean free = true;
            java.util.List<DatagramSocket> held = new java.util.ArrayList<>();
            try {
                for (int p = base; p < base + count && free; p++) {
                    if (GIVEN.contains(p)) {
                        free = false;
                        break;
                    }
                    try {
                        held.add(new DatagramSocket(new InetSocketAddress(loopback, p)));
                    } catch (IOException busy) {
                        free = false;
                    }
                }
            } finally {
                held.forEach(DatagramSocket::close);
            }
            if (!free) continue;
            for (int p = base; p < base + count; p++) GIVEN.add(p);
            return base;
        }
        throw new IllegalStateException("No " + count + " consecutive UDP ports of " + LOWEST + "-" + HIGHEST
                + " free on 127.0.0.1 after 200 attempts");
    }
}
