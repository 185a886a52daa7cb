package org.tandem.appliance.blackbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

/**
 * A bare SIP socket for messages no SIP stack would send (torture messages, fuzz) and for exact
 * comparisons of answers: raw bytes out, parsed responses in. UDP: one message per datagram; TCP:
 * one connection, responses framed by Content-Length (RFC 3261 §18.3).
 */
public final class RawSip implements AutoCloseable {

    private final String transport;
    private final InetSocketAddress server;
    private final DatagramSocket udp;
    private final Socket tcp;
    private final InputStream tcpIn;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private boolean closedByPeer;
    private final String localAddress;

    private RawSip(String transport, InetSocketAddress server, String localAddress) throws IOException {
        this.transport = transport;
        this.server = server;
        this.localAddress = localAddress;
        InetAddress loopback = InetAddress.getByName(localAddress);
        if ("UDP".equals(transport)) {
            udp = new DatagramSocket(new InetSocketAddress(loopback, 0));
            tcp = null;
            tcpIn = null;
        } else {
            udp = null;
            Socket plain = new Socket();
            plain.bind(new InetSocketAddress(loopback, 0));
            plain.connect(server, 3000);
            tcp = "TLS".equals(transport) ? startTls(plain, server) : plain;
            tcp.setTcpNoDelay(true);
            tcpIn = tcp.getInputStream();
        }
    }

    /** TLS over an established connection, trusting the appliance's self-signed certificate. */
    private static Socket startTls(Socket plain, InetSocketAddress server) throws IOException {
        try {
            javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
            context.init(
                    null,
                    new javax.net.ssl.TrustManager[] {
                        new javax.net.ssl.X509TrustManager() {
                            @Override
                            public void checkClientTrusted(java.security.cert.X509Certificate[] c, String a) {}

                            @Override
                            public void checkServerTrusted(java.security.cert.X509Certificate[] c, String a) {}

                            @Override
                            public java.security.cert.X509Certificate[] getAcceptedIssuers() {
                                return new java.security.cert.X509Certificate[0];
                            }
                        }
                    },
                    null);
            javax.net.ssl.SSLSocket tls = (javax.net.ssl.SSLSocket)
                    context.getSocketFactory().createSocket(plain, server.getHostString(), server.getPort(), true);
            tls.setSoTimeout(5000);
            tls.startHandshake();
            return tls;
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("TLS unavailable", e);
        }
    }

    /** @param transport "UDP", "TCP" or "TLS" */
    public static RawSip open(String transport, int serverPort) {
        return open(transport, serverPort, TandemProcess.HOST);
    }

    /** @param localAddress the loopback address to send from (127.0.0.2 looks like another host) */
    public static RawSip open(String transport, int serverPort, String localAddress) {
        try {
            return new RawSip(
                    transport.toUpperCase(Locale.ROOT),
                    new InetSocketAddress(TandemProcess.HOST, serverPort),
                    localAddress);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open a " + transport + " socket to 127.0.0.1:" + serverPort, e);
        }
    }

    public String transport() {
        return transport;
    }

    public int localPort() {
        return udp != null ? udp.getLocalPort() : tcp.getLocalPort();
    }

    public String localAddress() {
        return localAddress;
    }

    public int serverPort() {
        return server.getPort();
    }

    public void send(byte[] message) {
        try {
            if (udp != null) {
                udp.send(new DatagramPacket(message, message.length, server));
            } else {
                tcp.getOutputStream().write(message);
                tcp.getOutputStream().flush();
            }
        } catch (IOException e) {
            if (tcp != null) {
                closedByPeer = true; // the server may close a stream it judged malformed
                return;
            }
            throw new UncheckedIOException("send failed", e);
        }
    }

