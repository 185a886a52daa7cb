package org.tandem.media.dtls;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.DTLSServerProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.DatagramTransport;
import org.bouncycastle.tls.TlsFatalAlert;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DTLS handshake of one WebRTC face, as the server (RFC 5763 §5, {@code a=setup:passive}). bctls' DTLS is
 * blocking, so it runs on a thread of {@code executor}, fed by the face's IO thread through a bounded queue
 * ({@link #received}: the relay never waits on it) and sending through {@code sender} to wherever the face sends.
 * When the handshake ends, {@code done} gets the exported SRTP keys, or {@code failed} the reason; afterwards the
 * thread keeps answering retransmitted client flights (our last flight may have been lost, RFC 6347 §4.2.4) until
 * {@link #close} or {@link #LINGER_MILLIS} of quiet.
 */
public final class DtlsHandshake implements AutoCloseable {

    /** Sends one datagram to the party (from the face's port). */
    public interface Sender {
        void send(byte[] datagram, int offset, int length) throws IOException;
    }

    private static final Logger log = LoggerFactory.getLogger(DtlsHandshake.class);
    /** RFC 6347 §4.2.4.1: the handshake gives up after about a minute of retransmissions. */
    static final int HANDSHAKE_MILLIS = 30_000;

    static final int LINGER_MILLIS = 30_000;
    private static final int MTU = 1200; // what WebRTC stacks use; below any path MTU of ours

    private final BlockingQueue<byte[]> inbox = new ArrayBlockingQueue<>(64);
    private final DtlsSrtpServer server;
    private final Sender sender;
    private volatile boolean closed; // by us: the face is gone
    private volatile boolean transportClosed; // by bctls: after a fatal alert

    private DtlsHandshake(DtlsCertificate identity, String peerFingerprint, Sender sender) {
        this.server = new DtlsSrtpServer(identity, peerFingerprint);
        this.sender = sender;
    }

    /**
     * Starts waiting for the client's hello on {@code executor}.
     *
     * @param peerFingerprint the party's a=fingerprint: its certificate must have it (RFC 5763 §6.7.1)
     */
    public static DtlsHandshake start(
            DtlsCertificate identity,
            String peerFingerprint,
            Sender sender,
            Executor executor,
            Consumer<DtlsSrtpKeys> done,
            Consumer<String> failed) {
        DtlsHandshake h = new DtlsHandshake(identity, peerFingerprint, sender);
        try {
            executor.execute(() -> h.run(done, failed));
        } catch (RejectedExecutionException e) {
            failed.accept("no thread free for another DTLS handshake");
        }
        return h;
    }

    /** A DTLS record from the party (RFC 7983: first byte 20-63), handed over by the face's IO thread; never blocks. */
    public void received(byte[] datagram) {
        if (!closed && !inbox.offer(datagram))
            log.debug("DTLS inbox full: a datagram dropped (it will be retransmitted)");
    }

    @Override
    public void close() {
        closed = true;
    }

    private void run(Consumer<DtlsSrtpKeys> done, Consumer<String> failed) {
        Transport transport = new Transport();
        DTLSTransport dtls;
        try {
            dtls = new DTLSServerProtocol().accept(server, transport);
        } catch (IOException | RuntimeException e) {
            if (!closed) {
                failed.accept("DTLS handshake failed: "
                        + (server.fingerprintMismatch()
                                ? "the certificate does not match the a=fingerprint of the party's SDP (RFC 5763 §6.7.1)"
                                : reason(e)));
            }
            return;
        }
        DtlsSrtpKeys keys = server.keys();
        if (keys == null) {
            failed.accept("DTLS handshake ended without SRTP keys");
            return;
        }
        done.accept(keys);
        byte[] buf = new byte[MTU];
        try {
            while (!closed) {
                // answers a retransmitted client flight; nothing else is expected (no application data in WebRTC)
                if (dtls.receive(buf, 0, buf.length, LINGER_MILLIS) < 0) break;
            }
        } catch (IOException | RuntimeException e) {
            log.debug("DTLS after the handshake: {}", e.toString());
        }
    }

    /** A bctls failure in words: its alert's description (e.g. bad_certificate) and what raised it. */
    private static String reason(Throwable e) {
        String text = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        if (e instanceof TlsFatalAlert alert) {
            text = AlertDescription.getText(alert.getAlertDescription())
                    + (alert.getCause() != null ? " (" + alert.getCause().getMessage() + ")" : "");
        }
        return text;
    }

    /** bctls' datagram transport over the inbox and the face's socket. */
    private final class Transport implements DatagramTransport {
        @Override
        public int getReceiveLimit() {
            return MTU;
        }

        @Override
        public int getSendLimit() {
            return MTU - 28; // less IP and UDP headers
        }

        @Override
        public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
            if (closed || transportClosed) throw new IOException("closed");
            try {
                byte[] d = inbox.poll(waitMillis, TimeUnit.MILLISECONDS);
                if (d == null) return -1;
                int n = Math.min(len, d.length);
                System.arraycopy(d, 0, buf, off, n);
                return n;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted");
            }
        }

        @Override
        public void send(byte[] buf, int off, int len) throws IOException {
            if (!closed && !transportClosed) sender.send(buf, off, len);
        }

        @Override
        public void close() {
            transportClosed = true;
        }
    }
}
