package org.tandem.appliance.blackbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/**
 * Loopback ports that are free right now, for UDP and TCP alike (SIP listens on both with one
 * number). Ports handed out once are not handed out again by this JVM, so two peers of one test never
 * collide with each other.
 */
public final class FreePorts {

    private static final Set<Integer> GIVEN = new HashSet<>();

    private FreePorts() {
    }

    /** A port free on 127.0.0.1 for both TCP and UDP. */
    public static synchronized int udpAndTcp() {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        for (int attempt = 0; attempt < 200; attempt++) {
            try (ServerSocket tcp = new ServerSocket()) {
                tcp.setReuseAddress(false);
                tcp.bind(new InetSocketAddress(loopback, 0));
                int port = tcp.getLocalPort();
                if (GIVEN.contains(port)) continue;
                try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(loopback, port))) {
                    GIVEN.add(port);
                    return port;
                } catch (IOException busyForUdp) {
                    // try another
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot bind any loopback port", e);
            }
        }
        throw new IllegalStateException("No port free for both UDP and TCP on 127.0.0.1 after 200 attempts");
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