    public void send(String message) {
        send(message.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** True once the server closed the TCP connection. */
    public boolean closedByPeer() {
        return closedByPeer;
    }

    /**
     * Collects responses until {@code done} holds for one of them or {@code max} has passed; returns
     * everything received meanwhile.
     */
    public List<SipText> collect(Predicate<SipText> done, Duration max) {
        List<SipText> got = new ArrayList<>();
        Instant deadline = Instant.now().plus(max);
        while (true) {
            long left = Duration.between(Instant.now(), deadline).toMillis();
            if (left <= 0) return got;
            SipText m = receive(left);
            if (m == null) {
                if (closedByPeer || Instant.now().isAfter(deadline)) return got;
                continue;
            }
            got.add(m);
            if (done.test(m)) return got;
        }
    }

    private SipText receive(long timeoutMillis) {
        try {
            if (udp != null) {
                udp.setSoTimeout((int) Math.max(1, timeoutMillis));
                byte[] buf = new byte[65_535];
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                udp.receive(p);
                return SipText.parse(new String(buf, 0, p.getLength(), StandardCharsets.ISO_8859_1));
            }
            return receiveFramed(timeoutMillis);
        } catch (SocketTimeoutException e) {
            return null;
        } catch (IOException e) {
            closedByPeer = true;
            return null;
        }
    }

    private SipText receiveFramed(long timeoutMillis) throws IOException {
        Instant deadline = Instant.now().plusMillis(timeoutMillis);
        byte[] buf = new byte[8192];
        while (true) {
            SipText framed = takeFramed();
            if (framed != null) return framed;
            long left = Duration.between(Instant.now(), deadline).toMillis();
            if (left <= 0 || closedByPeer) return null;
            tcp.setSoTimeout((int) Math.max(1, left));
            int n = tcpIn.read(buf);
            if (n < 0) {
                closedByPeer = true;
                return null;
            }
            pending.write(buf, 0, n);
        }
    }

    /** One complete message from the stream buffer, skipping CRLF keepalives (RFC 5626 §3.5.1). */
    private SipText takeFramed() {
        String s = pending.toString(StandardCharsets.ISO_8859_1);
        int start = 0;
        while (s.startsWith("\r\n", start)) start += 2;
        int end = s.indexOf("\r\n\r\n", start);
        if (end < 0) {
            if (start > 0) reset(s.substring(start));
            return null;
        }
        SipText head = SipText.parse(s.substring(start, end + 4));
        int length = head.contentLength();
        int total = end + 4 + Math.max(0, length);
        if (s.length() < total) return null;
        SipText message = SipText.parse(s.substring(start, total));
        reset(s.substring(total));
        return message;
    }

    private void reset(String rest) {
        pending.reset();
        pending.writeBytes(rest.getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * A REGISTER of {@code ext}@{@code domain} binding this socket's address for 600 s, with {@code authorization}
     * (the answer to a 401) or none.
     */
    public String register(String domain, String ext, String callId, int cseq, String authorization) {
        return "REGISTER sip:127.0.0.1:" + serverPort() + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + localPort() + ";branch=z9hG4bK-" + callId + "-" + cseq + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:" + ext + "@" + domain + ">;tag=t" + callId.hashCode() + "\r\n"
                + "To: <sip:" + ext + "@" + domain + ">\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: " + cseq + " REGISTER\r\n"
                + "Contact: <sip:" + ext + "@127.0.0.1:" + localPort() + ">\r\n"
                + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
                + "Expires: 600\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    /** An out-of-dialog OPTIONS to the server itself (no user part), from this socket. */
    public String optionsToServer(String callId) {
        String branch =
                "z9hG4bK-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
        return "OPTIONS sip:" + TandemProcess.HOST + ":" + server.getPort() + " SIP/2.0\r\n"
                + "Via: SIP/2.0/" + transport + " " + localAddress + ":" + localPort() + ";branch=" + branch
                + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:probe@" + TandemProcess.HOST + ">;tag=" + Long.toHexString(System.nanoTime()) + "\r\n"
                + "To: <sip:" + TandemProcess.HOST + ":" + server.getPort() + ">\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: 1 OPTIONS\r\n"
                + "Accept: application/sdp\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    /**
     * Sends OPTIONS to the server and returns its final answer, or null if none came within
     * {@code max} (UDP: retransmitted on T1 doubling, RFC 3261 §17.1.2.2).
     */
    public SipText ping(Duration max) {
        String callId = "ping-" + Long.toHexString(ThreadLocalRandom.current().nextLong()) + "@127.0.0.1";
        String options = optionsToServer(callId);
        Instant deadline = Instant.now().plus(max);
        long interval = 500;
        while (Instant.now().isBefore(deadline)) {
            send(options);
            long wait = Math.min(
                    interval,
                    Math.max(1, Duration.between(Instant.now(), deadline).toMillis()));
            for (SipText r : collect(
                    m -> m.isResponse() && callId.equals(m.callId()) && m.status() >= 200,
                    Duration.ofMillis(
                            udp != null
                                    ? wait
                                    : Duration.between(Instant.now(), deadline).toMillis()))) {
                if (r.isResponse() && callId.equals(r.callId()) && r.status() >= 200) return r;
            }
            if (closedByPeer) return null;
            interval = Math.min(interval * 2, 4000);
        }
        return null;
    }

    @Override
    public void close() {
        try {
            if (udp != null) udp.close();
            if (tcp != null) tcp.close();
        } catch (IOException ignored) {
            // closing
        }
    }
}
