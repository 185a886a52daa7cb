package org.tandem.media.internal;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketAddress;
import java.net.SocketException;

/**
 * A UDP socket that tells its session where each datagram came from. libjitsi reads our sockets itself and hands on
 * only the packet, so this is where the engine learns a party's real address behind NAT (symmetric RTP, as the relay
 * does for proxied calls). One volatile read per datagram when nobody watches.
 */
final class SourceWatchingSocket extends DatagramSocket {

    /** Told the source of every datagram received, on libjitsi's receive thread. */
    interface Watcher {
        void received(InetAddress address, int port);
    }

    private volatile Watcher watcher;

    SourceWatchingSocket() throws SocketException {
        super((SocketAddress) null); // unbound: PortAllocator binds it
    }

    void watch(Watcher w) {
        this.watcher = w;
    }

    @Override
    public void receive(DatagramPacket p) throws IOException {
        super.receive(p);
        Watcher w = watcher;
        if (w != null && p.getAddress() != null) w.received(p.getAddress(), p.getPort());
    }
}
