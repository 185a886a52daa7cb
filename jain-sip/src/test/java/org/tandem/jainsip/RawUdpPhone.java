package org.tandem.jainsip;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A phone as a raw UDP socket on loopback: sends datagrams to a stack, reads what comes back as text. */
final class RawUdpPhone implements AutoCloseable {

    private final DatagramSocket socket;
    private final Duration wait;

    RawUdpPhone(Duration wait) throws SocketException {
        this.wait = wait;
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        socket.setSoTimeout((int) wait.toMillis());
    }

    int port() {
        return socket.getLocalPort();
    }

    void send(byte[] bytes, int toPort) throws Exception {
        socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), toPort));
    }

    /** The next datagram to the phone, or an AssertionError after the wait. */
    String receive() throws Exception {
        DatagramPacket packet = new DatagramPacket(new byte[4096], 4096);
        try {
            socket.receive(packet);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no response within " + wait, e);
        }
        return new String(packet.getData(), 0, packet.getLength(), StandardCharsets.US_ASCII);
    }

    /** The next final response (a stack may send a 100 Trying first, RFC 3261 §17.2.1). */
    String finalResponse() throws Exception {
        String response = receive();
        while (response.startsWith("SIP/2.0 1")) response = receive();
        return response;
    }

    @Override
    public void close() {
        socket.close();
    }
}
