package org.tandem.appliance.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * One HTTP/1.1 GET from a chosen local address (java.net.http cannot bind its source). Any 127.x.y.z
 * works as a source on Linux loopback, so a test can be a "second client" that gets banned while the
 * test's admin client (127.0.0.1) stays in.
 */
public final class RawHttp {

    private RawHttp() {
    }

    /** @return the status code */
    public static int get(String sourceAddress, int port, String path, String user, String password) {
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(InetAddress.getByName(sourceAddress), 0));
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
            s.setSoTimeout(20_000);
            String auth = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
            s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nAuthorization: Basic " + auth + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            StringBuilder statusLine = new StringBuilder();
            for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) statusLine.append((char) c);
            String[] parts = statusLine.toString().split(" ");
            if (parts.length < 2) throw new IllegalStateException("no HTTP status line: " + statusLine);
            return Integer.parseInt(parts[1].trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
