package org.tandem.provisioning.tftp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.net.tftp.TFTPAckPacket;
import org.apache.commons.net.tftp.TFTPDataPacket;
import org.apache.commons.net.tftp.TFTPPacket;
import org.junit.jupiter.api.Test;

/**
 * Issue 22 (Low): a TFTP answer is ~100 times its request, and a request's source address can be forged. Requests
 * per source are limited, and so are the bytes sent to an address that has not acknowledged anything.
 */
class TftpRateLimitTest {

    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    final AtomicLong clock = new AtomicLong();

    @Test
    void requestsBeyondTheBurstAreDroppedUntilTokensComeBack() throws Exception {
        TftpRateLimit limit = new TftpRateLimit(2, 10, 8192, 32768, clock::get);
        InetAddress victim = InetAddress.getByName("192.0.2.7");
        int admitted = 0;
        for (int i = 0; i < 1000; i++) if (limit.admitRequest(victim)) admitted++;
        assertThat(admitted).isEqualTo(10);
        assertThat(limit.admitRequest(InetAddress.getByName("192.0.2.8")))
                .as("another address")
                .isTrue();
        clock.addAndGet(1_000_000_000L); // one second: two more
        assertThat(limit.admitRequest(victim)).isTrue();
        assertThat(limit.admitRequest(victim)).isTrue();
        assertThat(limit.admitRequest(victim)).isFalse();
    }

    /** A forged request: its address never acknowledges. Before, it got the first block five times (2,580 bytes). */
    @Test
    void anAddressThatNeverAcknowledgesGetsOnlyItsBudget() throws Exception {
        TftpRateLimit limit = new TftpRateLimit(2, 10, 1, 1100, clock::get); // two 516-byte datagrams
        try (DatagramSocket victim = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            victim.setSoTimeout(200);
            CompletableFuture<Boolean> sent =
                    CompletableFuture.supplyAsync(() -> send(victim.getLocalPort(), new byte[10_000], limit));
            long received = 0;
            byte[] buf = new byte[1024];
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
            while (System.nanoTime() < end && !(sent.isDone() && received > 0)) {
                try {
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    victim.receive(p);
                    received += p.getLength();
                } catch (SocketTimeoutException e) {
                    // keep listening until the transfer gives up
                }
            }
            assertThat(sent.get(10, TimeUnit.SECONDS)).isFalse();
            assertThat(received).isEqualTo(2 * 516);
        }
    }

    /** A real phone acknowledges: after its first ACK, the rest of the file is not counted against the budget. */
    @Test
    void aClientThatAcknowledgesGetsTheWholeFile() throws Exception {
        TftpRateLimit limit = new TftpRateLimit(2, 10, 1, 600, clock::get); // one datagram unverified
        byte[] file = new byte[5_000];
        for (int i = 0; i < file.length; i++) file[i] = (byte) i;
        try (DatagramSocket phone = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            phone.setSoTimeout(3000);
            CompletableFuture<Boolean> sent =
                    CompletableFuture.supplyAsync(() -> send(phone.getLocalPort(), file, limit));
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[1024];
            for (int block = 1; block <= 10; block++) {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                phone.receive(p);
                TFTPDataPacket data = (TFTPDataPacket) TFTPPacket.newTFTPPacket(p);
                got.write(data.getData(), data.getDataOffset(), data.getDataLength());
                phone.send(new TFTPAckPacket(p.getAddress(), p.getPort(), data.getBlockNumber()).newDatagram());
                if (data.getDataLength() < TFTPDataPacket.MAX_DATA_LENGTH) break;
            }
            assertThat(sent.get(10, TimeUnit.SECONDS)).isTrue();
            assertThat(got.toByteArray()).isEqualTo(file);
        }
    }

    private static boolean send(int port, byte[] file, TftpRateLimit limit) {
        try {
            return TftpTransfer.send(LOOPBACK, LOOPBACK, port, file, limit);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
