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
 */
public final class FreePorts {

    private static final java.util.Set<Integer> GIVEN = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private FreePorts() {
    }

    public static int udpAndTcp() {
        for (int attempt = 0; attempt < 200; attempt++) {
            try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                int port = tcp.getLocalPort();
                if (!GIVEN.add(port)) continue;
                try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
                    return port;
                } catch (IOException inUse) {
                    // try another
                }
            } catch (IOException e) {
                throw new IllegalStateException("Cannot probe free ports", e);
            }
        }
        throw new IllegalStateException("No port free for both UDP and TCP on 127.0.0.1");
    }

    /**
     * The first of four consecutive ports free on 127.0.0.1 for UDP, for SIPp's {@code -mp}: it binds the audio RTP
     * port, RTCP next to it, and the video pair two above, even when it plays nothing. A single free port was not
     * enough: the video port two above it was once another peer's SIP port ("Unable to bind video RTP socket").
     */
    public static synchronized int mediaBlock() {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        for (int attempt = 0; attempt < 200; attempt++) {
            int base;
            try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(loopback, 0))) {
                base = probe.getLocalPort();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("Cannot bind any loopback port", e);
            }
            if (base + 3 > 65535) continue;
            boolean free = true;
            java.util.List<DatagramSocket> held = new java.util.ArrayList<>();
            try {
                for (int p = base; p < base + 4 && free; p++) {
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
            for (int p = base; p < base + 4; p++) GIVEN.add(p);
            return base;
        }
        throw new IllegalStateException("No four consecutive UDP ports free on 127.0.0.1 after 200 attempts");
    }
}
