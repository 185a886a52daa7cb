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
}
