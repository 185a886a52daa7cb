package org.tandem.pbx.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A real TLS client for probing a server's TLS policy: the JDK's (TLS 1.2 and 1.3, any suite it implements)
 * and OpenSSL's {@code s_client} for what the JDK client no longer offers (TLS 1.0/1.1: Java disables them in
 * {@code jdk.tls.disabledAlgorithms}, so only a foreign client proves the server refuses them).
 */
public final class TlsHandshake {

    /** What the handshake settled on, or why it failed ({@code protocol} null then). */
    public record Outcome(String protocol, String cipherSuite, String failure) {
        public boolean accepted() {
            return protocol != null;
        }

        @Override
        public String toString() {
            return accepted() ? protocol + " " + cipherSuite : "refused: " + failure;
        }
    }

    private TlsHandshake() {}

    /** A JDK handshake offering only {@code protocol} and {@code suites} (trusting any certificate). */
    public static Outcome jdk(String host, int port, String protocol, String... suites) {
        try {
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, new TrustManager[] {trustAll()}, null);
            try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(host, port)) {
                socket.setSoTimeout(10_000);
                socket.setEnabledProtocols(new String[] {protocol});
                if (suites.length > 0) socket.setEnabledCipherSuites(suites);
                socket.startHandshake();
                return new Outcome(
                        socket.getSession().getProtocol(), socket.getSession().getCipherSuite(), null);
            }
        } catch (IOException e) {
            return new Outcome(null, null, e.toString());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether {@code openssl} is on this machine (Debian: package openssl). */
    public static boolean opensslAvailable() {
        try {
            return new ProcessBuilder("openssl", "version")
                    .redirectErrorStream(true)
                    .start()
                    .waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * {@code openssl s_client} with {@code options} (e.g. {@code -tls1_1}); security level 0 so that OpenSSL 3
     * itself offers the old protocols and suites. Accepted means the server completed a handshake.
     */
    public static Outcome openssl(String host, int port, String... options) {
        List<String> cmd = new java.util.ArrayList<>(
                List.of("openssl", "s_client", "-connect", host + ":" + port, "-servername", "localhost", "-brief"));
        cmd.addAll(List.of(options));
        if (List.of(options).stream().noneMatch(o -> o.startsWith("-cipher"))) {
            cmd.addAll(List.of("-cipher", "ALL:@SECLEVEL=0"));
        }
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getOutputStream().close(); // EOF on stdin: s_client ends after the handshake
            if (!p.waitFor(15, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Outcome(null, null, "openssl timed out");
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String protocol = field(out, "Protocol version:");
            String suite = field(out, "Ciphersuite:");
            if (p.exitValue() == 0 && protocol != null) return new Outcome(protocol, suite, null);
            return new Outcome(null, null, out.strip());
        } catch (IOException e) {
            return new Outcome(null, null, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(null, null, "interrupted");
        }
    }

    private static String field(String out, String label) {
        return out.lines()
                .filter(l -> l.startsWith(label))
                .map(l -> l.substring(label.length()).strip())
                .findFirst()
                .orElse(null);
    }

    private static X509TrustManager trustAll() {
        return new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
    }
}
