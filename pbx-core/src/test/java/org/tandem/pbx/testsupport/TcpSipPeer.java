package org.tandem.pbx.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SIP endpoint over one TCP connection it opened itself, as a phone behind NAT does: the server
 * must answer and keep it alive on that very connection.
 */
public final class TcpSipPeer implements SipPeer {

    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?im)^(?:Content-Length|l)\\s*:\\s*(\\d+)");

    private final Socket socket;
    private final InputStream in;
    /** Bytes received and not yet consumed as a message: keepalive CRLFs show up here. */
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    private int keepaliveCrlfs;
    private int crlfs;

    public TcpSipPeer(int serverPort) {
        this(serverPort, InetAddress.getLoopbackAddress().getHostAddress());
    }

    /** A connection already made: a TLS one ({@link #tls}) or one a phone's port accepted ({@link #accept}). */
    private TcpSipPeer(Socket connected) throws IOException {
        socket = connected;
        in = socket.getInputStream();
    }

    /**
     * A phone on SIP-TLS: a TLS connection to {@code serverTlsPort} on loopback (any certificate trusted: the test
     * PBX's is self-signed).
     */
    public static TcpSipPeer tls(int serverTlsPort) {
        try {
            javax.net.ssl.SSLContext tls = javax.net.ssl.SSLContext.getInstance("TLS");
            tls.init(
                    null,
                    new javax.net.ssl.TrustManager[] {
                        new javax.net.ssl.X509TrustManager() {
                            @Override
                            public void checkClientTrusted(
                                    java.security.cert.X509Certificate[] chain, String authType) {}

                            @Override
                            public void checkServerTrusted(
                                    java.security.cert.X509Certificate[] chain, String authType) {}

                            @Override
                            public java.security.cert.X509Certificate[] getAcceptedIssuers() {
                                return new java.security.cert.X509Certificate[0];
                            }
                        }
                    },
                    null);
            javax.net.ssl.SSLSocket socket = (javax.net.ssl.SSLSocket)
                    tls.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), serverTlsPort);
            socket.setSoTimeout(10_000);
            socket.startHandshake();
            return new TcpSipPeer(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public java.util.Optional<SipText> receive(Duration timeout) {
        return java.util.Optional.ofNullable(next(timeout));
    }

    /** A connection from {@code localAddress} (any of 127.0.0.0/8 on Linux). */
    public TcpSipPeer(int serverPort, String localAddress) {
        try {
            socket = new Socket();
            socket.bind(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), serverPort), 5000);
            in = socket.getInputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next connection made to {@code server} (a phone's listening port), within {@code timeout}; null if none. */
    public static TcpSipPeer accept(java.net.ServerSocket server, Duration timeout) {
        try {
            server.setSoTimeout((int) timeout.toMillis());
            return new TcpSipPeer(server.accept());
        } catch (java.net.SocketTimeoutException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public int localPort() {
        return socket.getLocalPort();
    }

    @Override
    public void send(String message) {
        try {
            socket.getOutputStream().write(message.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public SipText exchange(String request) {
        send(request);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            SipText m = next(Duration.ofNanos(deadline - System.nanoTime()));
            if (m != null && m.status() >= 200) return m;
        }
        throw new AssertionError("No final response to:\n" + request);
    }

    /** How many CRLF keepalives (RFC 5626 §3.5.1) arrived between messages so far. */
    public int keepalivesSeen() {
        return keepaliveCrlfs;
    }

    /** How many CRLFs arrived between messages so far: a pong (RFC 5626 §4.4.1) is a single one. */
    public int crlfsSeen() {
        return crlfs;
    }

    /** Reads for up to {@code timeout}; returns the next complete message, or null. */
    public SipText next(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] buf = new byte[8192];
        while (true) {
            SipText m = parsePending();
            if (m != null) return m;
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) return null;
            try {
                socket.setSoTimeout((int) Math.max(1, left));
                int n = in.read(buf);
                if (n < 0) return null;
                pending.write(buf, 0, n);
            } catch (SocketTimeoutException e) {
                // loop to the deadline check
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private SipText parsePending() {
        String s = pending.toString(StandardCharsets.UTF_8);
        int skipped = 0;
        while (s.startsWith("\r\n")) {
            s = s.substring(2);
            skipped++;
        }
        keepaliveCrlfs += skipped / 2;
        crlfs += skipped;
        if (skipped > 0) reset(s);
        int end = s.indexOf("\r\n\r\n");
        if (end < 0) return null;
        Matcher cl = CONTENT_LENGTH.matcher(s.substring(0, end));
        int body = cl.find() ? Integer.parseInt(cl.group(1)) : 0;
        int total = end + 4 + body;
        if (s.length() < total) return null;
        reset(s.substring(total));
        return new SipText(s.substring(0, total));
    }

    private void reset(String rest) {
        pending.reset();
        pending.writeBytes(rest.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
