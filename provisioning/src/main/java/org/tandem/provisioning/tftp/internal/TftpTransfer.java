package org.tandem.provisioning.tftp.internal;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import org.apache.commons.net.tftp.TFTPAckPacket;
import org.apache.commons.net.tftp.TFTPDataPacket;
import org.apache.commons.net.tftp.TFTPPacket;
import org.apache.commons.net.tftp.TFTPPacketException;

/**
 * Sends one file to one client (RFC 1350 §4): from a new port of our own (the transfer's TID), 512-byte
 * blocks, each sent again until acknowledged (at most {@link #RETRIES} times), a short last block ends it.
 * Until the client has acknowledged a block, every datagram is paid for from its {@link TftpRateLimit} budget of
 * unverified bytes: a forged request's address never acknowledges, so it gets only what that budget allows.
 */
public final class TftpTransfer {

    static final int RETRIES = 5;
    static final int ACK_TIMEOUT_MS = 1000;

    private TftpTransfer() {}

    /** Without a budget (every block may be retried). */
    public static boolean send(InetAddress bindAddress, InetAddress client, int clientPort, byte[] file)
            throws IOException {
        return send(bindAddress, client, clientPort, file, null);
    }

    /**
     * @param limit whose unverified-bytes budget pays for datagrams sent before the first acknowledgement; null:
     *              no budget
     * @return true when every block was acknowledged
     */
    public static boolean send(
            InetAddress bindAddress, InetAddress client, int clientPort, byte[] file, TftpRateLimit limit)
            throws IOException {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(bindAddress, 0))) {
            socket.setSoTimeout(ACK_TIMEOUT_MS);
            int blocks = file.length / TFTPDataPacket.MAX_DATA_LENGTH + 1;
            byte[] buffer = new byte[TFTPPacket.SEGMENT_SIZE + 4];
            for (int block = 1; block <= blocks; block++) {
                int offset = (block - 1) * TFTPDataPacket.MAX_DATA_LENGTH;
                int length = Math.min(TFTPDataPacket.MAX_DATA_LENGTH, file.length - offset);
                // block numbers wrap at 65535 (files > 32 MB); configuration files never get there
                DatagramPacket data =
                        new TFTPDataPacket(client, clientPort, block & 0xffff, file, offset, length).newDatagram();
                TftpRateLimit budget = block == 1 ? limit : null; // an ACK of block 1 proves the round trip
                if (!sendUntilAcked(socket, data, client, clientPort, block & 0xffff, buffer, budget)) return false;
            }
            return true;
        }
    }

    private static boolean sendUntilAcked(
            DatagramSocket socket,
            DatagramPacket data,
            InetAddress client,
            int clientPort,
            int block,
            byte[] buffer,
            TftpRateLimit budget)
            throws IOException {
        for (int attempt = 0; attempt < RETRIES; attempt++) {
            if (budget != null && !budget.spendUnverified(client, data.getLength())) return false;
            socket.send(data);
            long deadline = System.nanoTime() + ACK_TIMEOUT_MS * 1_000_000L;
            while (System.nanoTime() < deadline) {
                DatagramPacket in = new DatagramPacket(buffer, buffer.length);
                try {
                    socket.receive(in);
                } catch (SocketTimeoutException e) {
                    break;
                }
                // RFC 1350 §4: packets from another TID are not ours
                if (!in.getAddress().equals(client) || in.getPort() != clientPort) continue;
                try {
                    TFTPPacket p = TFTPPacket.newTFTPPacket(in);
                    if (p instanceof TFTPAckPacket ack && ack.getBlockNumber() == block) return true;
                    if (p.getType() == TFTPPacket.ERROR) return false;
                } catch (TFTPPacketException e) {
                    // garbage: keep waiting for the ACK
                }
            }
        }
        return false;
    }
}
