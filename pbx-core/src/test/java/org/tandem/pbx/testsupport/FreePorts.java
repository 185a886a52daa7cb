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
}
