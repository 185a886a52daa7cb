package org.tandem.appliance.blackbox;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A SIP-over-WebSocket client (RFC 7118) for tests, as a browser softphone is one: every WebSocket message one SIP
 * message. Two ways in: the JDK's {@link WebSocket} (an independent RFC 6455 implementation, subprotocol
 * {@code sip}), or a minimal client of its own on a socket bound to a chosen local address (the JDK's cannot
 * bind one before Java 19), which also shows a refused handshake's status and text.
 */
public final class WebSocketSip implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** The server's answer to an upgrade request: 101 when accepted. */
    public record Handshake(int status, String head, String body) {}

    private final BlockingQueue<SipText> inbox = new LinkedBlockingQueue<>();
    private final String instance = "ws" + Long.toHexString(RANDOM.nextLong() & Long.MAX_VALUE);
    private WebSocket jdk;
    private Socket raw;
    private volatile boolean closed;
    private boolean secure;

    private WebSocketSip() {}

    /** Connects with the JDK's client, offering the subprotocol {@code sip}. */
    public static WebSocketSip open(URI uri) {
        return open(uri, HttpClient.newHttpClient());
    }

    /** As {@link #open(URI)} to a {@code wss:} URI, trusting the appliance's certificate as a user who accepted it. */
    public static WebSocketSip openSecure(URI uri) {
        try {
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, new TrustManager[] {new AcceptedCertificate()}, null);
            WebSocketSip client =
                    open(uri, HttpClient.newBuilder().sslContext(tls).build());
            client.secure = true;
            return client;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static WebSocketSip open(URI uri, HttpClient http) {
        WebSocketSip client = new WebSocketSip();
        StringBuilder text = new StringBuilder();
        client.jdk = http.newWebSocketBuilder()
                .subprotocols("sip")
                .connectTimeout(Duration.ofSeconds(10))
                .buildAsync(uri, new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            client.inbox.add(SipText.parse(text.toString()));
                            text.setLength(0);
                        }
                        ws.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
                        client.closed = true;
                        return null;
                    }

                    @Override
                    public void onError(WebSocket ws, Throwable error) {
                        client.closed = true;
                    }
                })
                .join();
        return client;
    }

    /** The handshake answer to an upgrade request from {@code localAddress}, offering {@code protocols} (null: none). */
    public static Handshake handshake(String server, int port, String localAddress, String protocols) {
        try (Socket socket = connect(server, port, localAddress)) {
            return upgrade(socket, server, port, protocols);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Connects with the minimal client from {@code localAddress}, offering {@code sip}; fails unless 101. */
    public static WebSocketSip openFrom(String server, int port, String localAddress) {
        WebSocketSip client = new WebSocketSip();
        try {
            client.raw = connect(server, port, localAddress);
            Handshake answer = upgrade(client.raw, server, port, "sip");
            if (answer.status() != 101) {
                client.raw.close();
                throw new IllegalStateException("WebSocket handshake refused: " + answer.head());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread reader = new Thread(client::readFrames, "ws-test-reader");
        reader.setDaemon(true);
        reader.start();
        return client;
    }

    /** The SIP transport of this client's Via and Contact (RFC 7118 §5.2): WS, or WSS over TLS. */
    public String transport() {
        return secure ? "WSS" : "WS";
    }

    /** A host name of this client in the {@code .invalid} domain, as RFC 7118 §5.2 has a WebSocket client use. */
    public String invalidHost() {
        return instance + ".invalid";
    }

    public void send(String message) {
        try {
            if (jdk != null) {
                jdk.sendText(message, true).get(10, TimeUnit.SECONDS);
            } else {
                writeFrame(0x1, message.getBytes(StandardCharsets.UTF_8));
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot send over the WebSocket", e);
        }
    }

    public boolean closedByPeer() {
        return closed;
    }

    /** Messages until {@code done} holds for one or {@code max} passed; everything received meanwhile. */
    public List<SipText> collect(Predicate<SipText> done, Duration max) {
        List<SipText> got = new ArrayList<>();
        Instant deadline = Instant.now().plus(max);
        try {
            while (true) {
                long left = Duration.between(Instant.now(), deadline).toMillis();
                if (left <= 0) return got;
                SipText m = inbox.poll(left, TimeUnit.MILLISECONDS);
                if (m == null) return got;
                got.add(m);
                if (done.test(m)) return got;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return got;
        }
    }

    @Override
    public void close() {
        try {
            if (jdk != null) {
                jdk.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
            } else if (raw != null) {
                writeFrame(0x8, new byte[] {0x03, (byte) 0xE8});
                raw.close();
            }
        } catch (Exception ignored) {
            // closing anyway
        }
    }

    /** Trusts the certificate and its names as given (an extended manager: no host name check added by the JDK). */
    private static final class AcceptedCertificate extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] c, String a) {}

        @Override
        public void checkServerTrusted(X509Certificate[] c, String a) {}

        @Override
        public void checkClientTrusted(X509Certificate[] c, String a, Socket s) {}

        @Override
        public void checkServerTrusted(X509Certificate[] c, String a, Socket s) {}

        @Override
        public void checkClientTrusted(X509Certificate[] c, String a, SSLEngine e) {}

        @Override
        public void checkServerTrusted(X509Certificate[] c, String a, SSLEngine e) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    private static Socket connect(String server, int port, String localAddress) throws IOException {
        Socket socket = new Socket();
        if (localAddress != null) socket.bind(new InetSocketAddress(localAddress, 0));
        socket.connect(new InetSocketAddress(server, port), 5_000);
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static Handshake upgrade(Socket socket, String server, int port, String protocols) throws IOException {
        byte[] key = new byte[16];
        RANDOM.nextBytes(key);
        String request = "GET /ws HTTP/1.1\r\nHost: " + server + ":" + port + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: "
                + Base64.getEncoder().encodeToString(key) + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + (protocols == null ? "" : "Sec-WebSocket-Protocol: " + protocols + "\r\n") + "\r\n";
        socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) break;
            head.write(b);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        String[] statusLine = text.split("\r\n", 2)[0].split(" ");
        int status = statusLine.length > 1 ? Integer.parseInt(statusLine[1]) : 0;
        String body = "";
        if (status != 101) {
            // the refusal's text: up to the server's close, or what arrived within a second (keep-alive)
            socket.setSoTimeout(1_000);
            ByteArrayOutputStream text2 = new ByteArrayOutputStream();
            byte[] buf = new byte[4096];
            try {
                for (int n; (n = in.read(buf)) > 0; ) text2.write(buf, 0, n);
            } catch (IOException timeout) {
                // keep-alive: what arrived is enough
            }
            body = text2.toString(StandardCharsets.UTF_8);
        }
        return new Handshake(status, text, body);
    }

    /** RFC 6455 §5.2-5.3: a client frame, masked. */
    private synchronized void writeFrame(int opcode, byte[] payload) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x80 | opcode);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else {
            frame.write(0x80 | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length & 0xFF);
        }
        byte[] mask = new byte[4];
        RANDOM.nextBytes(mask);
        frame.write(mask);
        for (int i = 0; i < payload.length; i++) frame.write(payload[i] ^ mask[i % 4]);
        OutputStream out = raw.getOutputStream();
        out.write(frame.toByteArray());
        out.flush();
    }

    private void readFrames() {
        try {
            raw.setSoTimeout(0);
            DataInputStream in = new DataInputStream(raw.getInputStream());
            ByteArrayOutputStream message = new ByteArrayOutputStream();
            while (true) {
                int b0 = in.readUnsignedByte();
                int b1 = in.readUnsignedByte();
                long length = b1 & 0x7F;
                if (length == 126) length = in.readUnsignedShort();
                else if (length == 127) length = in.readLong();
                byte[] payload = new byte[(int) length];
                in.readFully(payload);
                int opcode = b0 & 0x0F;
                if (opcode == 0x8) break;
                if (opcode == 0x9) {
                    writeFrame(0xA, payload); // pong
                    continue;
                }
                if (opcode == 0xA) continue;
                message.write(payload);
                if ((b0 & 0x80) != 0) {
                    inbox.add(SipText.parse(message.toString(StandardCharsets.UTF_8)));
                    message.reset();
                }
            }
        } catch (IOException e) {
            // closed
        } finally {
            closed = true;
        }
    }
}
