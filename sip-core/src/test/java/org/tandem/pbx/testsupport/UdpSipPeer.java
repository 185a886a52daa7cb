package org.tandem.pbx.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * A SIP endpoint reduced to a UDP socket on 127.0.0.1: tests write requests as text and read the
 * server's answers byte for byte (which is what "the same answer" must be compared on).
 */
public final class UdpSipPeer implements SipPeer {

    private final DatagramSocket socket;
    private final InetSocketAddress server;

    public UdpSipPeer(int serverPort) {
        this(serverPort, InetAddress.getLoopbackAddress().getHostAddress());
    }

    /**
     * A peer whose datagrams come from {@code localAddress} (any of 127.0.0.0/8 on Linux): what a packet with
     * a spoofed source looks like to the server, when the test never reads the answers.
     */
    public UdpSipPeer(int serverPort, String localAddress) {
        try {
            socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server = new InetSocketAddress(InetAddress.getLoopbackAddress(), serverPort);
    }

    @Override
    public int localPort() {
        return socket.getLocalPort();
    }

    @Override
    public void send(String message) {
        byte[] b = message.getBytes(StandardCharsets.UTF_8);
        try {
            socket.send(new DatagramPacket(b, b.length, server));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next message received within {@code timeout}, if any. */
    @Override
    public Optional<SipText> receive(Duration timeout) {
        byte[] buf = new byte[65_536];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        try {
            socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
            socket.receive(p);
            return Optional.of(new SipText(new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8)));
        } catch (SocketTimeoutException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends a request and returns its first final response (skipping 1xx and unrelated requests). */
    @Override
    public SipText exchange(String request) {
        send(request);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<SipText> m = receive(Duration.ofNanos(deadline - System.nanoTime()));
            if (m.isPresent() && m.get().status() >= 200) return m.get();
        }
        throw new AssertionError("No final response to:\n" + request);
    }

    @Override
    public void close() {
        socket.close();
    }
}
