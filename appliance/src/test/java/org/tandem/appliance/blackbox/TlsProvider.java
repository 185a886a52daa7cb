package org.tandem.appliance.blackbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A SIP provider over TLS for trunk tests (Debian's SIPp has no TLS): a TLS server on 127.0.0.1 with a certificate
 * from a test CA, that answers every INVITE with {@code 486 Busy Here} and every ACK with nothing, and records the
 * requests it read. {@link Authority} makes the CA, a trust store for the appliance's JVM, and the server's
 * certificates — one naming 127.0.0.1, one naming another host.
 */
final class TlsProvider implements AutoCloseable {

    private final SSLServerSocket server;
    private final List<String> requestLines = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    private TlsProvider(SSLServerSocket server) {
        this.server = server;
        this.acceptor = new Thread(this::serve, "tls-provider-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** The first lines of the requests read so far ("INVITE sip:... SIP/2.0", "ACK ..."). */
    List<String> requestLines() {
        return List.copyOf(requestLines);
    }

    private void serve() {
        while (!server.isClosed()) {
            try (SSLSocket connection = (SSLSocket) server.accept()) {
                connection.setSoTimeout(30_000);
                InputStream in = connection.getInputStream();
                OutputStream out = connection.getOutputStream();
                String message;
                while ((message = readMessage(in)) != null) {
                    SipText request = SipText.parse(message);
                    requestLines.add(message.lines().findFirst().orElse(""));
                    if (message.startsWith("INVITE ")) {
                        out.write(busy(request).getBytes(StandardCharsets.UTF_8));
                        out.flush();
                    }
                }
            } catch (IOException e) {
                // a refused handshake, a closed connection, or close(): wait for the next one
            }
        }
    }

    /** One SIP message framed by its Content-Length (RFC 3261 §18.3), or null at the end of the stream. */
    private static String readMessage(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            head.write(b);
            String text = head.toString(StandardCharsets.UTF_8);
            if (text.equals("\r\n")) head.reset(); // keepalive CRLF (RFC 5626 §4.4.1)
            if (text.endsWith("\r\n\r\n")) {
                int length = SipText.parse(text).contentLength();
                byte[] body = in.readNBytes(length);
                return text + new String(body, StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static String busy(SipText invite) {
        StringBuilder r = new StringBuilder("SIP/2.0 486 Busy Here\r\n");
        for (String via : invite.all("Via")) r.append("Via: ").append(via).append("\r\n");
        r.append("From: ").append(invite.header("From")).append("\r\n");
        r.append("To: ").append(invite.header("To")).append(";tag=busy1\r\n");
        r.append("Call-ID: ").append(invite.header("Call-ID")).append("\r\n");
        r.append("CSeq: ").append(invite.header("CSeq")).append("\r\n");
        r.append("Content-Length: 0\r\n\r\n");
        return r.toString();
    }

    @Override
    public void close() throws IOException {
        server.close();
        acceptor.interrupt();
    }

    /** A test CA and the certificates it signs. */
    static final class Authority {

        private static final char[] PASSWORD = "test-only".toCharArray();
        private final KeyPair keys;
        private final X509Certificate certificate;

        Authority() throws Exception {
            keys = ecKeys();
            X500Name name = new X500Name("CN=Tandem test provider CA");
            var builder = new JcaX509v3CertificateBuilder(
                    name,
                    BigInteger.ONE,
                    Date.from(Instant.now().minusSeconds(60)),
                    Date.from(Instant.now().plus(Duration.ofDays(1))),
                    name,
                    keys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            certificate = sign(builder);
        }

        /** A PKCS#12 trust store holding this CA, for {@code -Djavax.net.ssl.trustStore}. */
        Path trustStore(Path dir) throws Exception {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("test-ca", certificate);
            Path file = dir.resolve("test-cas.p12");
            try (OutputStream out = Files.newOutputStream(file)) {
                store.store(out, PASSWORD);
            }
            return file;
        }

        String trustStorePassword() {
            return new String(PASSWORD);
        }

        /** A provider whose certificate's subjectAltName is {@code name} (a GeneralName, e.g. an iPAddress). */
        TlsProvider provider(GeneralName name) throws Exception {
            KeyPair serverKeys = ecKeys();
            var builder = new JcaX509v3CertificateBuilder(
                    new X500Name("CN=Tandem test provider CA"),
                    BigInteger.valueOf(System.nanoTime()),
                    Date.from(Instant.now().minusSeconds(60)),
                    Date.from(Instant.now().plus(Duration.ofDays(1))),
                    new X500Name("CN=provider"),
                    serverKeys.getPublic());
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(name));
            X509Certificate leaf = sign(builder);
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("provider", serverKeys.getPrivate(), PASSWORD, new Certificate[] {leaf, certificate});
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(store, PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), null, null);
            SSLServerSocket server =
                    (SSLServerSocket) context.getServerSocketFactory().createServerSocket();
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return new TlsProvider(server);
        }

        private X509Certificate sign(JcaX509v3CertificateBuilder builder) throws Exception {
            return new JcaX509CertificateConverter()
                    .getCertificate(
                            builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
        }

        private static KeyPair ecKeys() throws Exception {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(256);
            return generator.generateKeyPair();
        }
    }
}
