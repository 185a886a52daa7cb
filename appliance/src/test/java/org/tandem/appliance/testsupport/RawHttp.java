package org.tandem.appliance.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One HTTP/1.1 GET (or the login form's GET and POST) from a chosen local address (java.net.http cannot bind its
 * source). Any 127.x.y.z
 * works as a source on Linux loopback, so a test can be a "second client" that gets banned while the
 * test's admin client (127.0.0.1) stays in.
 */
public final class RawHttp {

    private RawHttp() {}

    /** @return the status code */
    public static int get(String sourceAddress, int port, String path, String user, String password) {
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(InetAddress.getByName(sourceAddress), 0));
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
            s.setSoTimeout(20_000);
            String auth = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
            s.getOutputStream()
                    .write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: Basic " + auth
                                    + "\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
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

    private static final Pattern CSRF_META = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");
    private static final Pattern SESSION = Pattern.compile("(?im)^set-cookie:\\s*(JSESSIONID=[^;\\r\\n]+)");
    private static final Pattern LOCATION = Pattern.compile("(?im)^location:\\s*(\\S+)");

    /**
     * Logs in at the web UI's login form as a browser does: opens {@code /login} (a session and its CSRF token, from
     * the page's {@code _csrf} meta tag, as Vaadin's login form sends it), then posts the form.
     *
     * @return where the login sends the browser: {@code /login?error} when refused, the portal or dashboard when not
     */
    public static String formLogin(String sourceAddress, int port, String user, String password) {
        String page = exchange(
                sourceAddress,
                port,
                "GET /login HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n");
        Matcher session = SESSION.matcher(page);
        Matcher csrf = CSRF_META.matcher(page);
        if (!session.find() || !csrf.find())
            throw new IllegalStateException("no session or CSRF token on /login: " + page);
        String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf="
                + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
        String answer = exchange(
                sourceAddress,
                port,
                "POST /login HTTP/1.1\r\nHost: 127.0.0.1:" + port
                        + "\r\nCookie: " + session.group(1) + "\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                        + "Content-Length: " + form.getBytes(StandardCharsets.UTF_8).length
                        + "\r\nConnection: close\r\n\r\n" + form);
        Matcher location = LOCATION.matcher(answer);
        if (!location.find()) throw new IllegalStateException("the login form's POST did not redirect: " + answer);
        return location.group(1);
    }

    /** The whole answer (headers and body; a chunked body's chunk sizes stay in, between lines of their own). */
    private static String exchange(String sourceAddress, int port, String request) {
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(InetAddress.getByName(sourceAddress), 0));
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
            s.setSoTimeout(20_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!answer.toLowerCase(Locale.ROOT).startsWith("http/1.1 ")) throw new IllegalStateException(answer);
            return answer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
